// The product page's gallery and its related cards, driven as a shopper would: clicking a
// thumbnail, moving along the thumbnails with the arrow keys (roving tabindex) and choosing with
// Enter or Space, swiping the main image with a real touch (Chromium's touch input through the
// DevTools protocol, which the page receives as pointer events), and without JavaScript, where
// the thumbnails are links to ?image=N. Which image is shown is read off the page: the main
// image's mobile cut is the same file as its thumbnail's, so no image names are assumed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();

const PRODUCT = '/en/products/aria-one-headphones';
const PRICE = /^\$\d{1,3}(,\d{3})*\.\d{2}$/;

function gallery(page: Page) {
  return page.getByRole('region', { name: 'Product images' });
}

/** The file of each thumbnail, in order. */
async function thumbnailSources(page: Page): Promise<string[]> {
  return gallery(page)
    .locator('.gallery__thumbnail img')
    .evaluateAll((images) => images.map((image) => image.getAttribute('src') ?? ''));
}

/** Which image (1-based) the main image is, by its file; 0 when it matches no thumbnail. */
async function shownImage(page: Page): Promise<number> {
  const main = (await page.getByTestId('gallery').locator('img').getAttribute('src')) ?? '';
  return (await thumbnailSources(page)).indexOf(main) + 1;
}

async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
}

/** Once React runs, the thumbnails are buttons (before that they are links). */
async function openGallery(page: Page): Promise<number> {
  await page.goto(PRODUCT);
  const buttons = gallery(page).getByRole('button', { name: /^Image \d+ of \d+$/ });
  await buttons.first().waitFor();
  const count = await buttons.count();
  assert.ok(count >= 2, 'the product has several images');
  assert.equal(await gallery(page).getByRole('link').count(), 0, 'no thumbnail is left a link');
  return count;
}

test('clicking a thumbnail shows its image, says so, and marks it pressed', async (t) => {
  await withPage(t, browser(), async (page) => {
    const count = await openGallery(page);
    const sources = await thumbnailSources(page);
    assert.equal(new Set(sources).size, count, 'every thumbnail is a different image');
    assert.equal(await shownImage(page), 1);
    const third = gallery(page).getByRole('button', { name: `Image 3 of ${count}` });
    assert.equal(await third.getAttribute('aria-pressed'), 'false');
    await third.click();
    assert.equal(await shownImage(page), 3);
    assert.equal(await third.getAttribute('aria-pressed'), 'true');
    assert.equal(await gallery(page).getByRole('button', { name: `Image 1 of ${count}` }).getAttribute('aria-pressed'), 'false');
    assert.equal(await page.getByTestId('gallery-status').textContent(), `Showing image 3 of ${count}`);
    // The main image keeps its alt text (the thumbnails' own images are decoration).
    assert.ok(((await page.getByTestId('gallery').locator('img').getAttribute('alt')) ?? '').length > 0);
    assert.deepEqual(
      await gallery(page).locator('.gallery__thumbnail img').evaluateAll((images) => images.map((image) => image.getAttribute('alt'))),
      Array(count).fill(''),
    );
  });
});

test('the thumbnails are one tab stop; arrow keys move between them and Enter or Space shows one', async (t) => {
  await withPage(t, browser(), async (page) => {
    const count = await openGallery(page);
    const tabStops = await gallery(page)
      .getByRole('button')
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('tabindex')));
    assert.deepEqual(tabStops, ['0', ...Array(count - 1).fill('-1')], 'only the shown image is in the tab order');

    // Tab from the last thing before the gallery (the back link) lands on the shown thumbnail.
    await page.getByRole('link', { name: /^Back to/ }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), `Image 1 of ${count}`);

    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedName(page), `Image 2 of ${count}`);
    assert.equal(await shownImage(page), 1, 'moving focus does not change the image');
    await page.keyboard.press('Enter');
    assert.equal(await shownImage(page), 2);

    // Left from the first wraps to the last; Space shows it.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focusedName(page), `Image ${count} of ${count}`);
    await page.keyboard.press('Space');
    assert.equal(await shownImage(page), count);
    await page.keyboard.press('Home');
    assert.equal(await focusedName(page), `Image 1 of ${count}`);

    // Tab leaves the row at once: the next stop is past the thumbnails.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement?.closest('.gallery__thumbnails') === null);
    assert.ok(next, 'Tab moves out of the thumbnails');
  });
});

