// A guest's purchase end to end: products go into the cart from their product pages (the first
// one silently makes the visitor a guest), the cart holds them with a countdown, checkout with
// cash leads to a confirmation with the database's totals, and /orders lists the order. Also:
// what a guest sees when a hold has expired, at checkout and in the cart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { stackEnv } from '../support/stack-env.ts';
import { fillSignupForm, expectSignedInAs } from './support/auth-flows.ts';
import { createTestShopper, startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();

async function addFromProductPage(page: Page, slug: string, quantity = 1): Promise<string> {
  await page.goto(`/products/${slug}`);
  const name = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? slug;
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.waitForURL('**/cart?added=*');
  await page.getByRole('status').filter({ hasText: 'to your cart' }).waitFor();
  return name;
}

async function fillCheckout(page: Page, email: string): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Phone number (optional)').fill('+1 202 555 0147');
  await page.getByLabel('Address', { exact: true }).fill('1 Compiler Way');
  await page.getByLabel('ZIP code').fill('20001');
  await page.getByLabel('City').fill('Arlington');
  await page.getByLabel('Country').selectOption('US');
}

/** The signed-in (guest) user's id, from the session cookie @supabase/ssr wrote. */
async function readSessionUserId(page: Page): Promise<string> {
  const cookies = (await page.context().cookies()).filter((cookie) => /^sb-.+-auth-token(\.\d+)?$/.test(cookie.name));
  cookies.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  const raw = cookies.map((cookie) => cookie.value).join('');
  const session = JSON.parse(Buffer.from(raw.replace(/^base64-/, ''), 'base64url').toString('utf8')) as { user: { id: string } };
  return session.user.id;
}

test('a guest buys two products with cash, finds the order in their history, and keeps it by creating an account', async (t) => {
  await withPage(t, browser(), async (page) => {
    const first = await addFromProductPage(page, 'lumen-40-headphones');
    const second = await addFromProductPage(page, 'pebble-e1-earphones', 2);

    const lines = page.getByTestId('cart-line');
    assert.equal(await lines.count(), 2);
    await lines.filter({ hasText: first }).waitFor();
    await lines.filter({ hasText: second }).waitFor();
    assert.equal(await page.getByLabel(`Quantity of ${second}`).inputValue(), '2');
    // The hold's countdown is running in the browser.
    const timer = lines.first().getByRole('timer');
    assert.match((await timer.textContent()) ?? '', /^(30:00|29:[0-5]\d)$/);
    assert.equal(await page.getByTestId('cart-link').locator('.cart-link__count').textContent(), '3');
    const subtotal = await page.getByTestId('totals-subtotal').textContent();
    const grandTotal = await page.getByTestId('totals-grand').textContent();

    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.waitForURL('**/checkout');
    await fillCheckout(page, 'grace.guest@example.com');
    await page.getByLabel('Cash on Delivery').check();
    // e-Money details are only asked for e-Money.
    assert.equal(await page.getByLabel('e-Money PIN').isVisible(), false);
    await page.getByRole('button', { name: 'Continue & pay' }).click();

    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);
    await page.getByRole('heading', { level: 1, name: /^Thank you AS-\d{6,}$/ }).waitFor();
    const orderNumber = (await page.getByTestId('order-number').textContent()) ?? '';
    assert.match(orderNumber, /^AS-\d{6,}$/);
    assert.equal(await page.getByTestId('totals-subtotal').textContent(), subtotal);
    assert.equal(await page.getByTestId('totals-shipping').textContent(), '$50.00');
    assert.equal(await page.getByTestId('totals-grand').textContent(), grandTotal);
    assert.equal(await page.getByTestId('order-status').textContent(), 'Pending');
    // A guest is invited to keep the order with an account.
    await page.getByRole('link', { name: 'Create an account' }).first().waitFor();
    assert.equal(await page.getByTestId('cart-link').locator('.cart-link__count').textContent(), '0');

    await page.goto('/orders');
    const row = page.getByTestId('order-row').filter({ hasText: orderNumber });
    await row.waitFor();
    assert.equal(await page.getByTestId('order-row').first().textContent().then((text) => text?.includes(orderNumber)), true, 'newest first');
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: `Order ${orderNumber}` }).waitFor();

    // The guest creates an account from the order page: same user, so the order stays theirs.
    const shopper = createTestShopper('guest-buyer');
    await page.getByRole('link', { name: 'Create an account' }).first().click();
    await page.waitForURL('**/signup');
    await fillSignupForm(page, shopper);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/account');
    await expectSignedInAs(page, shopper.email);
    await page.goto('/orders');
    await page.getByTestId('order-row').filter({ hasText: orderNumber }).waitFor();
  });
});

