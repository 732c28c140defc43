// The Auth stand-in against the database and its settings: a failing auth.users trigger rolls
// the signup back with GoTrue's 500, the before-user-created hook can reject signups, and the
// config.toml switches (confirmations, signup, anonymous sign-ins, password rules) are honoured.
// Settings other than the project's run on extra stand-in instances (same database, same keys).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminClient,
  anonClient,
  authFetch,
  countUsersWithEmail,
  startAuthVariant,
  strongPassword,
  uniqueEmail,
  withPostgres,
  type AuthVariant,
} from './auth-support.ts';

const FAIL_MARKER = 'auth_test_fail_marker';

beforeAll(async () => {
  await withPostgres((db) =>
    db.query(`
      create or replace function public.auth_test_refuse_marked_user() returns trigger
      language plpgsql as $$
      begin
        if new.raw_user_meta_data ? '${FAIL_MARKER}' then
          raise exception 'auth test trigger refuses this user';
        end if;
        return new;
      end $$;
      grant execute on function public.auth_test_refuse_marked_user() to supabase_auth_admin;
      create trigger auth_test_refuse_marked_user after insert on auth.users
        for each row execute function public.auth_test_refuse_marked_user();

      create or replace function public.auth_test_before_user_created(event jsonb) returns jsonb
      language sql as $$
        select case
          when event -> 'user' ->> 'email' like 'auth-test-blocked-%'
            or event -> 'user' -> 'user_metadata' ? 'blocked'
          then jsonb_build_object('error', jsonb_build_object('http_code', 403, 'message', 'Signups from this address are closed.'))
          else '{}'::jsonb
        end
      $$;
      grant execute on function public.auth_test_before_user_created(jsonb) to supabase_auth_admin;
    `),
  );
});

afterAll(async () => {
  await withPostgres((db) =>
    db.query(`
      drop trigger if exists auth_test_refuse_marked_user on auth.users;
      drop function if exists public.auth_test_refuse_marked_user();
      drop function if exists public.auth_test_before_user_created(jsonb);
    `),
  );
});

describe('a failing trigger on auth.users', () => {
  it('answers 500 unexpected_failure "Database error saving new user" and creates nothing', async () => {
    const email = uniqueEmail('trigger');
    const { data, error } = await anonClient().auth.signUp({ email, password: strongPassword(), options: { data: { [FAIL_MARKER]: true } } });
    expect(data.user).toBeNull();
    expect(error).toMatchObject({ status: 500, message: 'Database error saving new user' });
    expect(await countUsersWithEmail(email)).toBe(0);

    const raw = await authFetch('/signup', { method: 'POST', body: { email, password: strongPassword(), data: { [FAIL_MARKER]: 1 } } });
    expect([raw.status, raw.json]).toEqual([500, { code: 'unexpected_failure', message: 'Database error saving new user' }]);
    const identities = await withPostgres(async (db) =>
      (await db.query(`select count(*)::int as n from auth.identities where identity_data ->> 'email' = $1`, [email])).rows[0].n,
    );
    expect(identities).toBe(0);
  });

  it('fails anonymous and admin-created users the same way', async () => {
    const anonymous = await anonClient().auth.signInAnonymously({ options: { data: { [FAIL_MARKER]: true } } });
    expect(anonymous.error).toMatchObject({ status: 500, message: 'Database error saving new user' });
    const email = uniqueEmail('trigger-admin');
    const created = await adminClient().auth.admin.createUser({ email, user_metadata: { [FAIL_MARKER]: true } });
    expect(created.error).toMatchObject({ status: 500 });
    expect(await countUsersWithEmail(email)).toBe(0);
  });
});

