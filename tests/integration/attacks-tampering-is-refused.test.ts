// Tampering through the real API: the clock and other private machinery, the stock counters,
// orders written by hand, impersonation through RPC arguments, and tokens that were forged,
// unsigned, expired or claim a database superuser's role. Each is refused with its exact error,
// and the database is checked as postgres afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../scripts/local-stack/api/jwt.ts';
import { createTestClient } from '../support/supabase-client.ts';
import { type Actor, deleteTaggedUsers, env, expectRefused, openAdminDb, signUp, tag } from './attacks-support.ts';

const db = openAdminDb();
let categoryId = '';
let productId = '';
let alice: Actor;
let mallory: Actor;

async function state() {
  const { rows } = await db.query(
    `select (select row(stock, reserved, price)::text from public.products where id = $1) as product,
            (select count(*)::int from public.orders where user_id in ($2, $3)) as orders,
            (select count(*)::int from public.order_items where product_id = $1) as items,
            (select string_agg(user_id::text || ':' || quantity, ',' order by user_id) from public.stock_reservations where product_id = $1) as holds,
            (select count(*)::int from private.clock) as clock_rows,
            (select coalesce(string_agg(row(c.*)::text, ','), '') from private.clock c) as clock`,
    [productId, alice.id, mallory.id],
  );
  return rows[0] as Record<string, unknown>;
}

let before: Record<string, unknown> = {};

beforeAll(async () => {
  await db.connect();
  categoryId = (await db.query<{ id: string }>(
    `insert into public.categories (slug, name, position) values ($1, $1, 91) returning id`, [tag])).rows[0].id;
  productId = (await db.query<{ id: string }>(
    `insert into public.products (slug, name, category_id, price, stock) values ($1, $1, $2, 100.00, 5) returning id`,
    [tag, categoryId])).rows[0].id;
  alice = await signUp('alice', { first_name: 'Alice' });
  mallory = await signUp('mallory', { first_name: 'Mallory' });
  expect((await alice.client.rpc('reserve_stock', { product_id: productId, quantity: 2 })).error).toBeNull();
  expect((await mallory.client.rpc('reserve_stock', { product_id: productId, quantity: 1 })).error).toBeNull();
  before = await state();
});

afterAll(async () => {
  await deleteTaggedUsers(db);
  await db.query('delete from public.products where id = $1', [productId]);
  await db.query('delete from public.categories where id = $1', [categoryId]);
  await db.end();
});

async function expectNothingChanged(): Promise<void> {
  expect(await state()).toEqual(before);
}

describe('private machinery is out of reach', () => {
  it('the clock: private is not an exposed schema, and its functions are not RPCs (PGRST202)', async () => {
    const table = await mallory.client.schema('private').from('clock').select('*');
    expectRefused(table, 'PGRST106', 406);
    const write = await mallory.client.schema('private').from('clock').update({ offset: '1 day' }).neq('id', 0);
    expectRefused(write, 'PGRST106', 406);
    expectRefused(await mallory.client.schema('private').rpc('now'), 'PGRST106', 406);
    for (const fn of ['now', 'available_stock', 'purge_expired_holds', 'consume_invitation', 'handle_new_user', 'is_operator']) {
      expectRefused(await mallory.client.rpc(fn), 'PGRST202', 404);
    }
    expectRefused(await mallory.client.rpc('place_order', { idempotency_key: 'x' }), 'PGRST202', 404);
    await expectNothingChanged();
  });
});

