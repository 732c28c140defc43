// Attacks by signed-in people through the real API (supabase-js → Auth and PostgREST), each
// proven refused with its exact error (or proven to touch 0 rows), and each followed by a look
// at the database as postgres to prove nothing changed:
//   - a consumer trying every API route to become an admin, or to act as one;
//   - user B reaching for user A's rows (profile, orders and their items and events, holds,
//     favorites) and A's order;
//   - a guest (anonymous user) acting as an operator, or taking an email already in use.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  anonClient,
  deleteTaggedUsers,
  env,
  expectNoRows,
  expectRefused,
  openAdminDb,
  password,
  serviceClient,
  signInAsGuest,
  signUp,
  tag,
} from './attacks-support.ts';

const db = openAdminDb();
const service = serviceClient();
let categoryId = '';
let productId = '';
let alice: Actor; // the victim: has a hold, an order and a favorite
let mallory: Actor; // the attacker: an ordinary consumer
let orderId = '';

async function profileRow(id: string) {
  const { rows } = await db.query<{ role: string; invitation_id: string | null; first_name: string | null }>(
    'select role, invitation_id, first_name from public.profiles where id = $1', [id]);
  return rows[0];
}

async function snapshot() {
  const { rows } = await db.query(
    `select (select count(*)::int from public.profiles where role = 'admin') as admins,
            (select count(*)::int from public.invitations) as invitations,
            -- Deleting the throwaway guests (as postgres, between tests) is audited too; nothing else may be.
            (select count(*)::int from public.audit_log
              where not (action like 'account.deleted%' and actor_role = 'postgres')) as audit_rows,
            (select signup_mode from public.app_settings) as signup_mode,
            (select row(stock, reserved, price, name)::text from public.products where id = $1) as product,
            (select status::text from public.orders where id = $2) as order_status,
            (select count(*)::int from public.order_events where order_id = $2) as order_events,
            (select count(*)::int from public.favorites where user_id = $3) as alice_favorites,
            (select quantity from public.stock_reservations where user_id = $3 and product_id = $1) as alice_hold,
            (select count(*)::int from auth.users where email like $4) as our_users`,
    [productId, orderId, alice.id, `${tag}-%`],
  );
  return rows[0] as Record<string, unknown>;
}

let before: Record<string, unknown> = {};

beforeAll(async () => {
  await db.connect();
  categoryId = (await db.query<{ id: string }>(
    `insert into public.categories (slug, name, position) values ($1, $1, 90) returning id`, [tag])).rows[0].id;
  productId = (await db.query<{ id: string }>(
    `insert into public.products (slug, name, category_id, price, stock) values ($1, $1, $2, 100.00, 20) returning id`,
    [tag, categoryId])).rows[0].id;

  alice = await signUp('alice', { first_name: 'Alice' });
  mallory = await signUp('mallory', { first_name: 'Mallory' });

  // Alice's real activity, through the API as Alice.
  expect((await alice.client.rpc('reserve_stock', { product_id: productId, quantity: 2 })).error).toBeNull();
  const placed = await alice.client.rpc('place_order', {
    idempotency_key: `${tag}-order`, customer_name: 'Alice Victim', customer_email: alice.email,
    customer_phone: null, address: '1 Main Street', zip: '10001', city: 'New York', country: 'USA',
    payment_method: 'cash',
  });
  expect(placed.error).toBeNull();
  orderId = (placed.data as { id: string }).id;
  expect((await alice.client.rpc('reserve_stock', { product_id: productId, quantity: 1 })).error).toBeNull();
  expect((await alice.client.from('favorites').insert({ user_id: alice.id, product_id: productId })).error).toBeNull();

  before = await snapshot();
  expect(before).toMatchObject({ admins: expect.any(Number), order_status: 'pending', order_events: 1, alice_favorites: 1, alice_hold: 1 });
});

