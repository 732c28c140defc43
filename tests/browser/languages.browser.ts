// The store in its four languages, in a real browser: a Korean-speaking visitor lands on Korean
// pages, switches to Thai on the page they are on, signs up with a Thai name, orders, and reads
// Thai prices and Buddhist-era dates; axe passes on each language's pages; at phone width every
// language's pages fit the screen in their own web font (screenshots in test-results/languages/).
// Labels are read from the message files, so the test follows the wording and fails when a page
// shows the wrong language.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import type { Page } from 'playwright-core';
import koCommon from '../../app/locales/ko/common.json' with { type: 'json' };
import thAccount from '../../app/locales/th/account.json' with { type: 'json' };
import thCart from '../../app/locales/th/cart.json' with { type: 'json' };
import thCommon from '../../app/locales/th/common.json' with { type: 'json' };
import { stackEnv } from '../support/stack-env.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { createTestShopper, resultsDir, startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();

const thaiScript = /[\u0E00-\u0E7F]/;
const usDollars = /US\$\d{1,3}(,\d{3})*\.\d{2}/;

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

async function productWithStock(): Promise<string> {
  const db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
  await db.connect();
  try {
    return (await db.query<{ slug: string }>('select slug from public.products where stock > 10 order by slug limit 1')).rows[0].slug;
  } finally {
    await db.end();
  }
}

/** The first product linked from the page's main content. */
async function firstProductPath(page: Page, locale: string): Promise<string> {
  const href = await page.locator(`main a[href^="/${locale}/products/"]`).first().getAttribute('href');
  assert.ok(href, `a ${locale} product link on ${page.url()}`);
  return href;
}

