// A guest's cart survives signing in (issue #19): the guest adds products, follows the cart's
// "Sign in: this cart comes along" link, signs in as an existing member and is back on the cart
// with the guest's lines added to what the member already held, within the per-shopper cap, and
// a word about what could not come along.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { signOut, signUp } from './support/auth-flows.ts';
import { createTestShopper, startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();

async function addFromProductPage(page: Page, slug: string, quantity: number): Promise<string> {
  await page.goto(`/en/products/${slug}`);
  const name = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? slug;
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.waitForURL('**/cart?added=*');
  return name;
}

test('a guest signs in from the cart and the cart comes along, within the cap, with what did not fit said', async (t) => {
  await withPage(t, browser(), async (page) => {
    const member = createTestShopper('cart-sign-in');
    await signUp(page, member);
    const held = await addFromProductPage(page, 'lumen-40-headphones', 4);
    await signOut(page);

    // A visitor again: the first product makes them a guest.
    await addFromProductPage(page, 'lumen-40-headphones', 3);
    const other = await addFromProductPage(page, 'pebble-e1-earphones', 2);
    await page.getByRole('link', { name: 'Have an account? Sign in: this cart comes along.' }).click();
    await page.waitForURL('**/en/login?redirectTo=*');
    await page.getByLabel('Email', { exact: true }).fill(member.email);
    await page.getByLabel('Password', { exact: true }).fill(member.password);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL('**/en/cart');
    const notice = page.getByTestId('moved-cart');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /3 units from your guest cart are in your cart now/);
    assert.match((await notice.textContent()) ?? '', new RegExp(`${held}: 1 of 3 moved`));
    assert.equal(await page.getByLabel(`Quantity of ${held}`).inputValue(), '5');
    assert.equal(await page.getByLabel(`Quantity of ${other}`).inputValue(), '2');
    assert.equal(await page.getByTestId('cart-link').locator('.cart-link__count').textContent(), '7');

    // Told once: the next visit shows the cart without the notice.
    await page.reload();
    await page.getByLabel(`Quantity of ${held}`).waitFor();
    assert.equal(await page.getByTestId('moved-cart').count(), 0);
  });
});
