// Races for the last units of a product, with real connections released together.
//
// 24 distinct users (plus one more over HTTP through supabase-js) each open their own
// connection as `authenticator`, BEGIN, switch to `authenticated` with their own JWT claims
// (what PostgREST does per request), wait at a barrier, then all call reserve_stock at once.
// Exactly N units may be granted; the losers get PT409; stock never goes negative.
//
// Teeth: the same race against a deliberately naive check-then-insert (created in a throwaway
// schema) must oversell in at least one of several attempts, so this harness can fail.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createAuthUsers, openAsUser, testDatabaseUrl } from '../support/fixtures.ts';

const racers = 24;
const tag = `race${crypto.randomBytes(4).toString('hex')}`;

const admin = new pg.Client({ connectionString: testDatabaseUrl() });
const userIds: string[] = [];
let categoryId = '';

interface Outcome {
  ok: boolean;
  code?: string;
  quantity?: number;
}

async function createUser(index: number): Promise<string> {
  const [id] = await createAuthUsers(admin, [`${tag}-${index}@race.test`]);
  userIds.push(id);
  return id;
}

async function createProduct(slug: string, stock: number): Promise<string> {
  const { rows } = await admin.query<{ id: string }>(
    `insert into public.products (slug, name, category_id, price, stock) values ($1, $1, $2, 10.00, $3) returning id`,
    [slug, categoryId, stock],
  );
  return rows[0].id;
}

/** One connection per user, each inside BEGIN as that user: the barrier is "all of these are ready". */
async function openRacers(users: string[]): Promise<pg.Client[]> {
  return Promise.all(users.map((userId) => openAsUser(userId)));
}

async function fire(clients: pg.Client[], sql: string, params: unknown[]): Promise<Outcome[]> {
  return Promise.all(
    clients.map(async (client) => {
      try {
        const { rows } = await client.query<{ quantity: number }>(sql, params);
        await client.query('commit');
        return { ok: true, quantity: rows[0]?.quantity };
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        return { ok: false, code: (error as { code?: string }).code };
      } finally {
        await client.end();
      }
    }),
  );
}

beforeAll(async () => {
  await admin.connect();
  const { rows } = await admin.query<{ id: string }>(
    `insert into public.categories (slug, name, position) values ($1, $1, 99) returning id`,
    [tag],
  );
  categoryId = rows[0].id;
  for (let index = 0; index < racers + 1; index += 1) await createUser(index);
});

afterAll(async () => {
  await admin.query(`delete from public.stock_reservations where user_id = any($1::uuid[])`, [userIds]);
  await admin.query(`delete from public.products where category_id = $1`, [categoryId]);
  await admin.query(`delete from public.categories where id = $1`, [categoryId]);
  await admin.query(`delete from auth.users where id = any($1::uuid[])`, [userIds]);
  await admin.query(`drop schema if exists ${tag}_naive cascade`);
  await admin.end();
});

