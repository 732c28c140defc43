// The Content-Security-Policy holds the app to what it needs, and the app needs no more: a
// shopper browses, adds to the cart, opens the cart and checkout and signs up, with JavaScript
// running (client-side navigation, the add-to-cart pending state, live countdowns), and Chromium
// reports no CSP violation on the way. The page also refuses to be framed by another origin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { getBaseUrl, startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();

/** Collects every CSP violation the page reports, from the DOM event and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI}`,
      );
    });
  });
  return violations;
}

test('browsing, the cart, checkout and signup run under the CSP without a single violation', async (t) => {
  await withPage(t, browser(), async (page) => {
    const violations = await watchViolations(page);
    await page.goto('/');
    await page.getByRole('link', { name: /headphones/i }).first().click();
    await page.waitForURL('**/categories/**');
    await page.locator('a[href^="/en/products/"]').first().click();
    await page.waitForURL('**/products/**');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByTestId('cart-link').locator('.cart-link__count').filter({ hasText: /^1$/ }).waitFor();
    await page.goto('/cart');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goto('/checkout');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goto('/signup');
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Hydrated: client-side navigation works (a full page load would also pass, so check the flag).
    assert.equal(await page.evaluate(() => typeof (window as unknown as { __remixContext?: unknown }).__remixContext), 'object');
    assert.deepEqual(violations, []);
  });
});

test('another site cannot frame the store', async (t) => {
  await withPage(t, browser(), async (page) => {
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/frame-ancestors/.test(message.text())) refusals.push(message.text());
    });
    const store = new URL('/', getBaseUrl());
    // about:blank (another origin than the store) embedding it.
    await page.setContent(`<iframe id="store" src="${store.href}"></iframe>`);
    await page.waitForTimeout(1000);
    const framed = page.frames().find((frame) => frame !== page.mainFrame() && frame.url().startsWith(store.origin));
    const headings = framed ? await framed.locator('h1, h2').count() : 0;
    assert.equal(headings, 0, 'the store did not render inside the frame');
    assert.ok(refusals.length > 0, 'Chromium reported the frame-ancestors refusal');
  });
});