/** A one-finger swipe across the main image, as Chromium's touch input (pointer events in the page). */
async function swipe(page: Page, fromX: number, toX: number, deltaY = 0): Promise<void> {
  const box = await page.getByTestId('gallery').boundingBox();
  assert.ok(box);
  const y = box.y + box.height / 2;
  const cdp = await page.context().newCDPSession(page);
  const at = (x: number, dy = 0) => [{ x: box.x + box.width * x, y: y + dy }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(fromX) });
  for (let step = 1; step <= 5; step += 1) {
    const x = fromX + ((toX - fromX) * step) / 5;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(x, (deltaY * step) / 5) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('on a phone, swiping the main image left and right changes the image', async (t) => {
  await withPage(
    t,
    browser(),
    async (page) => {
      const count = await openGallery(page);
      await page.getByTestId('gallery').scrollIntoViewIfNeeded();
      await swipe(page, 0.8, 0.2);
      await page.waitForFunction(() => document.querySelector('[data-testid="gallery-status"]')?.textContent?.startsWith('Showing image 2'));
      assert.equal(await shownImage(page), 2);
      await swipe(page, 0.8, 0.2);
      assert.equal(await shownImage(page), 3);
      await swipe(page, 0.2, 0.8);
      assert.equal(await shownImage(page), 2);
      await swipe(page, 0.2, 0.8);
      assert.equal(await shownImage(page), 1);
      // At the first image a swipe right stays there; a short or mostly vertical move is no swipe.
      await swipe(page, 0.2, 0.8);
      assert.equal(await shownImage(page), 1);
      await swipe(page, 0.5, 0.45);
      assert.equal(await shownImage(page), 1);
      assert.ok(count >= 3);
    },
    { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
  );
});

test('without JavaScript the thumbnails are links to ?image=N and the page shows that image', async (t) => {
  await withPage(
    t,
    browser(),
    async (page) => {
      await page.goto(PRODUCT);
      const links = gallery(page).getByRole('link', { name: /^Image \d+ of \d+$/ });
      const count = await links.count();
      assert.ok(count >= 2);
      assert.equal(await shownImage(page), 1);
      await gallery(page).getByRole('link', { name: `Image 2 of ${count}` }).click();
      await page.waitForURL(/\?image=2$/);
      assert.equal(await shownImage(page), 2);
      assert.equal(await gallery(page).getByRole('link', { name: `Image 2 of ${count}` }).getAttribute('aria-current'), 'true');
      // Anything else than 1…count shows the first image; it is no error.
      for (const value of ['99', '0', 'abc', '-1', '2.5']) {
        const response = await page.goto(`${PRODUCT}?image=${value}`);
        assert.equal(response?.status(), 200, value);
        assert.equal(await shownImage(page), 1, value);
      }
      await page.goto(`${PRODUCT}?image=${count}`);
      assert.equal(await shownImage(page), count);
    },
    { javaScriptEnabled: false },
  );
});

test('related products: up to four cards with prices, never the product itself', async (t) => {
  await withPage(
    t,
    browser(),
    async (page) => {
      await page.goto(PRODUCT);
      const name = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
      const related = page.getByRole('region', { name: 'You may also like' });
      const cards = related.getByTestId('product-card');
      const count = await cards.count();
      assert.ok(count >= 1 && count <= 4, `1-4 related cards, got ${count}`);
      const names: string[] = [];
      for (let index = 0; index < count; index += 1) {
        const card = cards.nth(index);
        names.push((await card.getByRole('heading', { level: 3 }).textContent())?.trim() ?? '');
        assert.match((await card.locator('.price').textContent())?.trim() ?? '', PRICE);
      }
      assert.ok(!names.includes(name), 'the product is not related to itself');
      // The first card is from the same category: its page's back link names the same category.
      const backLink = ((await page.getByRole('link', { name: /^Back to/ }).textContent()) ?? '').trim();
      await cards.first().getByRole('heading').getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: names[0] }).waitFor();
      assert.equal(((await page.getByRole('link', { name: /^Back to/ }).textContent()) ?? '').trim(), backLink);
    },
    { viewport: { width: 1280, height: 900 } },
  );
});