test('a Korean browser lands in Korean, switches to Thai, signs up with a Thai name, orders and reads Thai prices and dates', async (t) => {
  const shopper = createTestShopper('thai');
  await withPage(
    t,
    browser(),
    async (page) => {
      await page.goto('/');
      await page.waitForURL((url) => url.pathname === '/ko');
      assert.equal(await htmlLang(page), 'ko');
      await page.getByRole('banner').getByRole('link', { name: koCommon.header.createAccount }).waitFor();
      await expectNoAxeViolations(page, 'the Korean home page');

      // The switcher keeps the page: a Korean product page becomes the same product in Thai.
      // A product with plenty in stock, so other tests' purchases cannot sell it out under us.
      const slug = await productWithStock();
      await page.goto(`/ko/products/${slug}`);
      await page.locator('.language-switcher summary').click();
      await page.getByRole('button', { name: 'ไทย' }).click();
      await page.waitForURL((url) => url.pathname === `/th/products/${slug}`);
      assert.equal(await htmlLang(page), 'th');
      const productName = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
      assert.match(productName, thaiScript, 'the product name comes from the Thai catalog');
      assert.match((await page.locator('.product-page__meta .price').textContent()) ?? '', usDollars);
      await expectNoAxeViolations(page, 'a Thai product page');

      // The choice is remembered: an unprefixed link now opens in Thai, whatever the browser says.
      await page.goto('/cart');
      await page.waitForURL((url) => url.pathname === '/th/cart');
      await page.goto(`/th/products/${slug}`);

      await page.getByLabel(thCart.addToCart.quantity, { exact: true }).fill('1');
      await page.getByRole('button', { name: thCart.addToCart.add }).click();
      await page.waitForURL('**/th/cart?added=*');

      await page.getByRole('banner').getByRole('link', { name: thCommon.header.createAccount }).click();
      await page.waitForURL('**/th/signup');
      await page.getByLabel(thAccount.fields.firstName, { exact: true }).fill('สมชาย');
      await page.getByLabel(thAccount.fields.lastName, { exact: true }).fill('ใจดี');
      await page.getByLabel(thAccount.fields.email, { exact: true }).fill(shopper.email);
      await page.getByLabel(thAccount.fields.password, { exact: true }).fill(shopper.password);
      await page.getByLabel(thAccount.fields.confirmPassword, { exact: true }).fill(shopper.password);
      await page.locator('input[name="acceptTerms"]').check();
      await page.getByRole('button', { name: thAccount.signup.submit }).click();
      await page.waitForURL('**/th/account');
      // Given name first in Thai.
      await page.getByText('สมชาย ใจดี').first().waitFor();

      await page.goto('/th/cart');
      await page.getByRole('link', { name: thCart.cart.checkout }).click();
      await page.waitForURL('**/th/checkout');
      await page.getByLabel(thCart.checkout.name, { exact: true }).fill('สมชาย ใจดี');
      await page.getByLabel(thCart.checkout.email, { exact: true }).fill(shopper.email);
      await page.getByLabel(thCart.checkout.address, { exact: true }).fill('99 ถนนสุขุมวิท');
      await page.getByLabel(thCart.checkout.zip, { exact: true }).fill('10110');
      await page.getByLabel(thCart.checkout.city, { exact: true }).fill('กรุงเทพมหานคร');
      await page.getByLabel(thCart.checkout.country, { exact: true }).selectOption('TH');
      await page.getByLabel(thCart.paymentMethod.cash, { exact: true }).check();
      await page.getByRole('button', { name: thCart.checkout.submit }).click();
      await page.waitForURL(/\/th\/orders\/[0-9a-f-]{36}\?placed=1$/);

      const main = page.getByRole('main');
      assert.match((await main.textContent()) ?? '', usDollars, 'order totals in US dollars, written the Thai way');
      // Placed today, in Bangkok, in the Buddhist era (543 years ahead of the Gregorian year).
      const gregorianYear = Number(new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: 'Asia/Bangkok' }).format(new Date()));
      const placed = (await main.locator('time').first().textContent()) ?? '';
      assert.ok(placed.includes(String(gregorianYear + 543)), `"${placed}" is a Buddhist-era date`);
      assert.ok(!placed.includes(String(gregorianYear)), `"${placed}" shows no Gregorian year`);
      assert.match(placed, thaiScript, `"${placed}" names the month in Thai`);
      await expectNoAxeViolations(page, 'a Thai order page');

      // The account keeps the language it signed up in (mail will be written in it).
      const db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
      await db.connect();
      try {
        const { rows } = await db.query<{ locale: string | null; first_name: string; last_name: string }>(
          `select p.locale::text, p.first_name, p.last_name from public.profiles p join auth.users u on u.id = p.id where u.email = $1`,
          [shopper.email],
        );
        assert.deepEqual(rows[0], { locale: 'th', first_name: 'สมชาย', last_name: 'ใจดี' });
      } finally {
        await db.end();
      }
    },
    { locale: 'ko-KR', timezoneId: 'Asia/Bangkok' },
  );
});

test('a Korean or Chinese reader sees names family name first, and is asked for it first', async (t) => {
  await withPage(t, browser(), async (page) => {
    for (const locale of ['ko', 'zh-TW']) {
      await page.goto(`/${locale}/signup`);
      const names = await page.locator('input[name="firstName"], input[name="lastName"]').evaluateAll((inputs) =>
        inputs.map((input) => input.getAttribute('name')),
      );
      assert.deepEqual(names, ['lastName', 'firstName'], `${locale} asks for the family name first`);
    }
    await page.goto('/th/signup');
    const thai = await page.locator('input[name="firstName"], input[name="lastName"]').evaluateAll((inputs) =>
      inputs.map((input) => input.getAttribute('name')),
    );
    assert.deepEqual(thai, ['firstName', 'lastName']);
  });
});

const fontOf: Record<string, { family: string; sample: string } | null> = {
  en: null,
  th: { family: 'Noto Sans Thai', sample: 'ตะกร้า' },
  ko: { family: 'Noto Sans KR', sample: '장바구니' },
  'zh-TW': { family: 'Noto Sans TC', sample: '購物車' },
};

