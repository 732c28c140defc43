// The app's short cache of anonymous catalog pages (server/page-cache.js), against the served
// app: it hands out only what is already public, to whoever would get the same page. A signed-in
// visitor never gets the anonymous copy and an anonymous visitor never gets a signed-in page;
// the URL's language is always the page's; a stock change shows within the cache's TTL, and at
// once when the app itself made it; an answer that sets a cookie is never handed to anyone else.
// Each test uses a URL of its own (an extra query parameter, which the pages ignore), so what
// earlier requests left in the cache does not decide it. An answer from the cache carries Age.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPageCache, parsePageCacheTtl, storableSeconds } from '../../server/page-cache.js';
import { stackEnv } from '../support/stack-env.ts';
import { createTestClient } from '../support/supabase-client.ts';

const env = stackEnv();
const appUrl = env.APP_URL;
const ttlSeconds = parsePageCacheTtl(process.env.PAGE_CACHE_TTL_SECONDS);
const product = '/products/lumen-40-headphones';
const db = new pg.Client({ connectionString: env.DATABASE_URL });

let userId = '';
let email = '';
let cookie = '';
let originalStock = 0;

const fresh = (path: string) => `${path}${path.includes('?') ? '&' : '?'}v=${crypto.randomBytes(6).toString('hex')}`;
const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, appUrl), { redirect: 'manual', headers });
const productBadge = (html: string) => /class="product-page__meta">[\s\S]*?data-testid="availability">([^<]*)</.exec(html)?.[1];

