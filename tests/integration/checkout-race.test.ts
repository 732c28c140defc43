// A shopper checks out while, at the same moment, adding another product to the cart (a second
// tab, a double click). 150 rounds, each a fresh shopper holding one cheap unit: place_order and
// reserve_stock on an expensive product are released together, on two real connections or
// through supabase-js over HTTP. Whatever the interleaving, for every round:
//   - the order's subtotal is the sum of its items and grand_total = subtotal + shipping − discount,
//   - an acknowledged hold is either a line of the order or still held (never silently dropped),
//   - stock fell by exactly the units in orders,
// and at the end admin.integrity_problems() (the same query pgTAP and the bench run) is empty.
// This failed (49 wrong rounds of 150) while place_order read the holds again in every statement;
// it now reads the locked holds once (20261121000420_orders.sql).
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createAuthUsers, openAsUser, testDatabaseUrl } from '../support/fixtures.ts';

const tag = `checkout${crypto.randomBytes(4).toString('hex')}`;
const rounds = 150;
const admin = new pg.Client({ connectionString: testDatabaseUrl() });
const userIds: string[] = [];
let categoryId = '';
let cheapId = '';
let dearId = '';

const checkout = {
  customer_name: 'Race Tester',
  customer_email: 'race@example.com',
  customer_phone: null,
  address: '1 Race Road',
  zip: '10110',
  city: 'Bangkok',
  country: 'Thailand',
  payment_method: 'cash',
};
const placeOrderSql = `select * from public.place_order($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
const placeOrderParams = (key: string) => [
  key, checkout.customer_name, checkout.customer_email, checkout.customer_phone, checkout.address,
  checkout.zip, checkout.city, checkout.country, checkout.payment_method,
];

interface OrderRow {
  id: string;
  subtotal: string;
  shipping: string;
  discount: string;
  grand_total: string;
}

/** Runs one statement as the user and commits; the result counts only if the commit succeeded. */
async function runAndCommit<Row extends pg.QueryResultRow>(client: pg.Client, sql: string, params: unknown[]): Promise<Row | null> {
  try {
    const { rows } = await client.query<Row>(sql, params);
    await client.query('commit');
    return rows[0] ?? null;
  } catch {
    await client.query('rollback').catch(() => undefined);
    return null;
  } finally {
    await client.end();
  }
}

/** One round; returns what was acknowledged to the shopper. */
async function raceOnce(round: number, userId: string): Promise<{ order: OrderRow | null; dearHoldAcknowledged: boolean }> {
  const key = `${tag}-${round}`;
  const cart = await openAsUser(userId);
  await runAndCommit(cart, 'select * from public.reserve_stock($1, 1)', [cheapId]);

  // Vary who goes over HTTP and when the hold starts, so the hold's commit lands at different
  // points of the checkout.
  const viaHttp = round % 3 === 0;
  const head = round % 5;
  if (viaHttp) {
    const supabase = await clientFor(userId);
    const [placed, held] = await Promise.all([
      supabase.rpc('place_order', { idempotency_key: key, ...checkout }),
      (async () => {
        for (let spin = 0; spin < head; spin += 1) await new Promise((resolve) => setImmediate(resolve));
        return supabase.rpc('reserve_stock', { product_id: dearId, quantity: 1 });
      })(),
    ]);
    return { order: placed.error ? null : (placed.data as OrderRow), dearHoldAcknowledged: !held.error };
  }
  const [orderer, holder] = await Promise.all([openAsUser(userId), openAsUser(userId)]);
  const [order, hold] = await Promise.all([
    runAndCommit<OrderRow>(orderer, placeOrderSql, placeOrderParams(key)),
    (async () => {
      for (let spin = 0; spin < head; spin += 1) await new Promise((resolve) => setImmediate(resolve));
      return runAndCommit(holder, 'select * from public.reserve_stock($1, 1)', [dearId]);
    })(),
  ]);
  return { order, dearHoldAcknowledged: hold !== null };
}

beforeAll(async () => {
  await admin.connect();
  categoryId = (await admin.query<{ id: string }>(
    `insert into public.categories (slug, name, position) values ($1, $1, 99) returning id`, [tag])).rows[0].id;
  const product = async (slug: string, price: string) =>
    (await admin.query<{ id: string }>(
      `insert into public.products (slug, name, category_id, price, stock) values ($1, $1, $2, $3, 10000) returning id`,
      [slug, categoryId, price])).rows[0].id;
  cheapId = await product(`${tag}-cheap`, '10.00');
  dearId = await product(`${tag}-dear`, '1000.00');
  userIds.push(...(await createAuthUsers(admin, Array.from({ length: rounds }, (_, index) => `${tag}-${index}@race.test`))));
});

afterAll(async () => {
  await admin.query(`delete from public.orders where user_id = any($1::uuid[])`, [userIds]);
  await admin.query(`delete from auth.users where id = any($1::uuid[])`, [userIds]);
  await admin.query(`delete from public.products where category_id = $1`, [categoryId]);
  await admin.query(`delete from public.categories where id = $1`, [categoryId]);
  await admin.end();
});

describe('place_order while the same shopper adds another product', () => {
  it(`keeps every order's money and every acknowledged hold right over ${rounds} rounds`, { timeout: 120_000 }, async () => {
    const since = (await admin.query<{ now: Date }>('select now()')).rows[0].now;
    const wrong: string[] = [];
    let orders = 0;
    let dearOrdered = 0;

    for (let round = 0; round < rounds; round += 1) {
      const userId = userIds[round];
      const { order, dearHoldAcknowledged } = await raceOnce(round, userId);
      const { rows: items } = await admin.query<{ product_id: string; quantity: number; line_total: string }>(
        `select i.product_id, i.quantity, i.line_total from public.order_items i join public.orders o on o.id = i.order_id
          where o.user_id = $1`,
        [userId],
      );
      const { rows: held } = await admin.query<{ product_id: string }>(
        `select product_id from public.stock_reservations where user_id = $1`, [userId]);

      if (!order) {
        wrong.push(`round ${round}: the checkout failed`);
        continue;
      }
      orders += 1;
      const itemsTotal = items.reduce((sum, item) => sum + Number(item.line_total), 0);
      if (Number(order.subtotal) !== itemsTotal) wrong.push(`round ${round}: subtotal ${order.subtotal}, items ${itemsTotal}`);
      if (Number(order.grand_total) !== Number(order.subtotal) + Number(order.shipping) - Number(order.discount)) {
        wrong.push(`round ${round}: grand total ${order.grand_total} does not add up`);
      }
      if (!items.some((item) => item.product_id === cheapId)) wrong.push(`round ${round}: the cheap hold was not ordered`);
      if (held.some((hold) => hold.product_id === cheapId)) wrong.push(`round ${round}: the ordered hold is still held`);
      const dearInOrder = items.some((item) => item.product_id === dearId);
      const dearStillHeld = held.some((hold) => hold.product_id === dearId);
      if (dearInOrder) dearOrdered += 1;
      if (dearHoldAcknowledged && !dearInOrder && !dearStillHeld) wrong.push(`round ${round}: an acknowledged hold vanished`);
      if (dearInOrder && dearStillHeld) wrong.push(`round ${round}: a hold was ordered and is still held`);
    }

    const { rows: problems } = await admin.query(
      `select * from admin.integrity_problems($1::jsonb, $2)`,
      [JSON.stringify({ [cheapId]: 10000, [dearId]: 10000 }), since],
    );
    console.info(`checkout race: ${orders} orders in ${rounds} rounds, ${dearOrdered} included the concurrent hold, ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
    expect(problems).toEqual([]);
    expect(orders).toBe(rounds);
  });
});
