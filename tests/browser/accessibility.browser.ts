// axe-core on every page the app renders, in every language (issue #20), with 0 violations of
// WCAG 2.x A/AA plus the experimental label-in-name rule (support/axe.ts). One browser and one
// signed-in context per kind of person (visitor, shopper with a cart and an order, admin), set
// up once and reused, so the sweep stays quick. Forms are checked as they load and, where it
// is cheap, as a refused submit shows them (error summary, field messages).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { stackEnv } from '../support/stack-env.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { openAccountMenu, signUp } from './support/auth-flows.ts';
import { createTestShopper, getBaseUrl, startBrowserForFile } from './support/browser.ts';

const browser = startBrowserForFile();
const LOCALES = ['en', 'th', 'ko', 'zh-TW'] as const;
const ADMIN = { email: 'admin@example.com', password: 'password123' };
const tag = Date.now().toString(36);
const db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });

interface Fixture {
  shopper: BrowserContext;
  admin: BrowserContext;
  categoryPath: string;
  productPath: string;
  eventSlug: string;
  eventId: string;
  orderId: string;
  shopperId: string;
}
let fixture: Promise<Fixture> | undefined;
const contexts: BrowserContext[] = [];

async function newContext(options: Parameters<ReturnType<typeof browser>['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser().newContext({ baseURL: getBaseUrl(), locale: 'en-US', timezoneId: 'UTC', ...options });
  // Generous: the four languages run side by side on a small machine.
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  return context;
}

async function newPage(options: Parameters<ReturnType<typeof browser>['newContext']>[0] = {}): Promise<Page> {
  return (await newContext(options)).newPage();
}

async function placeCashOrder(page: Page, productPath: string): Promise<string> {
  await page.goto(productPath);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.waitForURL('**/cart?added=*');
  await page.goto('/en/checkout');
  await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
  await page.getByLabel('Email address').fill(`axe.${tag}@example.com`);
  await page.getByLabel('Address', { exact: true }).fill('1 Harbor Road');
  await page.getByLabel('ZIP code').fill('10110');
  await page.getByLabel('City').fill('Bangkok');
  await page.getByLabel('Country').selectOption('TH');
  await page.getByLabel('Cash on Delivery').check();
  await page.getByRole('button', { name: 'Continue & pay' }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);
  return /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1];
}

// Built by the first test, once (the browser starts in a hook of its own).
async function createFixture(): Promise<Fixture> {
  await db.connect();
  const { rows: products } = await db.query<{ slug: string; category: string }>(
    `select p.slug, c.slug as category from public.products p join public.categories c on c.id = p.category_id
      where p.stock > 10 order by p.slug limit 1`);
  const productPath = `/en/products/${products[0].slug}`;
  const eventSlug = `e2e-axe-${tag}`;
  const { rows: events } = await db.query<{ id: string }>(
    `insert into public.events (slug, name, description, starts_at, ends_at, location, capacity, fee, published)
     values ($1, $2, 'Made by the accessibility sweep.', now() + interval '7 days', now() + interval '7 days 2 hours', 'Test hall', 5, 30, true)
     returning id`, [eventSlug, `Axe night ${tag}`]);

  const shopper = await newPage();
  const person = createTestShopper('axe');
  await signUp(shopper, person);
  const orderId = await placeCashOrder(shopper, productPath);
  // A cart with something in it again (the order consumed the first hold), and a favorite.
  await shopper.goto(productPath);
  await shopper.getByRole('button', { name: 'Add to cart' }).click();
  await shopper.waitForURL('**/cart?added=*');
  const { rows: users } = await db.query<{ id: string }>('select id from auth.users where email = $1', [person.email]);
  await db.query(
    'insert into public.favorites (user_id, product_id) select $1, id from public.products where slug = $2',
    [users[0].id, products[0].slug]);

  const admin = await newPage();
  await admin.goto('/en/login');
  await admin.getByLabel('Email', { exact: true }).fill(ADMIN.email);
  await admin.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await admin.getByRole('button', { name: 'Sign in' }).click();
  await admin.getByRole('banner').getByRole('link', { name: 'Admin', exact: true }).waitFor();

  await shopper.close();
  await admin.close();
  return {
    shopper: shopper.context(),
    admin: admin.context(),
    categoryPath: `/categories/${products[0].category}`,
    productPath: `/products/${products[0].slug}`,
    eventSlug,
    eventId: events[0].id,
    orderId,
    shopperId: users[0].id,
  };
}

after(async () => {
  if (!fixture) return;
  await fixture.catch(() => undefined);
  for (const context of contexts) await context.close();
  await db.query(`update public.events set cancelled_at = now() where slug = $1 and cancelled_at is null`, [`e2e-axe-${tag}`]);
  await db.query(`delete from public.events where slug = $1`, [`e2e-axe-${tag}`]);
  await db.end();
});

function setup(): Promise<Fixture> {
  fixture ??= createFixture();
  return fixture;
}

