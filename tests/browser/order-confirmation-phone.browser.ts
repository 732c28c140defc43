// The order confirmation on a phone (issue #19): the heading's order number stays on one line
// ("THANK YOU AS-/000003" broke before), the time is the shopper's own (the browser's zone), and
// the page says what happens next and offers to continue shopping.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Seoul' };

test('on a phone the confirmation heading keeps the order number whole and the time is local', async (t) => {
  await withPage(t, browser(), async (page) => {
    await page.goto('/en/products/pebble-e1-earphones');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL('**/cart?added=*');
    await page.goto('/en/checkout');
    await page.getByLabel('Name', { exact: true }).fill('Min-jun Kim');
    await page.getByLabel('Email address').fill('minjun.phone@example.com');
    await page.getByLabel('Address', { exact: true }).fill('1 Sejong-daero');
    await page.getByLabel('ZIP code').fill('04524');
    await page.getByLabel('City').fill('Seoul');
    await page.getByLabel('Country').selectOption('KR');
    await page.getByLabel('Cash on Delivery').check();
    await page.getByRole('button', { name: 'Continue & pay' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);

    const number = page.getByRole('heading', { level: 1 }).getByTestId('order-number');
    const lines = await number.evaluate((element) => element.getClientRects().length);
    assert.equal(lines, 1, 'the order number is not broken over two lines');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 360, `the page is not wider than the phone (${scrollWidth} px)`);

    const time = page.locator('time').first();
    const iso = (await time.getAttribute('datetime')) ?? '';
    const expected = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Seoul' }).format(new Date(iso));
    assert.equal((await time.textContent())?.trim(), expected, 'placed at, in the shopper\'s own zone');

    await page.getByTestId('order-next-steps').filter({ hasText: 'What happens next' }).waitFor();
    await page.getByRole('link', { name: 'Continue shopping' }).waitFor();
  }, phone);
});
