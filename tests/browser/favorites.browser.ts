// A shopper saves a product from its page, finds it on /favorites, and removes it again; the
// first save makes a visitor a guest, as adding to the cart does. Also without JavaScript.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();
const slug = 'pebble-e1-earphones';

function saveButton(page: Page) {
  return page.getByRole('button', { name: /to favorites$/ });
}

/** Clicks the toggle and waits for the server to have answered (the button flips at once). */
async function toggleFavorite(page: Page): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/en/favorites'),
    saveButton(page).click(),
  ]);
}

async function productName(page: Page): Promise<string> {
  return ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
}

test('a visitor saves a product, sees it on /favorites, and removes it', async (t) => {
  await withPage(t, browser(), async (page) => {
    await page.goto(`/products/${slug}`);
    const name = await productName(page);
    assert.equal(await saveButton(page).getAttribute('aria-pressed'), 'false');

    await toggleFavorite(page);
    assert.equal(await saveButton(page).getAttribute('aria-pressed'), 'true');
    await page.reload();
    assert.equal(await saveButton(page).getAttribute('aria-pressed'), 'true', 'the saved state comes from the database');

    await page.getByRole('link', { name: 'Favorites' }).click();
    await page.waitForURL('**/favorites');
    // The URL changes before the new page renders: wait for the listing itself.
    await page.getByRole('heading', { level: 1, name: 'Favorites' }).waitFor();
    await page.getByRole('link', { name }).first().waitFor();

    await page.goto(`/products/${slug}`);
    await toggleFavorite(page);
    assert.equal(await saveButton(page).getAttribute('aria-pressed'), 'false');
    await page.goto('/favorites');
    await page.getByRole('heading', { level: 1, name: 'Favorites' }).waitFor();
    assert.equal(await page.getByRole('link', { name }).count(), 0, `${name} is gone from /favorites`);
  });
});

test('saving works without JavaScript and comes back to the product page', async (t) => {
  await withPage(
    t,
    browser(),
    async (page) => {
      await page.goto(`/products/${slug}`);
      await saveButton(page).click();
      await page.waitForURL(`**/products/${slug}`);
      assert.equal(await saveButton(page).getAttribute('aria-pressed'), 'true');
    },
    { javaScriptEnabled: false },
  );
});
