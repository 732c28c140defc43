// Every acknowledged hold survives a database crash. Ten holds are acknowledged through
// supabase-js (the stand-in answered 200, the shopper was told "in your cart"), then the
// database is killed at once (`pg_ctl restart -m immediate`: no shutdown checkpoint, crash
// recovery on start) and every one of the ten is still there afterwards.
//
// Teeth: the same crash after holds committed the way reserve_stock did until 2026-12-01
// (synchronous_commit = off for the transaction) loses some of them, which shows this test
// would catch a return of the asynchronous commit.
//
// Runs in the resilience step (tests/resilience/vitest.config.ts): crashing the database would
// break every test running at the same time.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClusterRunning, restartCluster, startCluster } from '../../scripts/lib/cluster.ts';
import { clientFor, createAuthUsers, testDatabaseUrl, testProfile as profile } from '../support/fixtures.ts';

const tag = `crash${crypto.randomBytes(4).toString('hex')}`;
const holdsPerRound = 10;
const userIds: string[] = [];
const productIds: string[] = [];
let categoryId = '';

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  // A fresh connection each time: a crash ends every session.
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function createUser(): Promise<string> {
  const [id] = await withAdmin((admin) => createAuthUsers(admin, [`${tag}-${userIds.length}@crash.test`]));
  userIds.push(id);
  return id;
}

async function heldProducts(userId: string): Promise<number> {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query<{ held: number }>(
      'select count(*)::int as held from public.stock_reservations where user_id = $1', [userId]);
    return rows[0].held;
  });
}

/** Kills the database the way a crash does and waits until it accepts connections again. */
function crash(): void {
  restartCluster(profile, 'immediate');
}

beforeAll(async () => {
  if (profile.name === 'dev') throw new Error('This suite crashes the database: run it on the test stack or a scratch one.');
  await withAdmin(async (admin) => {
    categoryId = (await admin.query<{ id: string }>(
      `insert into public.categories (slug, name, position) values ($1, $1, 99) returning id`, [tag])).rows[0].id;
    const { rows } = await admin.query<{ id: string }>(
      `insert into public.products (slug, name, category_id, price, stock)
       select $1 || '-' || g, 'Crash ' || g, $2, 10.00, 100 from generate_series(1, $3) g returning id`,
      [tag, categoryId, holdsPerRound]);
    productIds.push(...rows.map((row) => row.id));
  });
});

afterAll(async () => {
  if (!isClusterRunning(profile)) await startCluster(profile);
  await withAdmin(async (admin) => {
    await admin.query('delete from auth.users where id = any($1::uuid[])', [userIds]);
    await admin.query('delete from public.products where category_id = $1', [categoryId]);
    await admin.query('delete from public.categories where id = $1', [categoryId]);
  });
});

describe('a database crash right after holds were acknowledged', () => {
  it(`keeps all ${holdsPerRound} holds acknowledged through the API`, async () => {
    const userId = await createUser();
    const supabase = await clientFor(userId);
    for (const productId of productIds) {
      const { error } = await supabase.rpc('reserve_stock', { product_id: productId, quantity: 1 });
      expect(error).toBeNull();
    }
    crash();
    expect(await heldProducts(userId)).toBe(holdsPerRound);
  });

  it('has teeth: holds committed asynchronously (the old reserve_stock) are lost in the same crash', async () => {
    const lostPerAttempt: number[] = [];
    for (let attempt = 0; attempt < 3 && !lostPerAttempt.some((lost) => lost > 0); attempt += 1) {
      const userId = await createUser();
      const client = new pg.Client({ connectionString: testDatabaseUrl('authenticator') });
      await client.connect();
      const claims = JSON.stringify({ sub: userId, role: 'authenticated', aud: 'authenticated' });
      for (const productId of productIds) {
        // Exactly what the old asynchronous wrapper did, as one API-shaped transaction.
        await client.query(
          `begin; set local role authenticated; select set_config('request.jwt.claims', '${claims}', true);
           select set_config('synchronous_commit', 'off', true); select public.reserve_stock('${productId}', 1); commit;`,
        );
      }
      client.on('error', () => undefined); // the crash ends this session
      crash();
      await client.end().catch(() => undefined);
      lostPerAttempt.push(holdsPerRound - (await heldProducts(userId)));
    }
    console.info(`asynchronously committed holds lost per crash: ${lostPerAttempt.join(', ')} of ${holdsPerRound}`);
    expect(lostPerAttempt.some((lost) => lost > 0)).toBe(true);
  });
});
