// A single-use invite code admits exactly one account when several signups race for it, and a
// signup that fails never burns a code. Each signup is what GoTrue does: its own connection as
// supabase_auth_admin, one transaction, INSERT into auth.users (role '') then UPDATE the role.
// The last cases go through supabase-js auth.signUp against the local Auth stand-in, which calls
// the before_user_created hook first.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackEnv } from '../support/stack-env.ts';
import { createTestClient } from '../support/supabase-client.ts';

const SIGNUPS = 8;

function databaseUrlAs(user: string): string {
  const url = new URL(stackEnv().DATABASE_URL);
  url.username = user;
  url.password = 'postgres';
  return url.toString();
}

const admin = new pg.Client({ connectionString: databaseUrlAs('postgres') });
const codes: string[] = [];

function newCode(label: string): string {
  const code = `RACE-${label}-${crypto.randomBytes(6).toString('hex')}`;
  codes.push(code);
  return code;
}

async function useCount(code: string): Promise<number> {
  const { rows } = await admin.query<{ use_count: number }>(
    'select use_count from public.invitations where code = $1',
    [code],
  );
  return rows[0].use_count;
}

/**
 * One GoTrue-style signup on its own connection; resolves with the new id or the error. The
 * transaction is open before `start` resolves, so racing signups insert at the same moment.
 */