test('at phone width every language fits the screen, in a font that has its script', async (t) => {
  const folder = path.join(resultsDir, 'languages');
  fs.mkdirSync(folder, { recursive: true });
  await withPage(
    t,
    browser(),
    async (page) => {
      for (const [locale, font] of Object.entries(fontOf)) {
        await page.goto(`/${locale}`);
        const productPath = await firstProductPath(page, locale);
        for (const [name, target] of [
          ['home', `/${locale}`],
          ['product', productPath],
          ['signup', `/${locale}/signup`],
          ['checkout-empty', `/${locale}/checkout`],
        ]) {
          await page.goto(target);
          await page.evaluate(() => document.fonts.ready.then(() => undefined));
          const { scrollWidth, clientWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
          }));
          await page.screenshot({ path: path.join(folder, `${locale}-${name}.png`), fullPage: true });
          assert.ok(scrollWidth <= clientWidth, `${target} scrolls sideways at 375px: ${scrollWidth}px`);
          if (!font) continue;
          // The page's own font loaded the pieces its text needs, and can draw the script.
          const loaded = await page.evaluate(
            ({ family, sample }) => ({
              drawable: document.fonts.check(`16px "${family}"`, sample),
              faces: [...document.fonts].filter((face) => face.family.replace(/"/g, '') === family && face.status === 'loaded').length,
              bodyFont: getComputedStyle(document.body).fontFamily,
            }),
            font,
          );
          assert.ok(loaded.bodyFont.includes(font.family), `${target} body font is ${loaded.bodyFont}`);
          assert.ok(loaded.drawable, `${font.family} can draw ${font.sample} on ${target}`);
          assert.ok(loaded.faces > 0, `${target} loaded pieces of ${font.family}`);
        }
      }
    },
    { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
  );
});

test('axe passes on the catalog, cart and sign-up pages in every language', async (t) => {
  await withPage(t, browser(), async (page) => {
    for (const locale of ['en', 'th', 'ko', 'zh-TW']) {
      await page.goto(`/${locale}`);
      await expectNoAxeViolations(page, `${locale} home`);
      await page.goto(await firstProductPath(page, locale));
      await expectNoAxeViolations(page, `${locale} product`);
      // The open language menu, too.
      await page.locator('.language-switcher summary').click();
      await expectNoAxeViolations(page, `${locale} language menu`);
      await page.goto(`/${locale}/signup`);
      await expectNoAxeViolations(page, `${locale} sign-up`);
      await page.goto(`/${locale}/cart`);
      await expectNoAxeViolations(page, `${locale} cart`);
    }
  });
});

// The pages' text comes from the same translator on the server and in the browser
// (app/i18n/translator.ts): React must hydrate every page without a mismatch. In production React
// reports a mismatch as a recoverable error (console or window error), so any of those fails.
test('every language’s pages hydrate without a React error or warning', async (t) => {
  await withPage(t, browser(), async (page) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      // The 404 page answers 404 and its error boundary logs the route's error: expected there,
      // as long as React itself says nothing ("Minified React error #418", hydration, mismatch).
      if (page.url().endsWith('/no-such-page') && !/react|hydrat|match/i.test(message.text())) return;
      problems.push(`${message.type()}: ${message.text()} (${page.url()})`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message} (${page.url()})`));
    const hydrated = async (what: string) => {
      await page.waitForLoadState('networkidle');
      // RemixBrowser has run: the bundle loaded and React took over the server's HTML.
      assert.equal(await page.evaluate(() => typeof (window as { __remixRouter?: unknown }).__remixRouter), 'object', `${what} ran its JavaScript`);
    };
    for (const locale of ['en', 'th', 'ko', 'zh-TW']) {
      for (const path of ['', '/privacy', '/events', '/no-such-page']) {
        await page.goto(`/${locale}${path}`);
        await hydrated(`${locale}${path}`);
      }
      await page.goto(`/${locale}`);
      const category = await page.locator(`header a[href^="/${locale}/categories/"]`).first().getAttribute('href');
      assert.ok(category, `a ${locale} category link`);
      await page.goto(category);
      await hydrated(category);
      await page.goto(await firstProductPath(page, locale));
      await hydrated(`${locale} product`);
    }
    // A cart line (its Trans-built price, quantity and remove labels), in Thai.
    await page.goto(`/th/products/${await productWithStock()}`);
    await hydrated('th product');
    await page.getByRole('button', { name: thCart.addToCart.add }).click();
    await page.waitForURL('**/th/cart?added=*');
    await page.goto('/th/cart');
    await page.getByTestId('cart-line').first().waitFor();
    await hydrated('th cart');
    assert.deepEqual(problems, []);
  });
});
