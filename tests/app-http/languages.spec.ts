// The store's languages over real HTTP: every page has one URL per language; a path without a
// language is redirected to the visitor's (saved choice, else Accept-Language, else English)
// with headers that keep caches honest; the document says its language, links its
// translations, carries only its own language's messages and its script's fonts.
import http from 'node:http';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { stackEnv } from '../support/stack-env.ts';
import { createTestClient } from '../support/supabase-client.ts';

const env = stackEnv();
const appUrl = env.APP_URL;
let productSlug = '';

beforeAll(async () => {
  const db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  productSlug = (await db.query<{ slug: string }>('select slug from public.products order by slug limit 1')).rows[0].slug;
  await db.end();
});

function statusOfRawPath(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(`${appUrl}/`, { path }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${appUrl}${path}`, { redirect: 'manual', headers });
}

describe('a path without a language', () => {
  it('goes to the browser’s language, keeping the path and query', async () => {
    const cases: [string, string, string][] = [
      ['/', 'ko-KR,ko;q=0.9,en;q=0.5', '/ko'],
      [`/products/${productSlug}?ref=x`, 'th-TH,th;q=0.9', `/th/products/${productSlug}?ref=x`],
      ['/cart', 'zh-TW,zh;q=0.9', '/zh-TW/cart'],
      ['/', 'fr-FR,fr;q=0.9', '/en'],
      ['/', '', '/en'],
    ];
    for (const [path, acceptLanguage, expected] of cases) {
      const response = await get(path, acceptLanguage ? { 'Accept-Language': acceptLanguage } : {});
      expect(response.status, `${path} ${acceptLanguage}`).toBe(302);
      expect(response.headers.get('location'), `${path} ${acceptLanguage}`).toBe(expected);
      // The answer depends on these two headers: a shared cache must key on them or not keep it.
      expect(response.headers.get('vary')).toMatch(/Accept-Language/);
      expect(response.headers.get('vary')).toMatch(/Cookie/);
      expect(response.headers.get('cache-control')).toMatch(/private/);
    }
  });

  it('prefers the saved choice of the switcher over the browser’s language', async () => {
    const chosen = await fetch(`${appUrl}/language`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
      body: new URLSearchParams({ lang: 'th', next: `/ko/products/${productSlug}?ref=x` }),
    });
    expect(chosen.status).toBe(302);
    // The same page, in the chosen language.
    expect(chosen.headers.get('location')).toBe(`/th/products/${productSlug}?ref=x`);
    const cookie = chosen.headers.getSetCookie().find((line) => line.startsWith('lang='));
    expect(cookie).toMatch(/^lang=[^;]+;.*Path=\//);
    const later = await get('/', { Cookie: cookie!.split(';')[0], 'Accept-Language': 'ko' });
    expect(later.headers.get('location')).toBe('/th');
  });

  it('saves a signed-in account’s choice in its profile (the language its mail will use)', async () => {
    const email = `language-${crypto.randomBytes(4).toString('hex')}@example.com`;
    const password = `pw-${crypto.randomBytes(8).toString('hex')}`;
    const admin = createTestClient(env.SUPABASE_SERVICE_ROLE_KEY);
    const created = await admin.auth.admin.createUser({ email, password, email_confirm: true });
    if (created.error) throw created.error;
    const db = new pg.Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    try {
      const login = await fetch(`${appUrl}/en/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
        body: new URLSearchParams({ email, password, redirectTo: '/en' }),
      });
      expect(login.status).toBe(302);
      const cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
      const chosen = await fetch(`${appUrl}/language`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl, Cookie: cookie },
        body: new URLSearchParams({ lang: 'zh-TW', next: '/en/account' }),
      });
      expect(chosen.headers.get('location')).toBe('/zh-TW/account');
      const { rows } = await db.query<{ locale: string | null }>('select locale::text from public.profiles where id = $1', [created.data.user.id]);
      expect(rows[0].locale).toBe('zh-TW');
    } finally {
      await db.end();
      await admin.auth.admin.deleteUser(created.data.user.id);
    }
  });

  it('refuses an unknown language choice by going home, and never sends visitors off-site', async () => {
    const unknown = await fetch(`${appUrl}/language`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
      body: new URLSearchParams({ lang: 'xx', next: '/cart' }),
    });
    expect(unknown.headers.get('location')).toBe('/');
    const offSite = await fetch(`${appUrl}/language`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
      body: new URLSearchParams({ lang: 'ko', next: '//evil.example/x' }),
    });
    expect(offSite.headers.get('location')).toBe('/ko');
  });

  it('spells a language one way: /zh-tw/… moves permanently to /zh-TW/…', async () => {
    const response = await get(`/zh-tw/products/${productSlug}`);
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`/zh-TW/products/${productSlug}`);
  });

  it('answers a path that is no page with the 404 page in the visitor’s language, never a 500', async () => {
    const redirected = await get('/no/such/page', { 'Accept-Language': 'ko' });
    expect(redirected.headers.get('location')).toBe('/ko/no/such/page');
    const page = await get('/ko/no/such/page');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('<html lang="ko"');
  });
});

