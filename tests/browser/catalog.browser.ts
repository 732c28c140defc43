// A shopper browses the catalog: home → a category → a product → a related product, on desktop,
// on a phone and without JavaScript; unknown addresses get the real 404 page. Navigation goes
// through the links on the page (no product names are assumed), so the seed can change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { getBaseUrl, startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();

const BADGE = /^(In stock|Only [1-5] left|Sold out)$/;
const PRICE = /^\$\d{1,3}(,\d{3})*\.\d{2}$/;

/** Every <img> matched has finished loading a real image (scrolled into view first: lazy ones). */
async function expectImagesLoaded(page: Page, selector: string): Promise<number> {
  const images = page.locator(selector);
  const count = await images.count();
  for (let index = 0; index < count; index += 1) {
    const image = images.nth(index);
    await image.scrollIntoViewIfNeeded();
    // No named functions inside: tsx would wrap them in a helper the page does not have.
    const loaded = await page
      .waitForFunction(
        (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
        await image.elementHandle(),
        {
          polling: 100,
          timeout: 5_000,
        },
      )
      .then(
        () => true,
        () => false,
      );
    assert.ok(
      loaded,
      `image ${index + 1} of ${selector} did not load: ${await image.evaluate((img) => (img as HTMLImageElement).currentSrc)}`,
    );
    assert.ok(((await image.getAttribute('alt')) ?? '').trim().length > 0, 'every image has alt text');
  }
  return count;
}

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `${page.url()} scrolls sideways: ${scrollWidth}px > ${clientWidth}px`);
}

/** The product page's essentials: name, price, badge, add to cart (or sold out), box, gallery. */
async function expectProductPage(page: Page): Promise<string> {
  const name = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
  assert.ok(name.length > 0);
  assert.equal(await page.title(), `${name} | Audio store`);
  const main = page.getByRole('main');
  assert.match((await main.locator('.product-page__meta .price').textContent())?.trim() ?? '', PRICE);
  // The product's own badge (the related cards further down carry theirs).
  const badge = (await main.locator('.product-page__meta').getByTestId('availability').textContent())?.trim() ?? '';
  assert.match(badge, BADGE);
  if (badge === 'Sold out') {
    assert.equal(await main.getByRole('button', { name: 'Add to cart' }).count(), 0);
  } else {
    const quantity = main.getByLabel('Quantity');
    const max = Number(await quantity.getAttribute('max'));
    // The picker offers what is left when few are, never more than the badge says.
    const left = /^Only (\d) left$/.exec(badge);
    if (left) assert.equal(max, Number(left[1]));
    else assert.ok(max >= 1);
    await main.getByRole('button', { name: 'Add to cart' }).waitFor();
  }
  await main.getByRole('heading', { level: 2, name: 'Features' }).waitFor();
  await main.getByRole('heading', { level: 2, name: 'In the box' }).waitFor();
  assert.ok((await main.getByTestId('in-the-box').getByRole('listitem').count()) > 0);
  assert.ok((await expectImagesLoaded(page, '[data-testid="gallery"] img')) > 0, 'the gallery has images');
  await expectImagesLoaded(page, '.product-page__image img');
  return name;
}

