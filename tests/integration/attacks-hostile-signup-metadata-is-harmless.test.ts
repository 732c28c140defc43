// Thirty hostile `options.data` payloads sent through the real Auth path (supabase-js signUp →
// Auth → before-user-created hook → auth.users insert → profile trigger). Each signup succeeds
// with a session and exactly one consumer profile, whatever the metadata says. The refusals the
// design promises (the hook and its 8 KB cap, 20261121000230_invitations.sql):
// more than 8 KB of metadata answers a readable 422 and creates nothing (such a user's tokens
// would not fit in a request header); in open mode a *usable-looking* invite code (a string,
// ≤ 64 characters once trimmed) that admits nobody answers a readable 403 and creates nothing;
// invite codes that are not such strings are ignored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, deleteTaggedUsers, openAdminDb, password, signUp, uniqueEmail } from './attacks-support.ts';

const db = openAdminDb();
const tenKb = 'x'.repeat(10_240);

const hostile: Record<string, Record<string, unknown>> = {
  'every field null': { first_name: null, last_name: null, display_name: null, phone: null, birthday: null, account_type: null, avatar_url: null },
  'numbers for strings': { first_name: 42, last_name: 3.14, phone: 5551234567, birthday: 19900101, account_type: 1 },
  'arrays for strings': { first_name: ['Ann'], last_name: [], display_name: [[['deep']]], phone: ['+15551234567'] },
  'objects for strings': { first_name: { en: 'Ann' }, birthday: { y: 1990, m: 1, d: 1 }, avatar_url: { url: 'https://x.test/a.png' } },
  'booleans for strings': { first_name: true, last_name: false, account_type: true },
  '10 KB names': { first_name: tenKb, last_name: tenKb, display_name: tenKb, full_name: tenKb },
  '10 KB phone and avatar': { phone: `+1${'5'.repeat(10_240)}`, avatar_url: `https://x.test/${tenKb}` },
  'invalid dates': { birthday: '2023-02-30' },
  'date before 1900': { birthday: '1899-12-31' },
  'date in the future': { birthday: '2999-01-01' },
  'date out of range': { birthday: '99999-01-01' },
  'date with garbage': { birthday: '1990-01-01; drop table public.profiles; --' },
  'date as timestamp': { birthday: '1990-01-01T25:61:00Z' },
  'emoji names': { first_name: '🎧🎶', last_name: '👨‍👩‍👧‍👦', display_name: '🔥'.repeat(200) },
  'RTL and bidi overrides': { first_name: '\u202Eevil\u202C', last_name: 'مرحبا', display_name: '\u200F\u200E\u2066x\u2069' },
  'control characters': { first_name: '\u0001Ann\u0007', last_name: '\n\t\r', display_name: '\u001b[31mred\u007f' },
  'only whitespace': { first_name: '   ', last_name: '\u00a0\u2003', display_name: '\t' },
  'SQL metacharacters': { first_name: "'; drop table public.profiles; --", last_name: '"); delete from auth.users; --', display_name: '$$ || pg_sleep(5) || $$' },
  'LIKE and regex metacharacters': { first_name: '%_\\', last_name: '.*+?^${}()|[]\\', phone: '+1 (555) .*' },
  'role admin': { role: 'admin' },
  'every privileged key': { role: 'admin', is_admin: true, invitation_id: '00000000-0000-0000-0000-000000000000', id: '00000000-0000-0000-0000-000000000000', app_metadata: { role: 'admin' } },
  'role as object': { role: { name: 'admin' }, account_type: 'admin' },
  'account_type unknown': { account_type: 'business; update profiles set role=\'admin\'' },
  'avatar javascript URL': { avatar_url: 'javascript:alert(1)', picture: 'data:text/html,<script>alert(1)</script>' },
  'prototype pollution keys': { __proto__: { role: 'admin' }, constructor: { prototype: { role: 'admin' } } },
  'invite_code number': { invite_code: 123456 },
  'invite_code array': { invite_code: ['WELCOME', 'OTHER'] },
  'invite_code object': { invite_code: { code: 'WELCOME' } },
  'invite_code null': { invite_code: null },
  'invite_code 10 KB': { invite_code: tenKb },
};

