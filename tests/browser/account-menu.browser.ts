// The header's account menu (issue #19): orders were reachable only from an order page. Signed
// in, the header's menu leads to the account, orders, events and coupons, favorites, and signs
// out, on a desktop and on a phone, with the keyboard, and without JavaScript.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { expectSignedInAs, openAccountMenu, signUp } from './support/auth-flows.ts';
import { createTestShopper, startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const ENTRIES = [
  ['Account', '/en/account'],
  ['Orders', '/en/orders'],
  ['Events and coupons', '/en/account/events'],
  ['Favorites', '/en/favorites'],
] as const;

async function checkMenu(page: Page): Promise<void> {
  const banner = page.getByRole('banner');
  const menu = banner.getByRole('navigation', { name: 'Your account' });
  assert.equal(await menu.isVisible(), false, 'closed until asked');
  await openAccountMenu(page);
  for (const [name, path] of ENTRIES) {
    const link = menu.getByRole('link', { name, exact: true });
    assert.equal(await link.getAttribute('href'), path, name);
    const box = await link.boundingBox();
    assert.ok(box && box.height >= 44, `${name} is a 44 px target`);
  }
  await menu.getByRole('button', { name: 'Sign out' }).waitFor();
}

test('the account menu leads to orders, events, favorites and the account, and closes on the way', async (t) => {
  const shopper = createTestShopper('menu');
  await withPage(t, browser(), async (page) => {
    await signUp(page, shopper);
    await expectSignedInAs(page, shopper.email);
    await checkMenu(page);
    await page.getByRole('banner').getByRole('link', { name: 'Orders', exact: true }).click();
    await page.waitForURL('**/en/orders');
    // The URL changes before the new page renders; the menu closes when it does.
    await page.getByRole('banner').getByRole('navigation', { name: 'Your account' }).waitFor({ state: 'hidden' });

    // Keyboard: the summary opens with Enter, the links follow in order.
    await page.getByRole('banner').getByTestId('account-menu').locator('summary').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Account');
  });
});

test('on a phone and without JavaScript the menu works too', async (t) => {
  const shopper = createTestShopper('menu-phone');
  let session: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
  await withPage(t, browser(), async (page) => {
    await signUp(page, shopper);
    await checkMenu(page);
    session = await page.context().storageState();
  }, phone);
  // The same session in a browser without JavaScript: <details> opens by itself.
  await withPage(t, browser(), async (page) => {
    await page.goto('/en');
    await checkMenu(page);
    await page.getByRole('banner').getByRole('link', { name: 'Events and coupons', exact: true }).click();
    await page.waitForURL('**/en/account/events');
  }, { javaScriptEnabled: false, storageState: session });
});