test('a shopper browses home → category → product → a related product', async (t) => {
  await withPage(
    t,
    browser(),
    async (page) => {
      const home = await page.goto('/');
      assert.equal(home?.status(), 200);
      // The hero features a new product; the category tiles and featured cards come from the catalog.
      await page.getByTestId('hero-product').getByText('New product').waitFor();
      const tiles = page.locator('.category-card');
      // One tile per category the main navigation links (besides Home and Events).
      assert.equal(
        await tiles.count(),
        await page.getByRole('navigation', { name: 'Main' }).locator('a[href*="/categories/"]').count(),
      );
      await expectImagesLoaded(page, '.category-card img');
      assert.ok((await page.locator('.featured-grid [data-testid="product-card"]').count()) > 0);

      const tileLink = tiles.first().getByRole('link');
      const categoryName = (await tileLink.textContent())?.trim() ?? '';
      await tileLink.click();
      await page.getByRole('heading', { level: 1, name: categoryName }).waitFor();
      assert.match(new URL(page.url()).pathname, /^\/en\/categories\/[a-z0-9-]+$/);
      assert.equal(await page.title(), `${categoryName} | Audio store`);

      // Every card: image (with alt), name linking to its page, price, badge; new products first.
      const cards = page.getByTestId('product-card');
      const cardCount = await cards.count();
      assert.ok(cardCount > 0);
      let seenOld = false;
      for (let index = 0; index < cardCount; index += 1) {
        const card = cards.nth(index);
        assert.match((await card.locator('.price').textContent())?.trim() ?? '', PRICE);
        assert.match((await card.getByTestId('availability').textContent())?.trim() ?? '', BADGE);
        assert.match((await card.getByRole('heading').getByRole('link').getAttribute('href')) ?? '', /^\/en\/products\//);
        const isNew = (await card.getByText('New product').count()) > 0;
        assert.ok(!(isNew && seenOld), 'new products are listed first');
        seenOld ||= !isNew;
      }
      await expectImagesLoaded(page, '[data-testid="product-card"] img');

      const productLink = cards.first().getByRole('heading').getByRole('link');
      const productName = (await productLink.textContent())?.trim() ?? '';
      await productLink.click();
      await page.getByRole('heading', { level: 1, name: productName }).waitFor();
      await expectProductPage(page);

      // Related products are product cards: the name is the heading and the link.
      const related = page
        .getByRole('region', { name: 'You may also like' })
        .getByTestId('product-card')
        .getByRole('heading', { level: 3 })
        .getByRole('link');
      assert.ok((await related.count()) > 0);
      await expectImagesLoaded(page, '.related img');
      const relatedName = ((await related.first().textContent()) ?? '').trim();
      await related.first().click();
      await page.getByRole('heading', { level: 1, name: relatedName }).waitFor();
      await expectProductPage(page);
    },
    { viewport: { width: 1280, height: 900 } },
  );
});

test('unknown products and categories get the 404 page with status 404', async (t) => {
  await withPage(t, browser(), async (page) => {
    for (const path of ['/products/no-such-product', '/categories/no-such-category']) {
      const response = await page.goto(path);
      assert.equal(response?.status(), 404, path);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      // Still inside the store's layout, with the nav to go on browsing.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).waitFor();
    }
  });
});

test('browsing works without JavaScript', async (t) => {
  await withPage(
    t,
    browser(),
    async (page) => {
      await page.goto('/');
      const navLinks = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
      const categoryLink = navLinks.nth(1);
      const categoryName = (await categoryLink.textContent())?.trim() ?? '';
      await categoryLink.click();
      await page.getByRole('heading', { level: 1, name: categoryName }).waitFor();
      await page.getByTestId('product-card').first().getByRole('heading').getByRole('link').click();
      await page.waitForURL('**/products/*');
      await expectProductPage(page);
    },
    { javaScriptEnabled: false },
  );
});

test('on a phone (390×844) the catalog pages fit the screen', async (t) => {
  await withPage(
    t,
    browser(),
    async (page) => {
      await page.goto('/');
      await expectNoHorizontalScroll(page);
      await page.locator('.category-card').first().getByRole('link').click();
      await page.waitForURL('**/categories/*');
      await expectNoHorizontalScroll(page);
      await page.getByTestId('product-card').first().getByRole('heading').getByRole('link').click();
      await page.waitForURL('**/products/*');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expectNoHorizontalScroll(page);
      // The phone gets the mobile cut of the product image. currentSrc is '' until the image has
      // picked its source, which on a busy machine can be after the heading shows.
      const image = await page.locator('.product-page__image img').elementHandle();
      await page.waitForFunction((img) => (img as HTMLImageElement).currentSrc !== '', image);
      const source = await page
        .locator('.product-page__image img')
        .evaluate((img) => (img as HTMLImageElement).currentSrc);
      assert.match(source, /mobile/);
    },
    { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  );
});

test('anonymous catalog pages are publicly cacheable; pages for a session are not', async () => {
  const home = await fetch(new URL('/en', getBaseUrl()));
  const categoryPath = /href="(\/en\/categories\/[a-z0-9-]+)"/.exec(await home.text())?.[1];
  assert.ok(categoryPath, 'the home page links a category');
  const url = new URL(categoryPath, getBaseUrl());

  const anonymous = await fetch(url);
  assert.equal(anonymous.status, 200);
  assert.match(anonymous.headers.get('cache-control') ?? '', /^public, max-age=60/);
  assert.match(anonymous.headers.get('vary') ?? '', /\bCookie\b/);

  // Any Supabase session cookie (here one Auth cannot verify) makes the page private or no-store.
  const withSession = await fetch(url, {
    headers: { Cookie: 'sb-127-auth-token=base64-bm90LWEtc2Vzc2lvbg' },
  });
  assert.equal(withSession.status, 200);
  const cacheControl = withSession.headers.get('cache-control') ?? '';
  assert.doesNotMatch(cacheControl, /public/);
  assert.match(cacheControl, /private|no-store/);
  assert.match(withSession.headers.get('vary') ?? '', /\bCookie\b/);
});
