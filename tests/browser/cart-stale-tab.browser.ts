// A stale tab never brings back a line removed in another one (issue #19): two tabs show the
// same cart; tab B removes a product; tab A, still showing it, changes its quantity and is told
// the product is no longer in the cart, and the cart stays without it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();

async function addFromProductPage(page: Page, slug: string): Promise<string> {
  await page.goto(`/en/products/${slug}`);
  const name = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? slug;
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.waitForURL('**/cart?added=*');
  return name;
}

test('a quantity change from a stale tab does not resurrect a line removed in another tab', async (t) => {
  await withPage(t, browser(), async (tabA) => {
    const removed = await addFromProductPage(tabA, 'pebble-e1-earphones');
    const kept = await addFromProductPage(tabA, 'lumen-40-headphones');
    await tabA.goto('/en/cart');
    await tabA.getByLabel(`Quantity of ${removed}`).waitFor();

    const tabB = await tabA.context().newPage();
    await tabB.goto('/en/cart');
    await tabB.getByRole('button', { name: `Remove ${removed}` }).click();
    await tabB.getByLabel(`Quantity of ${removed}`).waitFor({ state: 'detached' });
    await tabB.close();

    // Tab A still shows the line; three attempts from it, as the walkthrough did.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const quantity = tabA.getByLabel(`Quantity of ${removed}`);
      if ((await quantity.count()) === 0) break;
      await quantity.fill('2');
      await tabA.getByRole('button', { name: `Update quantity of ${removed}` }).click();
      await tabA.getByTestId('cart-stale').filter({ hasText: 'A product you changed is no longer in your cart' }).waitFor();
    }
    await tabA.reload();
    await tabA.getByLabel(`Quantity of ${kept}`).waitFor();
    assert.equal(await tabA.getByLabel(`Quantity of ${removed}`).count(), 0, 'the removed line stays removed');
    assert.equal(await tabA.getByTestId('cart-link').locator('.cart-link__count').textContent(), '1');
  });
});