test('an expired hold: checkout shows the time left, then offers one action that holds the lines again and places the order', async (t) => {
  const db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
  await db.connect();
  try {
    await withPage(t, browser(), async (page) => {
      const name = await addFromProductPage(page, 'aria-one-pro-headphones');
      await page.goto('/checkout');
      // The holds' time left is on the checkout too.
      assert.match((await page.getByTestId('checkout-countdown').getByRole('timer').textContent()) ?? '', /^(30:00|29:[0-5]\d)$/);
      await fillCheckout(page, 'late.guest@example.com');
      await page.getByLabel('e-Money number').fill('123456789');
      await page.getByLabel('e-Money PIN').fill('1234');

      // Thirty minutes pass while the guest hesitates.
      const userId = await readSessionUserId(page);
      await db.query(`update public.stock_reservations set expires_at = now() - interval '1 second' where user_id = $1`, [userId]);
      await page.getByRole('button', { name: 'Continue & pay' }).click();

      // Not "your cart is empty": the hold ran out, and one action fixes it.
      const expired = page.getByTestId('holds-expired');
      await expired.filter({ hasText: `Your hold on ${name} ran out before the order was placed.` }).waitFor();
      assert.equal(await page.getByText('Your cart is empty').count(), 0);
      // Nothing typed is lost, except the PIN.
      assert.equal(await page.getByLabel('Address', { exact: true }).inputValue(), '1 Compiler Way');
      assert.equal(await page.getByLabel('e-Money number').inputValue(), '123456789');
      assert.equal(await page.getByLabel('e-Money PIN').inputValue(), '');
      // The header agrees: nothing is held right now.
      assert.equal(await page.getByTestId('cart-link').locator('.cart-link__count').textContent(), '0');

      await page.getByLabel('e-Money PIN').fill('1234');
      await page.getByRole('button', { name: 'Hold again and place the order' }).click();
      await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);
      await page.getByText('e-Money ending in 6789').waitFor();
      const { rows } = await db.query<{ product_name: string; quantity: number }>(
        `select i.product_name, i.quantity from public.order_items i join public.orders o on o.id = i.order_id where o.user_id = $1`, [userId]);
      assert.deepEqual(rows, [{ product_name: name, quantity: 1 }], 'the order has the line that had expired');
    });
  } finally {
    await db.end();
  }
});

test('an expired hold in the cart can be held again, or removed', async (t) => {
  const db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
  await db.connect();
  try {
    await withPage(t, browser(), async (page) => {
      const name = await addFromProductPage(page, 'aria-one-pro-headphones');
      const userId = await readSessionUserId(page);
      await db.query(`update public.stock_reservations set expires_at = now() - interval '1 second' where user_id = $1`, [userId]);
      await page.goto('/cart');
      const line = page.getByTestId('cart-line').filter({ hasText: name });
      await line.getByText('Your hold on this product has expired.').waitFor();
      await page.getByText('no longer held').waitFor();
      await line.getByRole('button', { name: `Hold again ${name}` }).click();
      await line.getByRole('timer').waitFor();
      assert.equal(await page.getByRole('link', { name: 'Checkout' }).isVisible(), true);

      // Removing the line empties the cart.
      await line.getByRole('button', { name: `Remove ${name}` }).click();
      await page.getByText('Your cart is empty.').waitFor();
    });
  } finally {
    await db.end();
  }
});

test('quantities change in place; asking for more than one shopper may hold says the limit', async (t) => {
  await withPage(t, browser(), async (page) => {
    const name = await addFromProductPage(page, 'monolith-s7-speaker');
    const quantity = page.getByLabel(`Quantity of ${name}`);
    await quantity.fill('2');
    await page.getByRole('button', { name: `Update quantity of ${name}` }).click();
    await page.getByTestId('cart-link').locator('.cart-link__count').filter({ hasText: /^2$/ }).waitFor();

    await quantity.fill('6');
    await page.getByRole('button', { name: `Update quantity of ${name}` }).click();
    const error = page.getByRole('alert').filter({ hasText: /^You can hold at most 5 of a product at a time\.$/ });
    await error.waitFor();
    assert.equal(await quantity.getAttribute('aria-invalid'), 'true');
    // The hold itself is unchanged.
    assert.equal(await page.getByTestId('cart-link').locator('.cart-link__count').textContent(), '2');
  });
});