describe('the before-user-created hook', () => {
  let hooked: AuthVariant;
  let missing: AuthVariant;
  beforeAll(async () => {
    hooked = await startAuthVariant({ beforeUserCreatedHookUri: 'pg-functions://postgres/public/auth_test_before_user_created' });
    missing = await startAuthVariant({ beforeUserCreatedHookUri: 'pg-functions://postgres/public/auth_test_no_such_hook' });
  });
  afterAll(async () => {
    await hooked.stop();
    await missing.stop();
  });

  it('rejects with the status and message the function answers, and creates nothing', async () => {
    const email = uniqueEmail('blocked');
    const { error } = await anonClient(hooked.url).auth.signUp({ email, password: strongPassword() });
    expect(error).toMatchObject({ status: 403, code: 'hook_rejected', message: 'Signups from this address are closed.' });
    expect(await countUsersWithEmail(email)).toBe(0);

    const admin = await adminClient(hooked.url).auth.admin.createUser({ email, password: strongPassword() });
    expect(admin.error).toMatchObject({ status: 403, code: 'hook_rejected' });
    const anonymous = await anonClient(hooked.url).auth.signInAnonymously({ options: { data: { blocked: true } } });
    expect(anonymous.error).toMatchObject({ status: 403, code: 'hook_rejected' });
  });

  it('lets everyone else through', async () => {
    const { data, error } = await anonClient(hooked.url).auth.signUp({ email: uniqueEmail('welcome'), password: strongPassword() });
    expect(error).toBeNull();
    expect(data.session).not.toBeNull();
  });

  it('names the missing function instead of failing obscurely', async () => {
    const raw = await authFetch('/signup', { method: 'POST', baseUrl: missing.url, body: { email: uniqueEmail('no-hook'), password: strongPassword() } });
    expect(raw.status).toBe(500);
    expect(raw.json?.code).toBe('unexpected_failure');
    expect(raw.json?.message).toContain('"public"."auth_test_no_such_hook"(jsonb) does not exist');
    expect(raw.json?.message).toContain('[auth.hook.before_user_created]');
  });
});

describe('settings from config.toml', () => {
  let confirming: AuthVariant;
  let closed: AuthVariant;
  let strict: AuthVariant;
  beforeAll(async () => {
    confirming = await startAuthVariant({ enableConfirmations: true });
    closed = await startAuthVariant({ enableSignup: false, enableAnonymousSignIns: false });
    strict = await startAuthVariant({ enableAnonymousSignIns: false, passwordRequirements: 'lower_upper_letters_digits' });
  });
  afterAll(async () => {
    await Promise.all([confirming.stop(), closed.stop(), strict.stop()]);
  });

  it('with confirmations on, signup returns a user without a session and mails a confirmation link', async () => {
    const email = uniqueEmail('confirm');
    const password = strongPassword();
    const client = anonClient(confirming.url);
    const { data, error } = await client.auth.signUp({ email, password, options: { emailRedirectTo: 'http://localhost:3000/welcome' } });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user).toMatchObject({ email, confirmation_sent_at: expect.any(String) });
    expect(data.user!.email_confirmed_at).toBeUndefined();

    const signIn = await client.auth.signInWithPassword({ email, password });
    expect(signIn.error).toMatchObject({ status: 400, code: 'email_not_confirmed' });

    const [mail] = confirming.mail.list(email);
    expect(mail).toMatchObject({ kind: 'confirmation', subject: 'Confirm Your Signup' });
    const response = await fetch(mail.links[0], { redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('http://localhost:3000/welcome');
    expect(new URLSearchParams(location.hash.slice(1)).get('type')).toBe('signup');

    const after = await client.auth.signInWithPassword({ email, password });
    expect(after.error).toBeNull();
    expect(after.data.user!.email_confirmed_at).toEqual(expect.any(String));
  });

  it('with confirmations on, an email change waits for the link sent to the new address', async () => {
    const admin = adminClient(confirming.url).auth.admin;
    const email = uniqueEmail('change-from');
    const password = strongPassword();
    await admin.createUser({ email, password, email_confirm: true });
    const client = anonClient(confirming.url);
    await client.auth.signInWithPassword({ email, password });
    const newEmail = uniqueEmail('change-to');
    const { data } = await client.auth.updateUser({ email: newEmail });
    expect(data.user).toMatchObject({ email, new_email: newEmail });

    const [mail] = confirming.mail.list(newEmail);
    const verified = await client.auth.verifyOtp({ type: 'email_change', token_hash: mail.tokenHash! });
    expect(verified.error).toBeNull();
    expect(verified.data.user!.email).toBe(newEmail);
  });

  it('refuses signups and anonymous sign-ins when switched off', async () => {
    expect((await anonClient(closed.url).auth.signUp({ email: uniqueEmail('closed'), password: strongPassword() })).error).toMatchObject({
      status: 422,
      code: 'signup_disabled',
    });
    expect((await anonClient(strict.url).auth.signInAnonymously()).error).toMatchObject({
      status: 422,
      code: 'anonymous_provider_disabled',
    });
    expect((await authFetch('/settings', { baseUrl: closed.url })).json).toMatchObject({ disable_signup: true });
  });

  it('enforces the required character classes', async () => {
    const { error } = await anonClient(strict.url).auth.signUp({ email: uniqueEmail('classes'), password: 'lowercase-only-1' });
    expect(error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['characters'] });
    const ok = await anonClient(strict.url).auth.signUp({ email: uniqueEmail('classes-ok'), password: 'Mixed-Case-1' });
    expect(ok.error).toBeNull();
  });
});