describe('stock and orders cannot be written by hand', () => {
  it('products.reserved has no update privilege (42501); products.stock updates touch 0 rows (admins only, RLS)', async () => {
    expectRefused(await mallory.client.from('products').update({ reserved: 0 }).eq('id', productId), '42501', 403);
    // stock is a granted column (admins edit it through the authenticated role), so RLS decides.
    const minimal = await mallory.client.from('products').update({ stock: 9999 }, { count: 'exact' }).eq('id', productId);
    expect({ error: minimal.error, count: minimal.count, status: minimal.status }).toEqual({ error: null, count: 0, status: 204 });
    // Asking for the row back is RETURNING * (as in PostgREST), which needs select on stock: 42501.
    expectRefused(await mallory.client.from('products').update({ stock: 9999 }).eq('id', productId).select('id'), '42501', 403);
    await expectNothingChanged();
  });

  it('products.stock and products.reserved cannot be read (42501), by users or visitors', async () => {
    expectRefused(await mallory.client.from('products').select('stock').eq('id', productId), '42501', 403);
    expectRefused(await mallory.client.from('products').select('reserved').eq('id', productId), '42501', 403);
    expectRefused(await mallory.client.from('products').select('*').eq('id', productId), '42501', 403);
    expectRefused(await createTestClient(env.SUPABASE_ANON_KEY).from('products').select('id, stock'), '42501', 401);
    // Nor as a filter, which would leak it one comparison at a time.
    expectRefused(await mallory.client.from('products').select('id').eq('id', productId).gt('stock', 3), '42501', 403);
  });

  it('orders and order_items cannot be inserted directly (42501)', async () => {
    expectRefused(await mallory.client.from('orders').insert({ user_id: mallory.id, status: 'delivered' }), '42501', 403);
    const { data: aliceOrder } = await alice.client.from('orders').select('id').limit(1);
    expect(aliceOrder).toEqual([]);
    expectRefused(
      await mallory.client.from('order_items').insert({ order_id: crypto.randomUUID(), product_id: productId, quantity: 1, unit_price: 0.01 }),
      '42501', 403);
    expectRefused(await mallory.client.from('order_events').insert({ order_id: crypto.randomUUID(), to_status: 'delivered' }), '42501', 403);
    expectRefused(await mallory.client.from('stock_reservations').insert({ product_id: productId, user_id: alice.id, quantity: 5 }), '42501', 403);
    await expectNothingChanged();
  });

  it('reserve_stock with extra arguments (a user id, claims) is an error, never a silent success', async () => {
    for (const extra of [
      { user_id: alice.id },
      { p_user_id: alice.id },
      { claims: JSON.stringify({ sub: alice.id, role: 'service_role' }) },
      { 'request.jwt.claims': JSON.stringify({ sub: alice.id }) },
      { role: 'service_role' },
    ]) {
      expectRefused(await mallory.client.rpc('reserve_stock', { product_id: productId, quantity: 0, ...extra }), 'PGRST202', 404);
    }
    // GUCs ride only on the verified token: a header cannot set them.
    const viaHeader = createTestClient(env.SUPABASE_ANON_KEY, {
      global: { headers: { Authorization: `Bearer ${mallory.accessToken}`, 'request.jwt.claims': JSON.stringify({ sub: alice.id }) } },
    });
    expect((await viaHeader.from('stock_reservations').select('user_id')).data).toEqual([{ user_id: mallory.id }]);
    await expectNothingChanged();
  });
});

describe('tokens that are not what they claim', () => {
  const now = () => Math.floor(Date.now() / 1000);
  function claimsOf(actor: Actor, extra: Record<string, unknown> = {}) {
    return { sub: actor.id, role: 'authenticated', aud: 'authenticated', iat: now(), exp: now() + 3600, ...extra };
  }
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  async function restWith(token: string) {
    return createTestClient(env.SUPABASE_ANON_KEY, { global: { headers: { Authorization: `Bearer ${token}` } } })
      .from('profiles').select('id');
  }
  async function authWith(token: string) {
    const response = await fetch(`${env.SUPABASE_URL}/auth/v1/user`, {
      headers: { apikey: env.SUPABASE_ANON_KEY, Authorization: `Bearer ${token}`, 'X-Supabase-Api-Version': '2024-01-01' },
    });
    return { status: response.status, code: ((await response.json()) as { code?: string }).code };
  }

  it('a forged signature, alg none and an expired token: 401 on REST, 403 bad_jwt on Auth', async () => {
    const { rows } = await db.query<{ id: string }>(
      `select id::text from auth.sessions where user_id = $1 limit 1`, [alice.id]);
    const sessionId = rows[0]?.id;
    const forged = await signJwt(claimsOf(alice, { session_id: sessionId, role: 'service_role' }), 'not-the-secret-' + 'x'.repeat(40));
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsOf(alice, { session_id: sessionId, role: 'service_role' }))}.`;
    const expired = await signJwt(claimsOf(alice, { session_id: sessionId, iat: now() - 7200, exp: now() - 3600 }), env.SUPABASE_JWT_SECRET);
    // The anon key, re-signed with the right payload but a wrong secret, must not pass either.
    const [header, payload] = env.SUPABASE_SERVICE_ROLE_KEY.split('.');
    const swapped = `${header}.${payload}.${mallory.accessToken.split('.')[2]}`;
    for (const token of [forged, unsigned, expired, swapped]) {
      const rest = await restWith(token);
      expect(rest.status, token).toBe(401);
      expect(rest.error!.code).toBe('PGRST301');
      expect(rest.data).toBeNull();
      expect(await authWith(token)).toEqual({ status: 403, code: 'bad_jwt' });
    }
  });

  it('a token signed with the real secret but claiming postgres or supabase_admin never runs as that role', async () => {
    for (const role of ['postgres', 'supabase_admin', 'authenticator', 'supabase_auth_admin']) {
      const token = await signJwt(claimsOf(mallory, { role }), env.SUPABASE_JWT_SECRET);
      const client = createTestClient(env.SUPABASE_ANON_KEY, { global: { headers: { Authorization: `Bearer ${token}` } } });
      const read = await client.from('products').select('stock').eq('id', productId);
      expectRefused(read, '42501', 403);
      expect(read.data).toBeNull();
      expectRefused(await client.from('products').update({ stock: 0, reserved: 0 }).eq('id', productId), '42501', 403);
      expectRefused(await client.rpc('delete_account', { user_id: alice.id, reason: 'superuser' }), '42501', 403);
    }
    await expectNothingChanged();
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from auth.users where id = $1', [alice.id]);
    expect(rows[0].n).toBe(1);
  });
});
