// Focus after in-app navigation (issue #20): a client-side page change moves focus to the new
// page's heading and announces its title in root's polite live region; the first load does
// neither. After add-to-cart focus lands on the cart's "added" message, after place-order on
// the order page's confirmation (both marked data-focus-on-arrival), and a page that handles a
// change of only its query (the order page's cancel confirmation) keeps its own focus.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();

interface Focused {
  tag: string;
  text: string;
  arrival: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      text: (element?.textContent ?? '').trim(),
      arrival: element?.hasAttribute('data-focus-on-arrival') ?? false,
    };
  });
}

async function announcement(page: Page): Promise<string> {
  return ((await page.getByTestId('route-announcer').textContent()) ?? '').trim();
}

/** Waits for the new page's h1 to take focus and for the live region to say the page's title. */
async function expectArrivedAtHeading(page: Page, heading: string | RegExp): Promise<void> {
  // The URL changes before the new page renders, so wait for the new page's own heading.
  const pattern = typeof heading === 'string' ? `^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : heading.source;
  const flags = typeof heading === 'string' ? '' : heading.flags;
  await page
    .waitForFunction(
      ([source, flagList]) => document.activeElement?.tagName === 'H1' && new RegExp(source, flagList).test((document.activeElement.textContent ?? '').trim()),
      [pattern, flags],
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  const now = await focused(page);
  assert.equal(now.tag, 'h1', `focus is on the heading, not ${now.tag} "${now.text}"`);
  if (typeof heading === 'string') assert.equal(now.text, heading);
  else assert.match(now.text, heading);
  await expectAnnounced(page);
}

async function expectAnnounced(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const region = document.querySelector('[data-testid="route-announcer"]');
    return region?.textContent !== '' && region?.textContent === document.title;
  });
  assert.equal(await announcement(page), await page.title());
}

test('an in-app navigation moves focus to the new heading and announces the title; the first load does not', async (t) => {
  await withPage(t, browser(), async (page) => {
    await page.goto('/en');
    const region = page.getByTestId('route-announcer');
    assert.equal(await region.getAttribute('aria-live'), 'polite');
    assert.equal((await focused(page)).tag, 'body', 'the first load leaves focus alone');
    assert.equal(await announcement(page), '', 'and announces nothing');

    const nav = page.getByRole('navigation', { name: 'Main' });
    const categoryLink = nav.getByRole('link').nth(1);
    const categoryName = ((await categoryLink.textContent()) ?? '').trim();
    await categoryLink.click();
    await page.waitForURL('**/en/categories/*');
    await expectArrivedAtHeading(page, categoryName);
    // Focusable by script only: the heading is not a Tab stop.
    assert.equal(await page.getByRole('heading', { level: 1 }).getAttribute('tabindex'), '-1');

    const productLink = page.getByTestId('product-card').first().getByRole('heading').getByRole('link');
    const productName = ((await productLink.textContent()) ?? '').trim();
    await productLink.click();
    await page.waitForURL('**/en/products/*');
    await expectArrivedAtHeading(page, productName);

    // The keyboard path: Enter on a header link.
    await nav.getByRole('link', { name: 'Events' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/en/events');
    await expectArrivedAtHeading(page, 'Events');

    await page.goBack();
    await page.waitForURL('**/en/products/*');
    await expectArrivedAtHeading(page, productName);
  });
});

test('after add-to-cart focus is on the added message, after place-order on the confirmation', async (t) => {
  await withPage(t, browser(), async (page) => {
    await page.goto('/en/products/pebble-e1-earphones');
    const productName = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL('**/en/cart?added=*');
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-focus-on-arrival'));
    const added = await focused(page);
    assert.ok(added.text.includes(productName), `focus is on the added message: "${added.text}"`);
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('[role="status"]') !== null),
      true,
      'the message is in a status region',
    );
    await expectAnnounced(page);

    // The checkout link is a client-side navigation too.
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.waitForURL('**/en/checkout');
    await expectArrivedAtHeading(page, /checkout/i);
    await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
    await page.getByLabel('Email address').fill('grace.focus@example.com');
    await page.getByLabel('Address', { exact: true }).fill('1 Harbor Road');
    await page.getByLabel('ZIP code').fill('10110');
    await page.getByLabel('City').fill('Bangkok');
    await page.getByLabel('Country').selectOption('TH');
    await page.getByLabel('Cash on Delivery').check();
    await page.getByRole('button', { name: 'Continue & pay' }).click();
    await page.waitForURL(/\/en\/orders\/[0-9a-f-]{36}\?placed=1$/);
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-focus-on-arrival'));
    const placed = await focused(page);
    assert.match(placed.text, /Thank you for your order!/, 'focus is on the confirmation, not the heading');
    await expectAnnounced(page);

    // Only the query changes (?confirm=cancel): the page focuses its confirmation itself.
    await page.getByRole('link', { name: 'Cancel order' }).click();
    await page.getByTestId('cancel-confirm').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'cancel-confirm');
    // Still there once NavigationFocus has had its turn.
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'cancel-confirm');
  });
});

test('a refused form on the same page keeps focus on its own message, not the heading', async (t) => {
  await withPage(t, browser(), async (page) => {
    await page.goto('/en/login');
    await page.getByLabel('Email', { exact: true }).fill('nobody.focus@example.com');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
    await page.waitForTimeout(300);
    assert.notEqual((await focused(page)).tag, 'h1', 'a post that stays on its page does not move focus to the heading');
  });
});
