// Privacy and leaks through the real API (supabase-js against the stand-in): what a member may
// learn about stock and staff, the size of what they may store on their account, what an
// erased account leaves behind, consents recorded at signup, and the data export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteTaggedUsers, expectRefused, openAdminDb, serviceClient, signUp, tag, type Actor } from './attacks-support.ts';

const db = openAdminDb();
let categoryId = '';
let productId = '';
let member: Actor;
let other: Actor;
let termsVersion = '';
let privacyVersion = '';

beforeAll(async () => {
  await db.connect();
  ({ terms_version: termsVersion, privacy_version: privacyVersion } = (
    await db.query<{ terms_version: string; privacy_version: string }>('select terms_version, privacy_version from public.app_settings')
  ).rows[0]);
  categoryId = (await db.query<{ id: string }>(
    `insert into public.categories (slug, name, position) values ($1, $1, 92) returning id`, [tag])).rows[0].id;
  productId = (await db.query<{ id: string }>(
    `insert into public.products (slug, name, category_id, price, stock) values ($1, $1, $2, 100.00, 40) returning id`,
    [tag, categoryId])).rows[0].id;
  member = await signUp('member', { first_name: 'Mia', terms_version: termsVersion, privacy_version: privacyVersion });
  other = await signUp('other', { first_name: 'Otto' });
});

afterAll(async () => {
  await db.query('update public.app_settings set max_units_held_per_product = 5');
  await deleteTaggedUsers(db);
  await db.query('delete from public.products where id = $1', [productId]);
  await db.query('delete from public.categories where id = $1', [categoryId]);
  await db.end();
});

describe('exact stock stays private', () => {
  it('reserve_stock answers no count while more than 5 are left, and its refusal names none', async () => {
    await db.query('update public.app_settings set max_units_held_per_product = 1000');
    const held = await member.client.rpc('reserve_stock', { product_id: productId, quantity: 1 });
    expect(held.error).toBeNull();
    expect(held.data).toMatchObject({ quantity: 1, available: null });
    const refused = await member.client.rpc('reserve_stock', { product_id: productId, quantity: 41 });
    expectRefused(refused, 'PT409', 409);
    expect(refused.error).toMatchObject({ message: 'Not that many are available right now.', details: null });
    expect(JSON.stringify(refused.error)).not.toMatch(/\b(39|40)\b/);
    await db.query('update public.app_settings set max_units_held_per_product = 5');
  });
});

describe('account metadata', () => {
  it('refuses 200 KB through updateUser({ data }) and the account keeps working', async () => {
    const { error } = await member.client.auth.updateUser({ data: { blob: 'x'.repeat(200_000) } });
    expect(error?.status).toBe(500);
    expect(error?.message).toBe('Database error updating user');
    const { data, error: userError } = await member.client.auth.getUser();
    expect(userError).toBeNull();
    expect(data.user?.user_metadata.blob).toBeUndefined();
    expect((await member.client.from('profiles').select('id').eq('id', member.id)).data).toEqual([{ id: member.id }]);
  });
});

describe('consents and the data export', () => {
  it('records the terms and privacy versions the signup carried, and only then', async () => {
    const { rows } = await db.query<{ user_id: string; document: string }>(
      'select user_id, document from public.consents where user_id = any($1::uuid[]) order by user_id, document',
      [[member.id, other.id]]);
    expect(rows).toEqual([{ user_id: member.id, document: 'privacy' }, { user_id: member.id, document: 'terms' }]);
  });

  it('export_my_data returns the caller\'s own data and nothing of anyone else\'s', async () => {
    const { data, error } = await member.client.rpc('export_my_data');
    expect(error).toBeNull();
    expect(data).toMatchObject({
      account: { id: member.id, email: member.email, is_guest: false },
      profile: { id: member.id, first_name: 'Mia' },
      consents: [expect.objectContaining({ version: termsVersion }), expect.objectContaining({ version: privacyVersion })],
      cart_holds: [expect.objectContaining({ product_id: productId, quantity: 1 })],
      enrollments: [],
    });
    expect(JSON.stringify(data)).not.toContain(other.id);
    const { data: theirs } = await other.client.rpc('export_my_data');
    expect(theirs).toMatchObject({ account: { id: other.id }, cart_holds: [], consents: [] });
  });
});

describe('erasure', () => {
  it('a deletion through Auth\'s admin API is audited as Auth, keeping facts, not the person', async () => {
    const leaver = await signUp('leaver', { first_name: 'Lea', phone: '+66812345678' });
    const { error } = await serviceClient().auth.admin.deleteUser(leaver.id);
    expect(error).toBeNull();
    const { rows } = await db.query(
      `select action, actor_role, old_values from public.audit_log where target_id = $1`, [leaver.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'account.deleted', actor_role: 'supabase_auth_admin' });
    expect(JSON.stringify(rows[0].old_values)).not.toMatch(/Lea|66812345678|attack\.test/);
  });
});