test('the -/+ steppers change the hold by one; a refused step snaps back to the held quantity with the reason', async (t) => {
  const db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
  await db.connect();
  const slug = 'pebble-e1-earphones';
  const { rows: [before] } = await db.query<{ stock: number }>('select stock from public.products where slug = $1', [slug]);
  try {
    await withPage(t, browser(), async (page) => {
      const name = await addFromProductPage(page, slug);
      const line = page.getByTestId('cart-line').filter({ hasText: name });
      const quantity = page.getByLabel(`Quantity of ${name}`);
      const increase = line.getByRole('button', { name: `Increase quantity of ${name}`, exact: true });
      const decrease = line.getByRole('button', { name: `Decrease quantity of ${name}`, exact: true });
      for (const button of [increase, decrease]) {
        const box = await button.boundingBox();
        assert.ok(box && box.width >= 44 && box.height >= 44, `tap target is ${box?.width}x${box?.height}`);
      }
      const count = page.getByTestId('cart-link').locator('.cart-link__count');

      await increase.click();
      await count.filter({ hasText: /^2$/ }).waitFor();
      assert.equal(await quantity.inputValue(), '2');
      await increase.click();
      await count.filter({ hasText: /^3$/ }).waitFor();
      await decrease.click();
      await count.filter({ hasText: /^2$/ }).waitFor();
      assert.equal(await quantity.inputValue(), '2');
      // Enter in the field updates to the typed quantity (it does not press a stepper).
      await quantity.fill('4');
      await quantity.press('Enter');
      await count.filter({ hasText: /^4$/ }).waitFor();
      assert.equal(await quantity.inputValue(), '4');

      // The stock falls to what this shopper holds: one more is refused, with the reason, and
      // the field shows the 4 the database still holds, not the 5 asked for.
      // Other shoppers' unexpired holds count against stock too, so leave exactly 4 for this one.
      const me = await readSessionUserId(page);
      await db.query(
        `update public.products p set stock = 4 + (select coalesce(sum(r.quantity), 0) from public.stock_reservations r
           where r.product_id = p.id and r.user_id <> $2 and r.expires_at > now()) where p.slug = $1`, [slug, me]);
      await increase.click();
      await line.getByRole('alert').filter({ hasText: /^Only 4 left\. Lower the quantity to 4 or less, or try again later\.$/ }).waitFor();
      assert.equal(await quantity.inputValue(), '4');
      assert.equal(await quantity.getAttribute('aria-invalid'), 'true');
      const { rows } = await db.query<{ quantity: number }>(
        'select r.quantity from public.stock_reservations r join public.products p on p.id = r.product_id where p.slug = $1 and r.user_id = $2', [slug, me]);
      assert.deepEqual(rows, [{ quantity: 4 }]);
      assert.equal(await count.textContent(), '4');

      // A typed refusal snaps back too (the hold limit is 5 here).
      await db.query('update public.products set stock = $2 where slug = $1', [slug, before.stock]);
      await quantity.fill('9');
      await page.getByRole('button', { name: `Update quantity of ${name}` }).click();
      await line.getByRole('alert').filter({ hasText: /^You can hold at most 5 of a product at a time\.$/ }).waitFor();
      assert.equal(await quantity.inputValue(), '4');

      // Down to zero removes the line.
      await quantity.fill('1');
      await quantity.press('Enter');
      await count.filter({ hasText: /^1$/ }).waitFor();
      await decrease.click();
      await page.getByText('Your cart is empty.').waitFor();
    });
  } finally {
    await db.query('update public.products set stock = $2 where slug = $1', [slug, before.stock]);
    await db.end();
  }
});

test('the cart works without JavaScript', async (t) => {
  await withPage(
    t,
    browser(),
    async (page) => {
      const name = await addFromProductPage(page, 'lumen-40-headphones');
      await page.getByLabel(`Quantity of ${name}`).fill('3');
      await page.getByRole('button', { name: `Update quantity of ${name}` }).click();
      await page.waitForURL('**/cart');
      assert.equal(await page.getByLabel(`Quantity of ${name}`).inputValue(), '3');
      // The steppers are submit buttons of the line's form.
      // A new document each time: wait for the field the server rendered with the new value.
      const shows = (value: number) => page.locator(`input[name="quantity"][value="${value}"]`).waitFor();
      await page.getByRole('button', { name: `Increase quantity of ${name}` }).click();
      await shows(4);
      await page.getByRole('button', { name: `Increase quantity of ${name}` }).click();
      await shows(5);
      await page.getByRole('button', { name: `Increase quantity of ${name}` }).click();
      // Past the hold limit: the line says why, and shows the 5 still held.
      const line = page.getByTestId('cart-line').filter({ hasText: name });
      await line.getByRole('alert').filter({ hasText: /^You can hold at most 5 of a product at a time\.$/ }).waitFor();
      assert.equal(await page.getByLabel(`Quantity of ${name}`).inputValue(), '5');
      await page.getByRole('button', { name: `Decrease quantity of ${name}` }).click();
      await shows(4);
      await page.getByRole('button', { name: `Remove ${name}` }).click();
      await page.getByText('Your cart is empty.').waitFor();
    },
    { javaScriptEnabled: false },
  );
});
