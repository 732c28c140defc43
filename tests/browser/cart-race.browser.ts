// Two shoppers in two browsers press "Add to cart" on the last unit at the same moment: exactly
// one gets it, the other reads that it is sold out. Stock is set as postgres (what an admin does
// in Studio) and put back afterwards.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { stackEnv } from '../support/stack-env.ts';
import { getBaseUrl, startBrowserForFile } from './support/browser.ts';

const browser = startBrowserForFile();
const slug = 'monolith-s9-speaker';
const db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
let productId = '';
let originalStock = 0;

before(async () => {
  await db.connect();
  const { rows } = await db.query<{ id: string; stock: number }>('select id, stock from public.products where slug = $1', [slug]);
  assert.equal(rows.length, 1, `product ${slug} exists`);
  productId = rows[0].id;
  originalStock = rows[0].stock;
  // Holds left by other tests would count against the last unit; this race starts from a clean shelf.
  await db.query('delete from public.stock_reservations where product_id = $1', [productId]);
  await db.query('update public.products set stock = 1 where id = $1', [productId]);
});

after(async () => {
  await db.query('delete from public.stock_reservations where product_id = $1', [productId]);
  await db.query('update public.products set stock = $2 where id = $1', [productId, originalStock]);
  await db.end();
});

async function openProductPage(page: Page): Promise<void> {
  await page.goto(`/products/${slug}`);
  await page.getByRole('button', { name: 'Add to cart' }).waitFor();
}

test('two browsers race for the last unit: exactly one holds it, the other is told it is sold out', async () => {
  const contexts = await Promise.all([1, 2].map(() => browser().newContext({ baseURL: getBaseUrl() })));
  try {
    const pages = await Promise.all(contexts.map((context) => context.newPage()));
    for (const page of pages) page.setDefaultTimeout(10_000);
    await Promise.all(pages.map(openProductPage));

    await Promise.all(pages.map((page) => page.getByRole('button', { name: 'Add to cart' }).click()));
    await Promise.all(pages.map((page) => page.waitForURL('**/cart**')));

    const outcomes = await Promise.all(
      pages.map(async (page) => {
        await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();
        const held = await page.getByTestId('cart-line').count();
        const error = ((await page.getByTestId('cart-error').textContent()) ?? '').trim();
        return { held, error };
      }),
    );
    const winners = outcomes.filter((outcome) => outcome.held === 1);
    const losers = outcomes.filter((outcome) => outcome.held === 0);
    assert.equal(winners.length, 1, `exactly one shopper holds the unit: ${JSON.stringify(outcomes)}`);
    assert.equal(losers.length, 1);
    assert.match(losers[0].error, /sold out|Only 0 left/);
    assert.equal(winners[0].error, '');

    const { rows } = await db.query<{ total: number }>(
      'select coalesce(sum(quantity), 0)::int as total from public.stock_reservations where product_id = $1 and expires_at > now()',
      [productId],
    );
    assert.equal(rows[0].total, 1, 'the database granted one unit in all');
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});