describe('reserve_stock under concurrency', () => {
  it('grants exactly the last N units to 24 SQL racers and one supabase-js racer; the rest get PT409', async () => {
    const units = 5;
    const productId = await createProduct(`${tag}-last-units`, units);
    const clients = await openRacers(userIds.slice(0, racers));

    const httpUser = userIds[racers];
    const supabase = await clientFor(httpUser);

    const [sqlOutcomes, httpOutcome] = await Promise.all([
      fire(clients, 'select * from public.reserve_stock($1, 1)', [productId]),
      supabase.rpc('reserve_stock', { product_id: productId, quantity: 1 }),
    ]);

    // The HTTP racer went through the REST stand-in: a grant (the line) or a clean PT409, nothing else.
    if (!httpOutcome.error) expect(httpOutcome.data).toMatchObject({ product_id: productId, quantity: 1 });
    if (httpOutcome.error) expect(httpOutcome.error.code).toBe('PT409');
    const httpGranted = httpOutcome.error ? 0 : 1;

    const granted = sqlOutcomes.filter((outcome) => outcome.ok).length + httpGranted;
    const refused = sqlOutcomes.filter((outcome) => !outcome.ok);
    expect(granted).toBe(units);
    expect(refused.map((outcome) => outcome.code)).toEqual(Array(racers - units + httpGranted).fill('PT409'));

    const { rows } = await admin.query<{ stock: number; reserved: number; held: number }>(
      `select p.stock, p.reserved,
              (select coalesce(sum(r.quantity), 0)::int from public.stock_reservations r where r.product_id = p.id) as held
         from public.products p where p.id = $1`,
      [productId],
    );
    expect(rows[0]).toEqual({ stock: units, reserved: units, held: units });
  });

  it('never grants more than stock when racers ask for different quantities', async () => {
    const units = 7;
    const productId = await createProduct(`${tag}-mixed`, units);
    const clients = await openRacers(userIds.slice(0, racers));
    const outcomes = await Promise.all(
      clients.map((client, index) => fire([client], 'select * from public.reserve_stock($1, $2)', [productId, 1 + (index % 3)])),
    );
    const flat = outcomes.flat();
    const grantedUnits = flat.reduce((sum, outcome) => sum + (outcome.ok ? outcome.quantity ?? 0 : 0), 0);
    expect(grantedUnits).toBeLessThanOrEqual(units);
    expect(grantedUnits).toBeGreaterThanOrEqual(units - 2); // the only refusals left ask for more than what remains
    expect(flat.filter((outcome) => !outcome.ok).every((outcome) => outcome.code === 'PT409')).toBe(true);
    const { rows } = await admin.query<{ reserved: number; held: number; stock: number }>(
      `select p.stock, p.reserved, (select coalesce(sum(quantity), 0)::int from public.stock_reservations where product_id = p.id) as held
         from public.products p where p.id = $1`,
      [productId],
    );
    expect(rows[0]).toEqual({ stock: units, reserved: grantedUnits, held: grantedUnits });
  });

  it('has teeth: the same race against a naive check-then-insert oversells', async () => {
    const schema = `${tag}_naive`;
    await admin.query(`
      create schema ${schema};
      create table ${schema}.holds (user_id uuid, product_id uuid, quantity integer);
      -- The bug the seed documents describe: read what is left, then write, as two steps.
      create function ${schema}.available(product uuid) returns integer language sql security definer set search_path = '' as $$
        select p.stock - coalesce((select sum(h.quantity) from ${schema}.holds h where h.product_id = p.id), 0)::integer
          from public.products p where p.id = product $$;
      grant usage on schema ${schema} to authenticated;
      grant insert, select on ${schema}.holds to authenticated;
      grant execute on function ${schema}.available(uuid) to authenticated;
    `);
    const units = 5;
    let worstOversell = 0;
    for (let attempt = 0; attempt < 5 && worstOversell === 0; attempt += 1) {
      const productId = await createProduct(`${tag}-naive-${attempt}`, units);
      const clients = await openRacers(userIds.slice(0, racers));
      await Promise.all(
        clients.map(async (client) => {
          try {
            const { rows } = await client.query<{ available: number }>(`select ${schema}.available($1) as available`, [productId]);
            if (rows[0].available >= 1) {
              await client.query(
                `insert into ${schema}.holds values ((current_setting('request.jwt.claims')::jsonb ->> 'sub')::uuid, $1, 1)`,
                [productId]);
            }
            await client.query('commit');
          } finally {
            await client.end();
          }
        }),
      );
      const { rows } = await admin.query<{ held: number }>(
        `select coalesce(sum(quantity), 0)::int as held from ${schema}.holds where product_id = $1`,
        [productId],
      );
      worstOversell = Math.max(worstOversell, rows[0].held - units);
    }
    expect(worstOversell).toBeGreaterThan(0);
  });
});