afterAll(async () => {
  await deleteTaggedUsers(db);
  await db.query('delete from public.products where id = $1', [productId]);
  await db.query('delete from public.categories where id = $1', [categoryId]);
  await db.end();
});

/** Nothing any attack could reach has changed, and the attacker is still a consumer. */
async function expectNothingChanged(): Promise<void> {
  expect(await snapshot()).toEqual(before);
  expect(await profileRow(mallory.id)).toMatchObject({ role: 'consumer', invitation_id: null });
}

/** What only an admin may do is still refused for `client`, each with its own error. */
async function expectNotAnAdmin(client: SupabaseClient): Promise<void> {
  expectRefused(await client.rpc('delete_account', { user_id: alice.id, reason: 'takeover' }), 'PT403', 403);
  expectRefused(
    await client.from('products').insert({ slug: `${tag}-evil`, name: 'Evil', category_id: categoryId, price: 1, stock: 1 }),
    '42501', 403);
  expectNoRows(await client.from('audit_log').select('id'));
  expectNoRows(await client.from('invitations').select('id'));
  expectRefused(await client.rpc('set_order_status', { order_id: orderId, status: 'processing' }), '42501', 403);
}

describe('a consumer cannot become an admin through any API call', () => {
  it('updating their own role is refused by the guard (42501) and the row keeps consumer', async () => {
    const result = await mallory.client.from('profiles').update({ role: 'admin' }).eq('id', mallory.id);
    expectRefused(result, '42501', 403);
    expect(result.error!.message).toBe('Only an admin can change a profile\'s role or invitation.');
    // Smuggled next to an allowed column, the whole update is refused, not half applied.
    expectRefused(await mallory.client.from('profiles').update({ first_name: 'Boss', role: 'admin' }).eq('id', mallory.id), '42501', 403);
    expect(await profileRow(mallory.id)).toEqual({ role: 'consumer', invitation_id: null, first_name: 'Mallory' });
    await expectNothingChanged();
  });

  it('upserting a profile row (own id or a new one) has no insert privilege (42501)', async () => {
    expectRefused(await mallory.client.from('profiles').upsert({ id: mallory.id, role: 'admin' }), '42501', 403);
    expectRefused(
      await mallory.client.from('profiles').upsert({ id: crypto.randomUUID(), role: 'admin' }, { onConflict: 'id' }),
      '42501', 403);
    expectRefused(await mallory.client.from('profiles').upsert({ id: mallory.id, role: 'admin' }, { ignoreDuplicates: true }), '42501', 403);
    await expectNothingChanged();
  });

  it('role in user_metadata (updateUser data) is just metadata: every admin action stays refused', async () => {
    const updated = await mallory.client.auth.updateUser({ data: { role: 'admin', is_admin: true } });
    expect(updated.error).toBeNull();
    expect(updated.data.user!.user_metadata).toMatchObject({ role: 'admin' });
    // A fresh token carries that metadata; the database must not care.
    const refreshed = await mallory.client.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session!.user.user_metadata.role).toBe('admin');
    await expectNotAnAdmin(mallory.client);
    await expectNothingChanged();
  });

  it('app_metadata sent to PUT /user is ignored (only the service role sets it)', async () => {
    const { data: session } = await mallory.client.auth.getSession();
    const response = await fetch(`${env.SUPABASE_URL}/auth/v1/user`, {
      method: 'PUT',
      headers: {
        apikey: env.SUPABASE_ANON_KEY,
        Authorization: `Bearer ${session.session!.access_token}`,
        'Content-Type': 'application/json',
        'X-Supabase-Api-Version': '2024-01-01',
      },
      body: JSON.stringify({ app_metadata: { role: 'admin', invite_exempt: true, provider: 'admin' } }),
    });
    expect(response.status).toBe(200);
    const { data: seen } = await service.auth.admin.getUserById(mallory.id);
    expect(seen.user!.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    const refreshed = await mallory.client.auth.refreshSession();
    expect(refreshed.data.session!.user.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    await expectNotAnAdmin(mallory.client);
    await expectNothingChanged();
  });

  it('set_order_status is refused for a consumer (42501), even on their own order', async () => {
    expectRefused(await mallory.client.rpc('set_order_status', { order_id: orderId, status: 'shipped' }), '42501', 403);
    expectRefused(await alice.client.rpc('set_order_status', { order_id: orderId, status: 'cancelled' }), '42501', 403);
    await expectNothingChanged();
  });

  it('inserting an invitation is refused by RLS (42501); updating or deleting one touches nothing', async () => {
    expectRefused(await mallory.client.from('invitations').insert({ code: `${tag}-MINE`, max_uses: 100 }), '42501', 403);
    expectNoRows(await mallory.client.from('invitations').update({ active: true, max_uses: null }).neq('code', '').select('id'));
    expectNoRows(await mallory.client.from('invitations').delete({ count: 'exact' }).neq('code', ''));
    // use_count is not even a granted column.
    expectRefused(await mallory.client.from('invitations').update({ use_count: 0 }).neq('code', ''), '42501', 403);
    await expectNothingChanged();
  });

  it('app_settings cannot be changed (no update privilege, 42501)', async () => {
    expectRefused(await mallory.client.from('app_settings').update({ signup_mode: 'invite_only' }).neq('signup_mode', ''), '42501', 403);
    expectRefused(await anonClient().from('app_settings').update({ signup_mode: 'invite_only' }).neq('signup_mode', ''), '42501', 401);
    await expectNothingChanged();
  });

  it('operator schemas are not exposed: admin.set_role and private helpers do not exist over the API (404 PGRST202)', async () => {
    expectRefused(await mallory.client.rpc('set_role', { user_id: mallory.id, new_role: 'admin', reason: 'me' }), 'PGRST202', 404);
    expectRefused(await mallory.client.rpc('is_admin'), 'PGRST202', 404);
    expectRefused(await mallory.client.rpc('delete_account', { user_id: alice.id }), 'PGRST202', 404);
    await expectNothingChanged();
  });
});

describe('user B cannot reach user A\'s data', () => {
  it('reads of A\'s profile, orders, items, events, holds and favorites return nothing', async () => {
    // The same reads as Alice see her rows: the filters are right, RLS is what hides them.
    for (const [table, column] of [
      ['profiles', 'id'], ['orders', 'user_id'], ['stock_reservations', 'user_id'], ['favorites', 'user_id'],
    ] as const) {
      const own = await alice.client.from(table).select('*').eq(column, alice.id);
      expect(own.error).toBeNull();
      expect(own.data!.length, `Alice sees her ${table}`).toBeGreaterThan(0);
      expectNoRows(await mallory.client.from(table).select('*', { count: 'exact' }).eq(column, alice.id));
    }
    // order_events hides actor_id/actor_role from API roles (column grants), so name the columns.
    for (const [table, columns] of [['order_items', '*'], ['order_events', 'id, to_status, acted_by']] as const) {
      const own = await alice.client.from(table).select(columns).eq('order_id', orderId);
      expect(own.data!.length, `Alice sees her ${table}`).toBeGreaterThan(0);
      expectNoRows(await mallory.client.from(table).select(columns, { count: 'exact' }).eq('order_id', orderId));
    }
    // Not even Alice reads who on the staff acted on her order.
    expectRefused(await alice.client.from('order_events').select('actor_id').eq('order_id', orderId), '42501', 403);
    // Nor through an embed from a row B can read.
    const embedded = await mallory.client.from('products').select('id, order_items(order_id)').eq('id', productId);
    if (embedded.error === null) expect(embedded.data).toEqual([{ id: productId, order_items: [] }]);
    // And not unfiltered either: B sees only B.
    const everyone = await mallory.client.from('profiles').select('id');
    expect(everyone.data).toEqual([{ id: mallory.id }]);
    expect((await mallory.client.from('orders').select('id')).data).toEqual([]);
    // Visitors have no privilege on these tables at all.
    expectRefused(await anonClient().from('profiles').select('id'), '42501', 401);
    expectRefused(await anonClient().from('orders').select('id'), '42501', 401);
  });

  it('cancelling A\'s order answers PT404, exactly like an order that does not exist', async () => {
    const result = await mallory.client.rpc('cancel_order', { order_id: orderId, reason: 'mine now' });
    expectRefused(result, 'PT404', 404);
    const unknown = await mallory.client.rpc('cancel_order', { order_id: crypto.randomUUID() });
    expect(unknown.error!.message).toBe(result.error!.message);
    await expectNothingChanged();
  });

  it('deleting A\'s favorites touches 0 rows; deleting or editing A\'s holds has no privilege (42501)', async () => {
    expectNoRows(await mallory.client.from('favorites').delete({ count: 'exact' }).eq('user_id', alice.id));
    expectNoRows(await mallory.client.from('favorites').delete({ count: 'exact' }).eq('product_id', productId));
    expectRefused(await mallory.client.from('stock_reservations').delete().eq('user_id', alice.id), '42501', 403);
    expectRefused(await mallory.client.from('stock_reservations').update({ quantity: 0 }).eq('user_id', alice.id), '42501', 403);
    // Nor can B plant a favorite in A's name.
    expectRefused(await mallory.client.from('favorites').insert({ user_id: alice.id, product_id: productId }), '42501', 403);
    await expectNothingChanged();
  });

  it('profile edits aimed at A touch 0 rows', async () => {
    expectNoRows(await mallory.client.from('profiles').update({ first_name: 'Owned' }).eq('id', alice.id).select('id'));
    expect(await profileRow(alice.id)).toMatchObject({ first_name: 'Alice', role: 'consumer' });
    await expectNothingChanged();
  });
});

describe('guests (anonymous users)', () => {
  it('cannot act as operators: delete_account PT403, set_order_status 42501, role change 42501, invitations 42501', async () => {
    const guest = await signInAsGuest();
    expectRefused(await guest.client.rpc('delete_account', { user_id: alice.id, reason: 'guest says so' }), 'PT403', 403);
    expectRefused(await guest.client.rpc('set_order_status', { order_id: orderId, status: 'shipped' }), '42501', 403);
    expectRefused(await guest.client.from('profiles').update({ role: 'admin' }).eq('id', guest.id), '42501', 403);
    expectRefused(await guest.client.from('invitations').insert({ code: `${tag}-GUEST` }), '42501', 403);
    expectRefused(await guest.client.rpc('cancel_order', { order_id: orderId }), 'PT404', 404);
    expect(await profileRow(guest.id)).toMatchObject({ role: 'consumer' });
    await db.query('delete from auth.users where id = $1', [guest.id]);
    await expectNothingChanged();
  });

  it('taking an email already in use answers 422 email_exists and keeps the guest as it was', async () => {
    const guest = await signInAsGuest();
    const taken = await guest.client.auth.updateUser({ email: alice.email!, password: password() });
    expect(taken.error).not.toBeNull();
    expect({ status: taken.error!.status, code: taken.error!.code }).toEqual({ status: 422, code: 'email_exists' });
    const { data } = await guest.client.auth.getUser();
    expect(data.user).toMatchObject({ id: guest.id, is_anonymous: true });
    expect(data.user!.email ?? '').toBe('');
    const { rows } = await db.query<{ id: string }>('select id from auth.users where lower(email) = lower($1)', [alice.email]);
    expect(rows).toEqual([{ id: alice.id }]);
    // Same with a different case: emails are unique regardless of case.
    const shouted = await guest.client.auth.updateUser({ email: alice.email!.toUpperCase() });
    expect({ status: shouted.error?.status, code: shouted.error?.code }).toEqual({ status: 422, code: 'email_exists' });
    await db.query('delete from auth.users where id = $1', [guest.id]);
    await expectNothingChanged();
  });
});
