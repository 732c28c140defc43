// "Sold out" only for an empty shelf (issue #19): when another shopper holds every unit, the
// product page says the units are in other shoppers' carts and may be back soon, with when the
// first hold ends; once the shelf is empty it says sold out.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { stackEnv } from '../support/stack-env.ts';
import { startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();
const tag = `held-${crypto.randomBytes(3).toString('hex')}`;
const db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });

before(async () => {
  await db.connect();
  const { rows: [category] } = await db.query<{ id: string }>(
    `insert into public.categories (slug, name, position) values ($1, $1, 98) returning id`, [tag]);
  await db.query(
    `insert into public.products (slug, name, category_id, price, stock, description, features)
     values ($1, $2, $3, 80, 2, 'Two on the shelf.', 'Small batch.')`, [tag, `Held Test Amp ${tag}`, category.id]);
});

after(async () => {
  await db.query('delete from public.products where slug = $1', [tag]);
  await db.query('delete from public.categories where slug = $1', [tag]);
  await db.end();
});

test('a product whose units are all in another cart reads "in other shoppers\' carts", an empty shelf "sold out"', async (t) => {
  await withPage(t, browser(), async (holder) => {
    await holder.goto(`/en/products/${tag}`);
    await holder.getByLabel('Quantity').fill('2');
    await holder.getByRole('button', { name: 'Add to cart' }).click();
    await holder.waitForURL('**/cart?added=*');

    const visitor = await browser().newPage({ baseURL: new URL(holder.url()).origin });
    try {
      await visitor.goto(`/en/products/${tag}`);
      assert.equal(await visitor.locator('.product-page__meta').getByTestId('availability').textContent(), "In other shoppers' carts");
      const notice = (await visitor.getByTestId('held-elsewhere').textContent()) ?? '';
      assert.match(notice, /^In other shoppers' carts: may be available again soon \(the first hold ends at \d{1,2}:\d{2}/);
      assert.equal(await visitor.getByRole('button', { name: 'Add to cart' }).count(), 0);

      // Sold: the shelf is empty now.
      await db.query('delete from public.stock_reservations where product_id = (select id from public.products where slug = $1)', [tag]);
      await db.query('update public.products set stock = 0 where slug = $1', [tag]);
      await visitor.goto(`/en/products/${tag}?fresh=1`);
      assert.equal(await visitor.locator('.product-page__meta').getByTestId('availability').textContent(), 'Sold out');
      assert.equal(await visitor.getByTestId('held-elsewhere').count(), 0);
    } finally {
      await visitor.close();
    }
  });
});