describe('a page in a language', () => {
  it('says its language, and links the same page in every language', async () => {
    const response = await get(`/th/products/${productSlug}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="th"');
    for (const locale of ['en', 'th', 'ko', 'zh-TW']) {
      expect(html).toContain(`<link rel="alternate" hrefLang="${locale}" href="${appUrl}/${locale}/products/${productSlug}"/>`);
    }
    expect(html).toContain(`<link rel="alternate" hrefLang="x-default" href="${appUrl}/products/${productSlug}"/>`);
  });

  it('carries only its own language’s messages', async () => {
    for (const [locale, ownText, otherScripts] of [
      ['ko', '장바구니', /[\u0E00-\u0E7F\u4E00-\u9FFF]/],
      ['th', 'ตะกร้า', /[\uAC00-\uD7AF\u4E00-\u9FFF]/],
      ['zh-TW', '購物車', /[\u0E00-\u0E7F\uAC00-\uD7AF]/],
    ] as const) {
      const html = await (await get(`/${locale}`)).text();
      const payload = /<script id="i18n-messages" type="application\/json"[^>]*>(.*?)<\/script>/s.exec(html)?.[1] ?? '';
      const data = JSON.parse(payload) as { locale: string; resources: Record<string, unknown> };
      expect(data.locale).toBe(locale);
      expect(JSON.stringify(data.resources)).toContain(ownText);
      expect(JSON.stringify(data.resources), `${locale} page carries another script's messages`).not.toMatch(otherScripts);
      expect(Object.keys(data.resources).sort()).toEqual(['account', 'cart', 'catalog', 'common', 'errors', 'events', 'validation']);
    }
  });

  it('loads the web font of its script only', async () => {
    const korean = await (await get('/ko')).text();
    expect(korean).toContain('href="/fonts/noto-sans-kr/400.css"');
    expect(korean).not.toContain('noto-sans-thai');
    const english = await (await get('/en')).text();
    expect(english).not.toContain('/fonts/');
    const sheet = await get('/fonts/noto-sans-kr/400.css');
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toMatch(/text\/css/);
    const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(await sheet.text())?.[1];
    expect(file).toBeTruthy();
    const font = await get(`/fonts/noto-sans-kr/${file}`);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toMatch(/font\/woff2/);
    // Nothing else of the package (or of node_modules) is served.
    expect((await get('/fonts/noto-sans-kr/package.json')).status).toBe(404);
    // Sent as written (fetch would resolve the dots before sending).
    for (const path of ['/fonts/noto-sans-kr/../../react/package.json', '/fonts/noto-sans-kr/%2e%2e/%2e%2e/react/package.json', '/fonts/noto-sans-kr/files/../package.json']) {
      expect(await statusOfRawPath(path), path).toBe(404);
    }
  });
});
