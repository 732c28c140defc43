// What the running app (server/index.js) sends, over real HTTP: security headers on every kind
// of response (documents, ?_data= answers, resource routes, static files, redirects, 404s);
// private pages never storable, for a guest with a cart as for a visitor; and session cookies
// marked Secure when the site is served over https behind a trusted proxy (a second app server
// on its own port with TRUST_PROXY=1, as a deployment behind a load balancer runs it).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appBuildEnv, profileFromArgs, projectRoot } from '../../scripts/lib/profile.ts';
import { stackEnv } from '../support/stack-env.ts';

const env = stackEnv();
const appUrl = env.APP_URL;
const profile = profileFromArgs([`--profile=${process.env.STACK_PROFILE ?? 'test'}`]);
let productId = '';
let productSlug = '';

function expectSecurityHeaders(response: Response, what: string): void {
  const policy = response.headers.get('content-security-policy') ?? '';
  expect(policy, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(policy, what).toContain("frame-ancestors 'none'");
  expect(policy, what).toContain("object-src 'none'");
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
}

/** A guest with one unit in the cart, made through the app's own add-to-cart form. */
async function guestCookies(baseUrl = appUrl, extraHeaders: Record<string, string> = {}): Promise<{ cookie: string; setCookies: string[] }> {
  const response = await fetch(`${baseUrl}/en/cart`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...extraHeaders },
    body: new URLSearchParams({ intent: 'add', productId, quantity: '1' }),
  });
  expect(response.status).toBeLessThan(500);
  const setCookies = response.headers.getSetCookie();
  const cookie = setCookies.map((line) => line.split(';')[0]).join('; ');
  return { cookie, setCookies };
}

beforeAll(async () => {
  const db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  ({ id: productId, slug: productSlug } = (await db.query<{ id: string; slug: string }>(
    'select id, slug from public.products where stock > 10 order by slug limit 1')).rows[0]);
  await db.end();
});

describe('every response carries the security headers', () => {
  it('documents, data requests, resource routes, static files, redirects and 404s', async () => {
    const targets = [
      '/',
      '/th',
      `/en/products/${productSlug}`,
      `/ko/products/${productSlug}?_data=routes%2F%24lang.products.%24slug`,
      '/healthz',
      '/favicon.svg',
      '/fonts/noto-sans-thai/400.css',
      '/en/account',
      '/zh-tw/cart',
      '/en/no-such-page',
    ];
    for (const target of targets) {
      const response = await fetch(`${appUrl}${target}`, { redirect: 'manual' });
      expectSecurityHeaders(response, target);
    }
  });

  it('gives each document its own nonce, and every inline script carries it', async () => {
    const [first, second] = await Promise.all([fetch(`${appUrl}/en`), fetch(`${appUrl}/th`)]);
    const nonceOf = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    const html = await first.text();
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(first)}"`);
  });
});

describe('private pages are never stored', () => {
  it('account, orders, cart, checkout and favorites and their ?_data= answers say private, no-store', async () => {
    const { cookie } = await guestCookies();
    const pages = [
      ['/en/cart', 'routes/$lang.cart'],
      ['/th/checkout', 'routes/$lang.checkout'],
      ['/ko/orders', 'routes/$lang.orders._index'],
      ['/zh-TW/favorites', 'routes/$lang.favorites'],
      ['/en/account', 'routes/$lang.account'],
      // The redirects to the canonical or negotiated language are no more storable.
      ['/zh-tw/account', 'routes/$lang.account'],
      ['/cart', 'routes/$lang.cart'],
    ];
    for (const [page, routeId] of pages) {
      for (const target of [page, `${page}?_data=${encodeURIComponent(routeId)}`]) {
        const response = await fetch(`${appUrl}${target}`, { headers: { Cookie: cookie }, redirect: 'manual' });
        expect(response.headers.get('cache-control'), target).toBe('private, no-store');
      }
    }
  });

  it('catalog pages stay publicly cacheable for visitors', async () => {
    for (const locale of ['en', 'th', 'ko', 'zh-TW']) {
      const response = await fetch(`${appUrl}/${locale}/products/${productSlug}`);
      expect(response.headers.get('cache-control'), locale).toMatch(/^public/);
    }
  });
});

describe('session cookies over https', () => {
  let server: ChildProcess | undefined;
  const port = 3900 + Math.floor(Math.random() * 90);
  const behindProxy = `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    server = spawn(process.execPath, ['server/index.js', appBuildEnv(profile).serverFile], {
      cwd: projectRoot,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', TRUST_PROXY: '1' },
      stdio: 'ignore',
    });
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (await fetch(`${behindProxy}/healthz`).then(() => true, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the app server on ${port} did not start (${path.join(projectRoot, 'server/index.js')})`);
  });

  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('are Secure when the proxy says the visitor came over https, and not over plain http', async () => {
    const overHttps = await guestCookies(behindProxy, { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '198.51.100.20' });
    expect(overHttps.setCookies.length).toBeGreaterThan(0);
    for (const line of overHttps.setCookies) expect(line).toMatch(/;\s*Secure/i);
    const overHttp = await guestCookies(behindProxy, { 'X-Forwarded-For': '198.51.100.21' });
    for (const line of overHttp.setCookies) expect(line).not.toMatch(/;\s*Secure/i);
    const https = await fetch(`${behindProxy}/en`, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(https.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});
