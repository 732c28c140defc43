// A shopper searches from the results page's own form in English, Thai, Korean and Chinese
// (words inside unspaced scripts, a two-character query), sees how many match, cards with
// prices in rank order, a helpful message when nothing matches or the query is too long, and
// the same without JavaScript; on a category page they sort by price both ways.
// The searched products are this file's own (made as postgres, removed after), so the seed can
// change; the sort test reads whatever the first category holds.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { testDatabaseUrl } from '../support/fixtures.ts';
import { startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();
const SLUG_PREFIX = 'search-fixture-';
let db: pg.Client;

async function removeFixture(): Promise<void> {
  await db.query('delete from public.products where slug like $1', [`${SLUG_PREFIX}%`]);
  await db.query('delete from public.categories where slug = $1', [`${SLUG_PREFIX}category`]);
}

before(async () => {
  db = new pg.Client({ connectionString: testDatabaseUrl() });
  await db.connect();
  await removeFixture();
  await db.query(`insert into public.categories (slug, name, description, position) values ($1, 'Search fixtures', 'Fixture', 99)`, [
    `${SLUG_PREFIX}category`,
  ]);
  await db.query(
    `insert into public.products (slug, name, category_id, price, stock, description, features)
     select v.slug, v.name, c.id, v.price, 20, v.description, 'Fixture features'
     from (values ($2, 'Zebrine Amp', 123.00, 'A striped amplifier'),
                  ($3, 'Cable for Zebrine', 9.00, 'A striped cable')) as v(slug, name, price, description)
     join public.categories as c on c.slug = $1`,
    [`${SLUG_PREFIX}category`, `${SLUG_PREFIX}amp`, `${SLUG_PREFIX}cable`],
  );
  await db.query(
    `insert into public.product_translations (product_id, locale, name)
     select p.id, v.locale::public.locale, v.name
     from (values ('th', 'แอมป์ม้าลาย'), ('ko', '얼룩말 앰프'), ('zh-TW', '斑馬擴大機')) as v(locale, name)
     join public.products as p on p.slug = $1`,
    [`${SLUG_PREFIX}amp`],
  );
});

after(async () => {
  await removeFixture();
  await db.end();
});

const main = (page: Page) => page.getByRole('main');

/** Types `query` into the results page's own form (not the header's box) and submits it. */
async function searchFromResultsPage(page: Page, label: string, button: string, query: string): Promise<void> {
  const form = main(page).getByRole('search');
  await form.getByLabel(label, { exact: true }).fill(query);
  await form.getByRole('button', { name: button, exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === query);
}

async function cardNames(page: Page): Promise<string[]> {
  return (await main(page).getByTestId('product-card').getByRole('heading').allTextContents()).map((name) => name.trim());
}

test('English: the page form searches, counts, ranks and shows prices; nothing found and too long are said', async (t) => {
  await withPage(t, browser(), async (page) => {
    const empty = await page.goto('/en/search');
    assert.equal(empty?.status(), 200);
    await page.getByRole('heading', { level: 1, name: 'Search the store' }).waitFor();

    await searchFromResultsPage(page, 'Search products', 'Search', 'zebrine');
    await page.getByRole('heading', { level: 1, name: '2 results for “zebrine”' }).waitFor();
    assert.equal(await page.title(), 'Search: zebrine | Audio store');
    assert.equal(await page.locator('meta[name="robots"]').getAttribute('content'), 'noindex');
    // The name that starts with the query ranks before the one that only contains it.
    assert.deepEqual(await cardNames(page), ['Zebrine Amp', 'Cable for Zebrine']);
    const prices = await main(page).getByTestId('product-card').locator('.price').allTextContents();
    assert.deepEqual(prices.map((price) => price.trim()), ['$123.00', '$9.00']);
    // The form keeps the query for the next search.
    assert.equal(await main(page).getByRole('search').getByLabel('Search products', { exact: true }).inputValue(), 'zebrine');

    await searchFromResultsPage(page, 'Search products', 'Search', 'qqzzxxnothing');
    await main(page).getByText('Nothing matches “qqzzxxnothing”.').waitFor();
    assert.ok((await main(page).getByTestId('search-empty').getByRole('link').count()) > 0, 'the empty page offers the categories');

    const tooLong = await page.goto(`/en/search?q=${'a'.repeat(101)}`);
    assert.equal(tooLong?.status(), 400);
    assert.equal((await main(page).getByRole('alert').textContent())?.trim(), 'Search for 100 characters at most.');
  });
});

test('Thai, Korean and Chinese: words inside unspaced names, and a two-character query', async (t) => {
  const cases = [
    { lang: 'th', label: 'ค้นหาสินค้า', button: 'ค้นหา', query: 'ม้าลาย', heading: 'พบ 1 รายการสำหรับ “ม้าลาย”', name: 'แอมป์ม้าลาย' },
    { lang: 'ko', label: '상품 검색', button: '검색', query: '얼룩', heading: '“얼룩” 검색 결과 1개', name: '얼룩말 앰프' },
    { lang: 'zh-TW', label: '搜尋商品', button: '搜尋', query: '斑馬', heading: '「斑馬」共有 1 筆結果', name: '斑馬擴大機' },
  ];
  await withPage(t, browser(), async (page) => {
    for (const { lang, label, button, query, heading, name } of cases) {
      await page.goto(`/${lang}/search`);
      await searchFromResultsPage(page, label, button, query);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      assert.deepEqual(await cardNames(page), [name], `${lang}: the product, named in ${lang}`);
      assert.match((await main(page).getByTestId('product-card').locator('.price').textContent()) ?? '', /\d/, `${lang}: with its price`);
    }
  });
});

test('search works without JavaScript', async (t) => {
  await withPage(
    t,
    browser(),
    async (page) => {
      await page.goto('/en/search');
      await searchFromResultsPage(page, 'Search products', 'Search', 'zebrine amp');
      await page.getByRole('heading', { level: 1, name: '1 result for “zebrine amp”' }).waitFor();
      assert.deepEqual(await cardNames(page), ['Zebrine Amp']);
    },
    { javaScriptEnabled: false },
  );
});

/** The card prices of the page, as numbers, in page order. */
async function cardPrices(page: Page): Promise<number[]> {
  const texts = await main(page).getByTestId('product-card').locator('.price').allTextContents();
  return texts.map((text) => Number(text.replace(/[^0-9.]/g, '')));
}

/**
 * The card prices once they are in `order` (the URL changes before the new page renders, so a
 * read right after the navigation can still see the old cards); fails after 5 s with the last read.
 */
async function pricesOnceSorted(page: Page, order: 'ascending' | 'descending'): Promise<number[]> {
  const sorted = (prices: number[]) =>
    [...prices].sort((a, b) => (order === 'ascending' ? a - b : b - a));
  let prices = await cardPrices(page);
  for (let tries = 0; tries < 50 && JSON.stringify(prices) !== JSON.stringify(sorted(prices)); tries += 1) {
    await page.waitForTimeout(100);
    prices = await cardPrices(page);
  }
  assert.deepEqual(prices, sorted(prices), `prices are ${order}`);
  return prices;
}

async function firstCategoryWithPrices(page: Page): Promise<string> {
  await page.goto('/en');
  const href = await page.getByRole('navigation', { name: 'Main' }).locator('a[href*="/categories/"]').first().getAttribute('href');
  assert.ok(href);
  await page.goto(href);
  const prices = await cardPrices(page);
  assert.ok(new Set(prices).size > 1, 'the first category has products at different prices');
  return href;
}

test('a category page sorts by price low to high and high to low, with and without JavaScript', async (t) => {
  await withPage(t, browser(), async (page) => {
    await firstCategoryWithPrices(page);
    const sort = main(page).getByLabel('Sort by');
    assert.equal(await sort.inputValue(), 'featured', 'the default order is selected');

    // With JavaScript, picking an order applies it.
    await sort.selectOption({ label: 'Price: low to high' });
    await page.waitForURL((url) => url.searchParams.get('sort') === 'price_asc');
    const ascending = await pricesOnceSorted(page, 'ascending');

    await main(page).getByLabel('Sort by').selectOption({ label: 'Price: high to low' });
    await page.waitForURL((url) => url.searchParams.get('sort') === 'price_desc');
    const descending = await pricesOnceSorted(page, 'descending');
    assert.notDeepEqual(descending, ascending);
  });

  await withPage(
    t,
    browser(),
    async (page) => {
      const href = await firstCategoryWithPrices(page);
      await main(page).getByLabel('Sort by').selectOption('price_desc');
      await main(page).getByRole('button', { name: 'Sort', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'price_desc');
      // Without JavaScript the form loads a new page: no waiting for a render.
      const descending = await cardPrices(page);
      assert.deepEqual(descending, [...descending].sort((a, b) => b - a));
      // An unknown order is the default one, not an error.
      const unknown = await page.goto(`${href}?sort=cheapest-first`);
      assert.equal(unknown?.status(), 200);
      assert.equal(await main(page).getByLabel('Sort by').inputValue(), 'featured');
    },
    { javaScriptEnabled: false },
  );
});
