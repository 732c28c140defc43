// A signed-in customer buys with e-Money, finds the order in their history, cancels it, and gets
// a readable answer when they try to cancel it a second time (from a page opened before).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClient, type WebSocketLikeConstructor } from '@supabase/supabase-js';
import { stackEnv } from '../support/stack-env.ts';
import { expectSignedInAs } from './support/auth-flows.ts';
import { createTestShopper, startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();

// supabase-js builds a Realtime client it never uses here; Node 20 has no WebSocket for it.
class NoRealtime {
  constructor() {
    throw new Error('Realtime is not used by these tests.');
  }
}

/** A confirmed account made through the Auth admin API (tests may hold the service-role key). */
async function createConfirmedShopper(): Promise<{ email: string; password: string }> {
  const env = stackEnv();
  const admin = createClient(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: NoRealtime as unknown as WebSocketLikeConstructor },
  });
  const shopper = createTestShopper('buyer');
  const { error } = await admin.auth.admin.createUser({
    email: shopper.email,
    password: shopper.password,
    email_confirm: true,
    user_metadata: { first_name: shopper.firstName, last_name: shopper.lastName },
  });
  if (error) throw error;
  return { email: shopper.email, password: shopper.password };
}

test('a signed-in customer buys, sees the order in their history, cancels it once and only once', async (t) => {
  const shopper = await createConfirmedShopper();
  await withPage(t, browser(), async (page) => {
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(shopper.email);
    await page.getByLabel('Password', { exact: true }).fill(shopper.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectSignedInAs(page, shopper.email);

    await page.goto('/products/aria-one-pro-headphones');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL('**/cart?added=*');
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.waitForURL('**/checkout');

    // Signed-in customers start with their account's email.
    assert.equal(await page.getByLabel('Email address').inputValue(), shopper.email);
    await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await page.getByLabel('Address', { exact: true }).fill('12 Analytical Row');
    await page.getByLabel('ZIP code').fill('EC1A 1BB');
    await page.getByLabel('City').fill('London');
    await page.getByLabel('Country').selectOption('GB');
    await page.getByLabel('e-Money', { exact: true }).check();
    await page.getByLabel('e-Money number').fill('123456789');
    // A 3-digit PIN is refused by the server: the summary takes focus and links to the field.
    await page.getByLabel('e-Money PIN').fill('123');
    await page.getByRole('button', { name: 'Continue & pay' }).click();
    const pin = page.getByLabel('e-Money PIN');
    await page.getByText('e-Money PIN must be exactly 4 digits.', { exact: true }).waitFor();
    assert.equal(await pin.getAttribute('aria-invalid'), 'true');
    const summary = page.locator('.error-summary');
    assert.equal(await summary.evaluate((node) => node === document.activeElement), true, await page.evaluate(() => document.activeElement?.outerHTML ?? 'none'));
    assert.equal(await summary.getByRole('link').getAttribute('href'), '#checkout-form-emoneyPin');
    await pin.fill('1234');
    await page.getByRole('button', { name: 'Continue & pay' }).click();

    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);
    const orderNumber = (await page.getByTestId('order-number').textContent()) ?? '';
    assert.match(orderNumber, /^AS-\d{6,}$/);
    await page.getByText('e-Money ending in 6789').waitFor();
    // An account holder is not asked to create an account.
    assert.equal(await page.getByRole('link', { name: 'Create an account' }).count(), 0);
    // What happens next, and a way back to the shop.
    assert.ok(((await page.getByTestId('order-next-steps').textContent()) ?? '').includes(`a confirmation is on its way to ${shopper.email}`));
    await page.getByRole('link', { name: 'Continue shopping' }).waitFor();
    const orderUrl = new URL(page.url()).pathname;

    await page.goto('/orders');
    // The list names what was bought, with the product's small image.
    const listedItems = page.getByTestId('order-row').filter({ hasText: orderNumber }).getByTestId('order-row-item');
    assert.ok((await listedItems.count()) >= 1);
    assert.match((await listedItems.first().textContent()) ?? '', /^\d+ × .+/);
    assert.ok(await listedItems.first().locator('img').getAttribute('src'), 'a thumbnail');
    await page.getByTestId('order-row').filter({ hasText: orderNumber }).getByRole('link').click();
    await page.waitForURL(`**${orderUrl}`);
    assert.equal(await page.getByTestId('order-status').textContent(), 'Pending');

    // A second tab with the same order's confirmation open, from before the cancellation.
    const staleTab = await page.context().newPage();
    await staleTab.goto(`${orderUrl}?confirm=cancel`);

    // Cancelling is a secondary, destructive link that asks first; "Keep the order" backs out.
    await page.getByRole('link', { name: 'Cancel order' }).click();
    await page.getByTestId('cancel-confirm').getByRole('heading', { name: `Cancel order ${orderNumber}?` }).waitFor();
    await page.getByRole('link', { name: 'Keep the order' }).click();
    await page.getByTestId('cancel-confirm').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('order-status').textContent(), 'Pending');
    await page.getByRole('link', { name: 'Cancel order' }).click();
    await page.getByRole('button', { name: 'Yes, cancel the order' }).click();
    await page.getByRole('status').filter({ hasText: `Order ${orderNumber} was cancelled.` }).waitFor();
    assert.equal(await page.getByTestId('order-status').textContent(), 'Cancelled');
    await page.getByRole('list', { name: 'Order history' }).getByText('Pending → Cancelled').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Cancel order' }).count(), 0);

    await staleTab.getByRole('button', { name: 'Yes, cancel the order' }).click();
    await staleTab.getByRole('alert').filter({ hasText: 'This order is already cancelled.' }).waitFor();
    await staleTab.getByTestId('order-status').filter({ hasText: /^Cancelled$/ }).waitFor();

    await page.goto('/orders');
    const row = page.getByTestId('order-row').filter({ hasText: orderNumber });
    assert.equal(await row.getByTestId('order-status').textContent(), 'Cancelled');
  });
});

test('someone else\'s order, or no order at all, is a calm 404', async (t) => {
  await withPage(t, browser(), async (page) => {
    const missing = await page.goto('/orders/00000000-0000-4000-8000-000000000000');
    assert.equal(missing?.status(), 404);
    await page.getByRole('heading', { level: 1, name: 'Order not found' }).waitFor();
    const malformed = await page.goto('/orders/not-an-id');
    assert.equal(malformed?.status(), 404);
  });
});