async function check(page: Page, path: string, what: string): Promise<void> {
  // The DOM is what axe reads; images and web fonts need not have arrived.
  const response = await page.goto(path, { waitUntil: 'domcontentloaded' });
  assert.ok(response, `${path} answered`);
  // The page itself, not an error page that happens to pass axe.
  const expected = path.endsWith('/no-such-page') ? 404 : 200;
  assert.equal(response.status(), expected, `${path} answers ${expected}`);
  await expectNoAxeViolations(page, what);
}

/** After an empty submit: field messages, if the form refuses one (some steps have no required field). */
async function showsRefusal(page: Page): Promise<void> {
  await page.locator('main [aria-invalid="true"]').first().waitFor({ timeout: 3_000 }).catch(() => undefined);
}

/**
 * Sign-up, step by step: each step as it loads and as a refused submit shows it, then on to the
 * next with the names filled in, until the step with the password.
 */
async function checkSignupSteps(page: Page, locale: string): Promise<void> {
  await check(page, `/${locale}/signup`, `${locale} sign-up`);
  for (let step = 1; step <= 3; step += 1) {
    const submit = page.locator('main form button[type="submit"]:not([value="back"])').last();
    await submit.click();
    await showsRefusal(page);
    await expectNoAxeViolations(page, `${locale} sign-up step ${step}, refused`);
    if ((await page.locator('main input[type="password"]').count()) > 0) return;
    for (const [name, value] of [['firstName', 'Ada'], ['lastName', 'Lovelace']]) {
      const field = page.locator(`main input[name="${name}"]`);
      if (await field.isVisible()) await field.fill(value);
    }
    await submit.click();
    await page.locator('main input[type="password"]').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    await expectNoAxeViolations(page, `${locale} sign-up step ${step + 1}`);
    if ((await page.locator('main input[type="password"]').count()) > 0) return;
  }
}

// The languages run side by side: each has its own pages in the shared signed-in contexts.
describe('axe on every page', { concurrency: LOCALES.length }, () => {
for (const locale of LOCALES) {
  test(`${locale}: every page passes axe`, async () => {
    const f = await setup();
    const at = (path: string) => `/${locale}${path}`;

    // A visitor: the catalog, events, the auth pages, the legal pages and the 404 page.
    const visitor = await newPage();
    await check(visitor, at('/'), `${locale} home`);
    await check(visitor, at(f.categoryPath), `${locale} category`);
    await check(visitor, at(f.productPath), `${locale} product`);
    await check(visitor, `${at('/search')}?q=${encodeURIComponent('audio')}`, `${locale} search`);
    await check(visitor, at('/events'), `${locale} events`);
    await check(visitor, at(`/events/${f.eventSlug}`), `${locale} event`);
    await check(visitor, at('/privacy'), `${locale} privacy`);
    await check(visitor, at('/terms'), `${locale} terms`);
    await check(visitor, at('/no-such-page'), `${locale} 404`);
    await check(visitor, at('/login'), `${locale} login`);
    await check(visitor, at('/forgot-password'), `${locale} forgot password`);
    await check(visitor, at('/reset-password'), `${locale} reset password (no link)`);
    await check(visitor, `${at('/check-email')}?email=ada%40example.com`, `${locale} check your email`);
    await checkSignupSteps(visitor, locale);

    // A shopper with a cart, an order and a favorite.
    const shopper = await f.shopper.newPage();
    await check(shopper, at('/cart'), `${locale} cart with items`);
    await check(shopper, at('/checkout'), `${locale} checkout with items`);
    await shopper.locator('main form button[type="submit"]').last().click();
    await showsRefusal(shopper);
    await expectNoAxeViolations(shopper, `${locale} checkout, refused`);
    await check(shopper, at('/account'), `${locale} account`);
    await openAccountMenu(shopper);
    await expectNoAxeViolations(shopper, `${locale} account menu open`);
    await check(shopper, at('/account/events'), `${locale} account events`);
    await check(shopper, at('/account/delete'), `${locale} account deletion`);
    await check(shopper, at('/orders'), `${locale} orders`);
    await check(shopper, at(`/orders/${f.orderId}`), `${locale} order`);
    await check(shopper, `${at(`/orders/${f.orderId}`)}?confirm=cancel`, `${locale} order, cancel confirmation`);
    await check(shopper, at('/favorites'), `${locale} favorites`);
    await check(shopper, at('/reset-password'), `${locale} reset password (signed in)`);

    // The phone header with its menu open.
    const phone = await newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await check(phone, at('/'), `${locale} home on a phone`);
    await phone.getByRole('banner').locator('.menu-button').click();
    await phone.locator('#site-menu').waitFor();
    await expectNoAxeViolations(phone, `${locale} phone menu open`);

    // The admin area.
    const admin = await f.admin.newPage();
    for (const path of ['/admin', '/admin/events', `/admin/events/${f.eventId}`, '/admin/check-in', '/admin/members',
      `/admin/members/${f.shopperId}`, '/admin/orders', '/admin/stock', '/admin/invitations', '/admin/audit']) {
      await check(admin, at(path), `${locale} ${path.split('/').slice(0, 3).join('/')}`);
    }
  });
}
});