beforeAll(async () => {
  await db.connect();
  // Signup mode is part of what the assertions promise: open, as after a reset.
  await db.query(`update public.app_settings set signup_mode = 'open'`);
});

afterAll(async () => {
  await deleteTaggedUsers(db);
  await db.end();
});

async function profilesOf(id: string) {
  const { rows } = await db.query<{ role: string; invitation_id: string | null; account_type: string }>(
    'select role, invitation_id, account_type from public.profiles where id = $1', [id]);
  return rows;
}

describe('hostile signup metadata through the real Auth path', () => {
  it('has thirty payloads', () => {
    expect(Object.keys(hostile)).toHaveLength(30);
  });

  const oversized = (data: Record<string, unknown>) => Buffer.byteLength(JSON.stringify(data)) > 8192;
  const fitting = Object.entries(hostile).filter(([, data]) => !oversized(data));
  const tooLarge = Object.entries(hostile).filter(([, data]) => oversized(data));

  it('keeps payloads on both sides of the 8 KB cap', () => {
    expect(fitting.length).toBeGreaterThan(20);
    expect(tooLarge.map(([label]) => label)).toEqual(['10 KB names', '10 KB phone and avatar', 'invite_code 10 KB']);
  });

  it.each(fitting)('%s: signs up with a session and exactly one consumer profile', async (label, data) => {
    const actor = await signUp(label.replace(/[^a-z0-9]+/gi, '-').slice(0, 20), data);
    const rows = await profilesOf(actor.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].role).toBe('consumer');
    expect(rows[0].invitation_id).toBeNull();
    expect(['personal', 'business']).toContain(rows[0].account_type);
    // And the API agrees: the new user is not an admin.
    const asUser = await actor.client.rpc('delete_account', { user_id: actor.id, reason: 'x' });
    expect(asUser.error?.code).toBe('PT403');
  });

  it.each(tooLarge)('%s: more than 8 KB of metadata is refused with a readable 422, nothing created', async (_label, data) => {
    const email = uniqueEmail('oversized');
    const { data: result, error } = await anonClient().auth.signUp({ email, password: password(), options: { data } });
    expect(error).not.toBeNull();
    expect(error!.status).toBe(422);
    expect(error!.message).toBe('Your sign-up details are too large (at most 8 KB).');
    expect(result.session).toBeNull();
    const { rows } = await db.query('select 1 from auth.users where email = $1', [email]);
    expect(rows).toEqual([]);
  });

  it('a NUL character (U+0000) cannot be stored in jsonb: Auth refuses with a 500 and creates nothing', async () => {
    // PostgreSQL's jsonb has no U+0000, so the hook call (and GoTrue's own insert) fail before any
    // row exists, on Supabase too. Not a way to half-create an account.
    const email = uniqueEmail('nul');
    const { data, error } = await anonClient().auth.signUp({ email, password: password(), options: { data: { first_name: 'A\u0000B' } } });
    expect(error).not.toBeNull();
    expect(error!.status).toBe(500);
    expect(data.session).toBeNull();
    const { rows } = await db.query('select 1 from auth.users where email = $1', [email]);
    expect(rows).toEqual([]);
  });

  it.each([
    ['unknown code', 'NO-SUCH-CODE-123'],
    ['SQL in the code', "x' or '1'='1"],
    ['emoji code', '🎟️🎟️'],
    ['wildcard code', '%'],
  ])('an invite code string that admits nobody (%s) in open mode: 403 with the readable message, nothing created', async (_label, code) => {
    const email = uniqueEmail('badcode');
    const { data, error } = await anonClient().auth.signUp({ email, password: password(), options: { data: { invite_code: code } } });
    expect(error).not.toBeNull();
    expect(error!.status).toBe(403);
    expect(error!.message).toBe('That invite code does not exist. Check it and try again.');
    expect(data.session).toBeNull();
    const { rows } = await db.query('select 1 from auth.users where email = $1', [email]);
    expect(rows).toEqual([]);
  });
});