async function signUp(client: pg.Client, email: string, inviteCode: string, options: { start?: Promise<void>; failAfterInsert?: boolean } = {}) {
  const id = crypto.randomUUID();
  await client.query('begin');
  await options.start;
  try {
    await client.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data,
         raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
       values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', '', $2, '',
         '{"provider":"email","providers":["email"]}', $3, now(), now(), '', '', '', '')`,
      [id, email, JSON.stringify({ first_name: 'Racer', invite_code: inviteCode })],
    );
    await client.query(`update auth.users set role = 'authenticated' where id = $1`, [id]);
    if (options.failAfterInsert) throw new Error('simulated failure after the user row was written');
    await client.query('commit');
    return { ok: true as const, id };
  } catch (error) {
    await client.query('rollback');
    return { ok: false as const, error: error as pg.DatabaseError };
  }
}

beforeAll(async () => {
  await admin.connect();
  await admin.query(`update public.app_settings set signup_mode = 'invite_only'`);
});

afterAll(async () => {
  await admin.query(`delete from auth.users where email like 'race-%@test.local'`);
  await admin.query(`delete from auth.users where is_anonymous and raw_user_meta_data ->> 'first_name' = 'Racer'`);
  await admin.query('delete from public.invitations where code = any($1)', [codes]);
  await admin.query(`update public.app_settings set signup_mode = 'open'`);
  await admin.end();
});

describe('a single-use invite code under concurrent signups', () => {
  it('admits exactly one account and refuses the others', async () => {
    const code = newCode('ONE');
    await admin.query('insert into public.invitations (code, max_uses) values ($1, 1)', [code]);

    const clients = Array.from({ length: SIGNUPS }, () => new pg.Client({ connectionString: databaseUrlAs('supabase_auth_admin') }));
    await Promise.all(clients.map((client) => client.connect()));
    try {
      // Every transaction is open before the inserts are released together.
      const run = crypto.randomBytes(4).toString('hex');
      let release = () => {};
      const start = new Promise<void>((resolve) => (release = resolve));
      const racing = clients.map((client, i) => signUp(client, `race-${run}-${i}@test.local`, code.toLowerCase(), { start }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      release();
      const results = await Promise.all(racing);

      const winners = results.filter((result) => result.ok);
      const losers = results.filter((result) => !result.ok);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(SIGNUPS - 1);
      for (const loser of losers) {
        if (loser.ok) continue;
        expect(loser.error.code).toBe('PT403');
        expect(loser.error.message).toBe('That invite code has already been used.');
      }
      expect(await useCount(code)).toBe(1);

      const { rows } = await admin.query<{ accounts: number }>(
        `select count(*)::int as accounts from public.profiles p join public.invitations i on i.id = p.invitation_id
          where i.code = $1`,
        [code],
      );
      expect(rows[0].accounts).toBe(1);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });

  it('does not burn the code when the signup fails after consuming it', async () => {
    const code = newCode('KEEP');
    await admin.query('insert into public.invitations (code, max_uses) values ($1, 1)', [code]);
    const client = new pg.Client({ connectionString: databaseUrlAs('supabase_auth_admin') });
    await client.connect();
    try {
      const run = crypto.randomBytes(4).toString('hex');
      const failed = await signUp(client, `race-${run}-failed@test.local`, code, { failAfterInsert: true });
      expect(failed.ok).toBe(false);
      expect(await useCount(code)).toBe(0);

      const retried = await signUp(client, `race-${run}-retried@test.local`, code);
      expect(retried.ok).toBe(true);
      expect(await useCount(code)).toBe(1);
    } finally {
      await client.end();
    }
  });
});

describe('signUp through supabase-js in invite_only mode', () => {
  function anonClient() {
    // PKCE, as the app's @supabase/ssr server client signs up.
    return createTestClient(stackEnv().SUPABASE_ANON_KEY, { auth: { flowType: 'pkce' } });
  }

  it('refuses a signup without a code with a readable 403 and creates nothing', async () => {
    const email = `race-${crypto.randomBytes(4).toString('hex')}-nocode@test.local`;
    const { data, error } = await anonClient().auth.signUp({ email, password: 'password123' });
    expect(data.user).toBeNull();
    expect(error?.status).toBe(403);
    expect(error?.message).toBe('An invite code is required to sign up right now.');
    const { rows } = await admin.query('select 1 from auth.users where email = $1', [email]);
    expect(rows).toHaveLength(0);
  });

  it('admits exactly one of several concurrent signUps with one single-use code', async () => {
    const code = newCode('JS');
    await admin.query('insert into public.invitations (code, max_uses) values ($1, 1)', [code]);
    const run = crypto.randomBytes(4).toString('hex');
    const results = await Promise.all(
      Array.from({ length: SIGNUPS }, (_, i) =>
        anonClient().auth.signUp({
          email: `race-${run}-js${i}@test.local`,
          password: 'password123',
          options: { data: { first_name: 'Racer', invite_code: code } },
        }),
      ),
    );

    const admitted = results.filter((result) => result.data.user !== null);
    expect(admitted).toHaveLength(1);
    for (const refused of results.filter((result) => result.data.user === null)) {
      // Refused by the hook once the winner committed (403), or by the trigger while it was
      // still racing (GoTrue's 500 "Database error saving new user"); never a second account.
      expect([403, 500]).toContain(refused.error?.status);
    }
    expect(await useCount(code)).toBe(1);
    const { rows } = await admin.query<{ accounts: number }>(
      'select count(*)::int as accounts from auth.users where email like $1',
      [`race-${run}-js%`],
    );
    expect(rows[0].accounts).toBe(1);
  });
});

describe('a guest becoming an account in invite_only mode (supabase-js)', () => {
  /** A guest session, as the app makes one when a visitor adds something to the cart. */
  async function newGuest() {
    const client = createTestClient(stackEnv().SUPABASE_ANON_KEY);
    const { data, error } = await client.auth.signInAnonymously();
    if (error || !data.user) throw error ?? new Error('no guest');
    return { client, id: data.user.id };
  }

  async function isStillGuest(id: string): Promise<boolean> {
    const { rows } = await admin.query<{ is_anonymous: boolean; email: string | null }>(
      'select is_anonymous, email from auth.users where id = $1', [id]);
    return rows[0].is_anonymous && rows[0].email === null;
  }

  it('refuses signInAnonymously + updateUser({ email, password }) without a code; the guest stays a guest', async () => {
    const guest = await newGuest();
    const email = `race-${crypto.randomBytes(4).toString('hex')}-guest@test.local`;
    const { data, error } = await guest.client.auth.updateUser({ email, password: 'password123' });
    expect(data.user).toBeNull();
    expect(error?.status).toBe(500);
    expect(error?.message).toBe('Database error updating user');
    expect(await isStillGuest(guest.id)).toBe(true);
    await admin.query('delete from auth.users where id = $1', [guest.id]);
  });

  it('converts exactly one of several guests racing with one single-use code, same user id kept', async () => {
    const code = newCode('GUEST');
    await admin.query('insert into public.invitations (code, max_uses) values ($1, 1)', [code]);
    const guests = await Promise.all(Array.from({ length: SIGNUPS }, () => newGuest()));
    const run = crypto.randomBytes(4).toString('hex');
    const results = await Promise.all(
      guests.map((guest, i) =>
        guest.client.auth.updateUser({
          email: `race-${run}-guest${i}@test.local`,
          password: 'password123',
          data: { first_name: 'Racer', invite_code: code },
        }),
      ),
    );

    const converted = results.filter((result) => result.data.user !== null);
    expect(converted).toHaveLength(1);
    expect(converted[0].data.user?.is_anonymous).toBe(false);
    expect(guests.map((guest) => guest.id)).toContain(converted[0].data.user?.id);
    for (const refused of results.filter((result) => result.data.user === null)) expect(refused.error?.status).toBe(500);
    expect(await useCount(code)).toBe(1);
    const stillGuests = await Promise.all(guests.map((guest) => isStillGuest(guest.id)));
    expect(stillGuests.filter(Boolean)).toHaveLength(SIGNUPS - 1);
    await admin.query('delete from auth.users where id = any($1::uuid[])', [guests.map((guest) => guest.id)]);
  });
});