const headerNonce = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get('Content-Security-Policy') ?? '')?.[1];
const bodyNonces = (html: string) => new Set([...html.matchAll(/ nonce="([^"]+)"/g)].map((match) => match[1]));

/**
 * Asks twice without cookies: the second answer comes from the cache (it carries Age), with its
 * own CSP nonce in the header and in every inline script, not the first answer's.
 */
async function cacheAnonymously(path: string): Promise<string> {
  const first = await get(path);
  expect(first.status).toBe(200);
  await first.arrayBuffer();
  const second = await get(path);
  expect(second.headers.get('Age'), `${path} is answered from the cache`).not.toBeNull();
  const html = await second.text();
  expect(headerNonce(second)).not.toBe(headerNonce(first));
  expect([...bodyNonces(html)]).toEqual([headerNonce(second)]);
  return html;
}

beforeAll(async () => {
  email = `page-cache-${crypto.randomBytes(4).toString('hex')}@example.com`;
  const password = `pw-${crypto.randomBytes(8).toString('hex')}`;
  const created = await createTestClient(env.SUPABASE_SECRET_KEY).auth.admin.createUser({ email, password, email_confirm: true });
  if (created.error) throw created.error;
  userId = created.data.user.id;
  const login = await fetch(`${appUrl}/en/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
    body: new URLSearchParams({ email, password, redirectTo: '/en/account' }),
  });
  expect(login.status).toBe(302);
  cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  await db.connect();
  const { rows } = await db.query<{ stock: number }>('select stock from public.products where slug = $1', ['lumen-40-headphones']);
  originalStock = rows[0].stock;
});

afterAll(async () => {
  await db.query('update public.products set stock = $2 where slug = $1', ['lumen-40-headphones', originalStock]);
  await db.end();
  if (userId) await createTestClient(env.SUPABASE_SECRET_KEY).auth.admin.deleteUser(userId);
});

describe('the page cache', () => {
  it('never serves the cached anonymous page to a signed-in visitor', async () => {
    for (const page of [fresh('/en'), fresh(`/en${product}`), fresh('/en/categories/headphones')]) {
      const anonymous = await cacheAnonymously(page);
      expect(anonymous).not.toContain(email);
      const signedIn = await get(page, { Cookie: cookie });
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('Age')).toBeNull();
      expect(signedIn.headers.get('Cache-Control')).toMatch(/private/);
      expect(await signedIn.text(), `${page} signed in shows the account`).toContain(email);
    }
  });

  it('never serves a signed-in page to an anonymous visitor, nor to a guest with another cookie', async () => {
    const page = fresh(`/en${product}`);
    for (let i = 0; i < 2; i += 1) expect(await (await get(page, { Cookie: cookie })).text()).toContain(email);
    const anonymous = await get(page);
    expect(anonymous.headers.get('Cache-Control')).toMatch(/^public/);
    expect(await anonymous.text()).not.toContain(email);
    // A cookie the cache does not know (any session or cart cookie) is never answered from it.
    const other = await get(page, { Cookie: 'cart_transfer=x' });
    expect(other.headers.get('Age')).toBeNull();
  });

  it('answers every URL in its own language, whatever the cookie or Accept-Language says', async () => {
    const suffix = fresh('');
    const english = await cacheAnonymously(`/en${product}${suffix}`);
    expect(english).toMatch(/<html lang="en"/);
    for (const locale of ['th', 'ko', 'zh-TW']) {
      const other = await get(`/${locale}${product}${suffix}`, { 'Accept-Language': 'en' });
      expect(other.status).toBe(200);
      expect(await other.text()).toMatch(new RegExp(`<html lang="${locale}"`));
    }
    // The saved-language cookie changes nothing on a URL with a language, and is part of the key.
    const withCookie = await get(`/en${product}${suffix}`, { Cookie: 'lang=th', 'Accept-Language': 'th' });
    expect(await withCookie.text()).toMatch(/<html lang="en"/);
    const thai = await cacheAnonymously(`/th${product}${suffix}`);
    expect(thai).toMatch(/<html lang="th"/);
  });

  it(`shows a stock change made elsewhere within its TTL (${ttlSeconds} s), and one the app made at once`, async () => {
    const page = fresh(`/en${product}`);
    expect(productBadge(await cacheAnonymously(page))).toBe('In stock');
    const changedAt = Date.now();
    await db.query('update public.products set stock = 0 where slug = $1', ['lumen-40-headphones']);
    let badge: string | undefined;
    while (Date.now() - changedAt < (ttlSeconds + 2) * 1000) {
      badge = productBadge(await (await get(page)).text());
      if (badge === 'Sold out') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(badge).toBe('Sold out');
    expect(Date.now() - changedAt).toBeLessThanOrEqual((ttlSeconds + 1) * 1000);

    // Back in stock, and the cache holds the sold-out page again; any action of the app (here a
    // visitor's add-to-cart that is refused: no such product) empties it.
    await db.query('update public.products set stock = $2 where slug = $1', ['lumen-40-headphones', originalStock]);
    const soldOut = fresh(`/en${product}`);
    await db.query('update public.products set stock = 0 where slug = $1', ['lumen-40-headphones']);
    expect(productBadge(await cacheAnonymously(soldOut))).toBe('Sold out');
    await db.query('update public.products set stock = $2 where slug = $1', ['lumen-40-headphones', originalStock]);
    const action = await fetch(`${appUrl}/en/cart`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
      body: new URLSearchParams({ intent: 'add', productId: 'no-such-product', quantity: '1' }),
    });
    await action.arrayBuffer();
    const after = await get(soldOut);
    expect(after.headers.get('Age')).toBeNull();
    expect(productBadge(await after.text())).toBe('In stock');
  });

  it('never hands an answer that sets a cookie to the next visitor', async () => {
    // A session the app cannot refresh: the answer clears the cookie (and is no-store).
    const page = fresh(`/en${product}`);
    const stale = 'sb-127-auth-token=base64-eyJhY2Nlc3NfdG9rZW4iOiJ4IiwicmVmcmVzaF90b2tlbiI6InkiLCJleHBpcmVzX2F0IjoxfQ';
    const cleared = await get(page, { Cookie: stale });
    await cleared.arrayBuffer();
    expect(cleared.headers.getSetCookie().length).toBeGreaterThan(0);
    for (let i = 0; i < 2; i += 1) {
      const next = await get(page);
      await next.arrayBuffer();
      expect(next.status).toBe(200);
      expect(next.headers.getSetCookie()).toEqual([]);
    }
  });
});

describe('what the page cache may store (its rules, on real Responses)', () => {
  const publicPage = { 'Cache-Control': 'public, max-age=60, stale-while-revalidate=300', Vary: 'Cookie' };
  it('keeps a public 200 for the shorter of its TTL and the declared max-age', () => {
    expect(storableSeconds(new Response('x', { headers: publicPage }), 5)).toBe(5);
    expect(storableSeconds(new Response('x', { headers: { ...publicPage, 'Cache-Control': 'public, max-age=2' } }), 5)).toBe(2);
  });
  it('keeps nothing that sets a cookie, is not public, is no 200 or varies on a header the key lacks', () => {
    const setsCookie = new Response('x', { headers: publicPage });
    setsCookie.headers.append('Set-Cookie', 'a=b');
    expect(storableSeconds(setsCookie, 5)).toBe(0);
    for (const cacheControl of ['private, no-cache', 'no-store', 'public, no-store, max-age=60', 'public', 'max-age=60']) {
      expect(storableSeconds(new Response('x', { headers: { ...publicPage, 'Cache-Control': cacheControl } }), 5), cacheControl).toBe(0);
    }
    expect(storableSeconds(new Response('x', { status: 404, headers: publicPage }), 5)).toBe(0);
    expect(storableSeconds(new Response('x', { headers: { ...publicPage, Vary: 'Cookie, Accept-Language' } }), 5)).toBe(0);
  });
  it('is bypassed by any cookie but tz and lang, by Authorization, by other methods and other pages', () => {
    const cache = createPageCache({ ttlSeconds: 5 });
    const base = { method: 'GET', url: 'http://x/en', cookie: undefined as string | undefined, authorization: undefined as string | undefined, sharedPath: true };
    expect(cache.keyFor(base)).not.toBeNull();
    expect(cache.keyFor({ ...base, cookie: 'tz=Asia%2FBangkok; lang=th' })).not.toBe(cache.keyFor({ ...base, cookie: 'tz=UTC' }));
    for (const cookieHeader of ['sb-127-auth-token=x', 'tz=UTC; sb-127-auth-token.0=x', 'cart_transfer=x', 'anything=1']) {
      expect(cache.keyFor({ ...base, cookie: cookieHeader }), cookieHeader).toBeNull();
    }
    expect(cache.keyFor({ ...base, authorization: 'Bearer x' })).toBeNull();
    expect(cache.keyFor({ ...base, method: 'POST' })).toBeNull();
    expect(cache.keyFor({ ...base, sharedPath: false })).toBeNull();
  });
  it('is bounded: the least recently used copy goes first', () => {
    const cache = createPageCache({ ttlSeconds: 5, maxEntries: 2 });
    const response = new Response('x', { headers: publicPage });
    for (const key of ['a', 'b', 'c']) cache.set(key, response, key, undefined, 5);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeNull();
  });
});
