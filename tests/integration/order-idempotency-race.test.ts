// Ten retries of one checkout, fired together on ten real connections as the same user with
// the same idempotency key (a double-clicked button, a retrying proxy): exactly one order,
// every call returns it, stock is charged once and the holds are consumed once.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthUsers, openAsUser, testDatabaseUrl } from '../support/fixtures.ts';

const tag = `idem${crypto.randomBytes(4).toString('hex')}`;
const retries = 10;
const admin = new pg.Client({ connectionString: testDatabaseUrl() });
let userId = '';
let categoryId = '';
let productId = '';

beforeAll(async () => {
  await admin.connect();
  [userId] = await createAuthUsers(admin, [`${tag}@race.test`]);
  categoryId = (await admin.query<{ id: string }>(
    `insert into public.categories (slug, name, position) values ($1, $1, 99) returning id`, [tag])).rows[0].id;
  productId = (await admin.query<{ id: string }>(
    `insert into public.products (slug, name, category_id, price, stock) values ($1, $1, $2, 250.00, 10) returning id`,
    [tag, categoryId])).rows[0].id;
});

afterAll(async () => {
  await admin.query(`delete from public.orders where user_id = $1`, [userId]).catch(() => undefined);
  await admin.query(`delete from auth.users where id = $1`, [userId]);
  await admin.query(`delete from public.order_items where product_id = $1`, [productId]).catch(() => undefined);
  await admin.query(`delete from public.products where id = $1`, [productId]);
  await admin.query(`delete from public.categories where id = $1`, [categoryId]);
  await admin.end();
});

describe('place_order retried concurrently with one idempotency key', () => {
  it('creates one order, returns it to all ten calls and charges stock once', async () => {
    const cart = await openAsUser(userId);
    await cart.query('select public.reserve_stock($1, 3)', [productId]);
    await cart.query('commit');
    await cart.end();

    const key = crypto.randomUUID();
    const clients = await Promise.all(Array.from({ length: retries }, () => openAsUser(userId)));
    const results = await Promise.all(
      clients.map(async (client) => {
        try {
          const { rows } = await client.query<{ id: string; order_number: string; grand_total: string }>(
            `select id, order_number, grand_total from public.place_order($1, 'Race Tester', 'race@example.com', null,
               '1 Barrier Road', '10001', 'New York', 'USA', 'emoney', '123456789', '1234')`,
            [key],
          );
          await client.query('commit');
          return rows[0];
        } finally {
          await client.end();
        }
      }),
    );

    expect(new Set(results.map((row) => row.id)).size).toBe(1);
    expect(results[0].grand_total).toBe('800.00'); // 3 × 250.00 + 50.00 shipping
    const { rows } = await admin.query<{ orders: number; units: number; stock: number; reserved: number; holds: number }>(
      `select (select count(*)::int from public.orders where user_id = $1) as orders,
              (select coalesce(sum(i.quantity), 0)::int from public.order_items i join public.orders o on o.id = i.order_id where o.user_id = $1) as units,
              p.stock, p.reserved,
              (select count(*)::int from public.stock_reservations where user_id = $1) as holds
         from public.products p where p.id = $2`,
      [userId, productId],
    );
    expect(rows[0]).toEqual({ orders: 1, units: 3, stock: 7, reserved: 0, holds: 0 });
  });
});
