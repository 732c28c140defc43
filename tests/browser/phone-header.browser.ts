// The header on a phone (issue #20), 360 x 740, in every language: one bar (logo, search, cart
// with its count, menu button) that does not wrap and stays short; every link, button and field
// in the header is at least 44 x 44 px, the menu too; the menu button is a disclosure that opens
// and closes from the keyboard (Escape gives focus back); the search box is a GET form to the
// results page. Without JavaScript the menu's contents are simply shown. Labels come from the
// message files, so the test follows the wording.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import enCommon from '../../app/locales/en/common.json' with { type: 'json' };
import koCommon from '../../app/locales/ko/common.json' with { type: 'json' };
import thCommon from '../../app/locales/th/common.json' with { type: 'json' };
import zhCommon from '../../app/locales/zh-TW/common.json' with { type: 'json' };
import { startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const LANGUAGES = [
  ['en', enCommon],
  ['th', thCommon],
  ['ko', koCommon],
  ['zh-TW', zhCommon],
] as const;

/** The closed header's height the issue asks for (it was 220 px). */
const MAX_HEADER_HEIGHT = 72;
const MIN_TARGET = 44;

interface Box {
  what: string;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: number;
}

/** Every link, button, summary and field in the header that is on screen now, with its size. */
async function visibleTargets(page: Page): Promise<Box[]> {
  return page.locator('header.site-header').evaluate((header) => {
    const targets = header.querySelectorAll<HTMLElement>('a, button, summary, input:not([type="hidden"])');
    return [...targets]
      .map((element) => {
        const rect = element.getBoundingClientRect();
        const what = `${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('name') || '').trim().slice(0, 40)}"`;
        return { what, x: rect.x, y: rect.y, width: rect.width, height: rect.height, lines: element.getClientRects().length };
      })
      // Off screen (the skip link until it is focused) or not rendered (a closed panel).
      .filter((box) => box.width > 0 && box.height > 0 && box.y + box.height > 0 && box.x + box.width > 0);
  });
}

function expectTapTargets(boxes: Box[], where: string): void {
  assert.ok(boxes.length > 0, `${where}: some targets`);
  for (const box of boxes) {
    assert.ok(
      box.width >= MIN_TARGET && box.height >= MIN_TARGET,
      `${where}: ${box.what} is ${box.width.toFixed(1)} x ${box.height.toFixed(1)} px`,
    );
  }
}

async function boxOf(locator: Locator, what: string) {
  const box = await locator.boundingBox();
  assert.ok(box, `${what} is on screen`);
  return box;
}

for (const [locale, common] of LANGUAGES) {
  test(`${locale}: the phone header is one short bar with 44 px targets and a keyboard menu`, async (t) => {
    await withPage(
      t,
      browser(),
      async (page) => {
        await page.goto(`/${locale}`);
        const banner = page.getByRole('banner');
        const header = await boxOf(page.locator('header.site-header'), 'the header');
        t.diagnostic(`${locale} header height closed: ${header.height.toFixed(1)} px`);
        assert.ok(header.height <= MAX_HEADER_HEIGHT, `${locale} header is ${header.height} px tall`);

        // The bar: logo, search, cart with its count, menu button, side by side on one line.
        const menuButton = banner.getByRole('button', { name: common.header.menu, exact: true });
        const bar = [
          ['logo', banner.getByRole('link', { name: `audiostore ${common.header.homeLabel}` })],
          ['search', banner.getByRole('searchbox', { name: common.header.searchLabel })],
          ['cart', banner.getByTestId('cart-link')],
          ['menu', menuButton],
        ] as const;
        const boxes = [];
        for (const [what, locator] of bar) boxes.push({ what, ...(await boxOf(locator, what)) });
        for (const box of boxes) {
          const middle = box.y + box.height / 2;
          const logoMiddle = boxes[0].y + boxes[0].height / 2;
          assert.ok(Math.abs(middle - logoMiddle) <= 2, `${locale}: ${box.what} is on the logo's line`);
        }
        for (let i = 1; i < boxes.length; i += 1) {
          assert.ok(boxes[i].x >= boxes[i - 1].x + boxes[i - 1].width, `${locale}: ${boxes[i].what} follows ${boxes[i - 1].what}`);
        }
        assert.ok(boxes[3].x + boxes[3].width <= 360, `${locale}: the menu button is on screen`);
        assert.match((await banner.getByTestId('cart-link').textContent()) ?? '', /0/, 'the cart shows its count');
        for (const box of await visibleTargets(page)) assert.equal(box.lines, 1, `${locale}: ${box.what} is on one line`);
        expectTapTargets(await visibleTargets(page), `${locale} closed`);
        const nav = banner.getByRole('navigation', { name: common.header.mainNav });
        assert.equal(await nav.isVisible(), false, `${locale}: the nav waits behind the menu button`);
        assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, `${locale}: no sideways scroll`);

        // Keyboard: Enter opens, Tab walks into the menu, Escape closes and gives focus back.
        await menuButton.focus();
        await page.keyboard.press('Enter');
        assert.equal(await menuButton.getAttribute('aria-expanded'), 'true');
        const controls = await menuButton.getAttribute('aria-controls');
        assert.ok(controls && (await page.locator(`#${controls}`).isVisible()), 'aria-controls names the open panel');
        await nav.waitFor();
        await nav.getByRole('link', { name: common.header.events }).waitFor();
        expectTapTargets(await visibleTargets(page), `${locale} open`);
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate((id) => document.getElementById(id)?.contains(document.activeElement), controls), true, 'Tab goes into the menu');
        await page.keyboard.press('Escape');
        assert.equal(await menuButton.getAttribute('aria-expanded'), 'false');
        await nav.waitFor({ state: 'hidden' });
        assert.equal(await menuButton.evaluate((button) => button === document.activeElement), true, 'Escape returns focus to the button');
        await page.keyboard.press('Space');
        await nav.waitFor();
        await page.keyboard.press('Space');
        await nav.waitFor({ state: 'hidden' });

        // A link in the menu leads to its page, and the menu is closed there.
        await menuButton.click();
        await nav.getByRole('link', { name: common.header.events }).click();
        await page.waitForURL(`**/${locale}/events`);
        // The URL changes before the new page renders; the menu closes when it does.
        await page.waitForFunction(() => document.querySelector('.menu-button')?.getAttribute('aria-expanded') === 'false');
        await nav.waitFor({ state: 'hidden' });

        // The search box: a GET form to this language's results page.
        const search = banner.getByRole('search');
        assert.equal(await search.getAttribute('method'), 'get');
        assert.equal(await search.getAttribute('action'), `/${locale}/search`);
        const box = banner.getByLabel(common.header.searchLabel, { exact: true });
        assert.equal(await box.getAttribute('type'), 'search');
        assert.equal(await box.getAttribute('name'), 'q');
        await box.fill('bass');
        await box.press('Enter');
        await page.waitForURL((url) => url.pathname === `/${locale}/search` && url.searchParams.get('q') === 'bass');
      },
      phone,
    );
  });
}

test('without JavaScript the phone header shows the menu contents under the bar', async (t) => {
  await withPage(
    t,
    browser(),
    async (page) => {
      await page.goto('/en');
      const banner = page.getByRole('banner');
      assert.equal(await banner.getByRole('button', { name: 'Menu', exact: true }).count(), 0, 'no button that cannot work');
      await banner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).waitFor();
      expectTapTargets(await visibleTargets(page), 'no JavaScript');
      await banner.getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL('**/en/login');
      await banner.getByLabel('Search the store').fill('speaker');
      await banner.getByLabel('Search the store').press('Enter');
      await page.waitForURL((url) => url.pathname === '/en/search' && url.searchParams.get('q') === 'speaker');
    },
    { ...phone, javaScriptEnabled: false },
  );
});
