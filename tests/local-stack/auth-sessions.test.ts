// Conformance of the Auth stand-in's session endpoints through supabase-js: signup, password
// sign-in, access-token claims, refresh rotation and reuse, logout, /user, anonymous users.
import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { anonClient, authFetch, env, strongPassword, uniqueEmail, withPostgres } from './auth-support.ts';

async function signUp(label: string, data: Record<string, unknown> = {}) {
  const email = uniqueEmail(label);
  const password = strongPassword();
  const client = anonClient();
  const { data: result, error } = await client.auth.signUp({ email, password, options: { data } });
  if (error || !result.session || !result.user) throw error ?? new Error('signUp returned no session');
  return { email, password, client, session: result.session, user: result.user };
}

describe('signup', () => {
  it('returns a session and GoTrue-shaped user, stores metadata and lower-cases the email', async () => {
    const email = uniqueEmail('shape').replace('auth-test', 'Auth-Test');
    const { data, error } = await anonClient().auth.signUp({
      email,
      password: strongPassword(),
      options: { data: { full_name: 'Ada Lovelace' } },
    });
    expect(error).toBeNull();
    const { session, user } = data;
    expect(session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(session!.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect(session!.refresh_token).toEqual(expect.any(String));
    expect(user).toMatchObject({
      aud: 'authenticated',
      role: 'authenticated',
      email: email.toLowerCase(),
      phone: '',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { full_name: 'Ada Lovelace' },
      is_anonymous: false,
    });
    expect(user!.email_confirmed_at).toEqual(expect.any(String));
    expect(user!.identities).toHaveLength(1);
    expect(user!.identities![0]).toMatchObject({
      provider: 'email',
      id: user!.id,
      identity_data: { sub: user!.id, email: email.toLowerCase(), email_verified: true, phone_verified: false, full_name: 'Ada Lovelace' },
    });

    const stored = await withPostgres(async (db) => {
      const { rows } = await db.query(
        `select role, raw_user_meta_data, confirmation_token, recovery_token, encrypted_password like '$2%' as bcrypt
           from auth.users where id = $1`,
        [user!.id],
      );
      return rows[0];
    });
    expect(stored).toEqual({
      role: 'authenticated',
      raw_user_meta_data: { full_name: 'Ada Lovelace' },
      confirmation_token: '',
      recovery_token: '',
      bcrypt: true,
    });
  });

  it('signs access tokens with GoTrue claims', async () => {
    const { session, user } = await signUp('claims');
    const claims = decodeJwt(session.access_token);
    expect(claims).toMatchObject({
      iss: `${env.SUPABASE_URL}/auth/v1`,
      sub: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: user.email,
      phone: '',
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'email' },
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);
    expect(claims.session_id).toEqual(expect.any(String));
  });

  it('refuses a registered email with 422 user_already_exists', async () => {
    const { email } = await signUp('duplicate');
    const { error } = await anonClient().auth.signUp({ email: email.toUpperCase(), password: strongPassword() });
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists', message: 'User already registered' });
  });

  it('refuses a short password with 422 weak_password and its reasons', async () => {
    const { error } = await anonClient().auth.signUp({ email: uniqueEmail('weak'), password: 'short' });
    expect(error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] });
    expect(error!.message).toBe('Password should be at least 8 characters.');
  });

  it('refuses malformed input with validation_failed and sends the error code header', async () => {
    const { status, json, response } = await authFetch('/signup', { method: 'POST', body: { email: 'not-an-email', password: strongPassword() } });
    // GoTrue's validateEmail answers with NewBadRequestError (internal/api/mail.go): 400.
    expect(status).toBe(400);
    expect(json).toEqual({ code: 'validation_failed', message: 'Unable to validate email address: invalid format' });
    expect(response.headers.get('x-sb-error-code')).toBe('validation_failed');
    expect(response.headers.get('x-supabase-api-version')).toBe('2024-01-01');

    const badJson = await fetch(`${env.SUPABASE_URL}/auth/v1/signup`, { method: 'POST', body: '{nope' });
    expect(badJson.status).toBe(400);
  });
});

describe('password sign-in', () => {
  it('signs in with the right password and refuses a wrong one or an unknown email', async () => {
    const { email, password, user } = await signUp('sign-in');
    const client = anonClient();
    const good = await client.auth.signInWithPassword({ email: email.toUpperCase(), password });
    expect(good.error).toBeNull();
    expect(good.data.user!.id).toBe(user.id);
    expect(good.data.user!.last_sign_in_at).toEqual(expect.any(String));

    const wrong = await client.auth.signInWithPassword({ email, password: `${password}x` });
    expect(wrong.error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
    const unknown = await client.auth.signInWithPassword({ email: uniqueEmail('nobody'), password });
    expect(unknown.error).toMatchObject({ status: 400, code: 'invalid_credentials' });
  });
});

describe('refresh tokens', () => {
  it('rotate on use, tolerate reuse within the interval, and revoke the session on later reuse', async () => {
    const { client, session } = await signUp('refresh');
    const first = await client.auth.refreshSession({ refresh_token: session.refresh_token });
    expect(first.error).toBeNull();
    const rotated = first.data.session!;
    expect(rotated.refresh_token).not.toBe(session.refresh_token);

    // Two tabs refreshing at once: the old token still answers with the current one.
    const concurrent = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(concurrent.error).toBeNull();
    expect(concurrent.data.session!.refresh_token).toBe(rotated.refresh_token);

    // Outside the reuse interval the same reuse means the token leaked.
    await withPostgres((db) =>
      db.query(`update auth.refresh_tokens set updated_at = now() - interval '1 hour' where token = $1`, [session.refresh_token]),
    );
    const reuse = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(reuse.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });

    const afterRevocation = await authFetch('/user', { token: rotated.access_token });
    expect(afterRevocation.status).toBe(403);
    expect(afterRevocation.json).toMatchObject({ code: 'session_not_found' });
    const childToken = await anonClient().auth.refreshSession({ refresh_token: rotated.refresh_token });
    expect(childToken.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  it('refuses an unknown refresh token with 400 refresh_token_not_found', async () => {
    const { error } = await anonClient().auth.refreshSession({ refresh_token: 'never-issued' });
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });
});

describe('access tokens and logout', () => {
  it('getUser answers for a live session and fails after signOut', async () => {
    const { client, session, user } = await signUp('logout');
    const before = await client.auth.getUser(session.access_token);
    expect(before.data.user!.id).toBe(user.id);

    const { error: signOutError } = await client.auth.signOut();
    expect(signOutError).toBeNull();
    const after = await anonClient().auth.getUser(session.access_token);
    expect(after.error?.name).toBe('AuthSessionMissingError');
    const raw = await authFetch('/user', { token: session.access_token });
    expect(raw.status).toBe(403);
    expect(raw.json).toEqual({ code: 'session_not_found', message: 'Session from session_id claim in JWT does not exist' });
  });

  it('logout scopes: local ends this session, others every other one, global all', async () => {
    const { email, password, session: a } = await signUp('scopes');
    const signIn = async () => (await anonClient().auth.signInWithPassword({ email, password })).data.session!;
    const b = await signIn();
    const c = await signIn();
    const alive = async (token: string) => (await authFetch('/user', { token })).status === 200;

    expect((await authFetch('/logout?scope=others', { method: 'POST', token: b.access_token })).status).toBe(204);
    expect([await alive(a.access_token), await alive(b.access_token), await alive(c.access_token)]).toEqual([false, true, false]);

    const d = await signIn();
    expect((await authFetch('/logout?scope=local', { method: 'POST', token: d.access_token })).status).toBe(204);
    expect([await alive(b.access_token), await alive(d.access_token)]).toEqual([true, false]);

    const e = await signIn();
    expect((await authFetch('/logout?scope=global', { method: 'POST', token: e.access_token })).status).toBe(204);
    expect([await alive(b.access_token), await alive(e.access_token)]).toEqual([false, false]);
  });

  it('answers 403 bad_jwt for forged and expired tokens and for a bare key, 401 without any', async () => {
    const { session } = await signUp('bad-jwt');
    const claims = decodeJwt(session.access_token);
    const sign = (secret: string, exp: number) =>
      new SignJWT({ ...claims, exp }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));

    const forged = await sign('not-the-secret-of-this-stack-at-all-000', claims.exp!);
    const forgedResult = await anonClient().auth.getUser(forged);
    expect(forgedResult.error).toMatchObject({ status: 403, code: 'bad_jwt' });

    const expired = await sign(env.SUPABASE_JWT_SECRET, Math.floor(Date.now() / 1000) - 60);
    const expiredResult = await anonClient().auth.getUser(expired);
    expect(expiredResult.error).toMatchObject({ status: 403, code: 'bad_jwt' });
    expect(expiredResult.error!.message).toContain('expired');

    // With only the publishable key the gateway forwards the anon JWT, which names no user.
    expect(await authFetch('/user')).toMatchObject({ status: 403, json: { code: 'bad_jwt', message: 'invalid claim: missing sub claim' } });
    const bare = await fetch(`${env.SUPABASE_URL}/auth/v1/user`, { headers: { 'X-Supabase-Api-Version': '2024-01-01' } });
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({ code: 'no_authorization' });
  });
});

describe('updating one\'s own account', () => {
  it('merges metadata, changes the password and refuses the same password', async () => {
    const { client, email, password, session } = await signUp('update', { full_name: 'Before', keep: 1 });
    await client.auth.setSession({ access_token: session.access_token, refresh_token: session.refresh_token });
    const renamed = await client.auth.updateUser({ data: { full_name: 'After', keep: null, added: true } });
    expect(renamed.error).toBeNull();
    expect(renamed.data.user!.user_metadata).toEqual({ full_name: 'After', added: true });

    const same = await client.auth.updateUser({ password });
    expect(same.error).toMatchObject({ status: 422, code: 'same_password' });
    const weak = await client.auth.updateUser({ password: 'short' });
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });

    const newPassword = strongPassword();
    expect((await client.auth.updateUser({ password: newPassword })).error).toBeNull();
    expect((await anonClient().auth.signInWithPassword({ email, password })).error).toMatchObject({ code: 'invalid_credentials' });
    expect((await anonClient().auth.signInWithPassword({ email, password: newPassword })).error).toBeNull();
  });

  it('refuses an email another account uses with 422 email_exists', async () => {
    const taken = await signUp('taken');
    const { client, session } = await signUp('taker');
    await client.auth.setSession({ access_token: session.access_token, refresh_token: session.refresh_token });
    const { error } = await client.auth.updateUser({ email: taken.email });
    expect(error).toMatchObject({ status: 422, code: 'email_exists' });
  });
});

describe('anonymous users', () => {
  it('sign in without credentials and become a real account with the same id', async () => {
    const client = anonClient();
    const { data, error } = await client.auth.signInAnonymously({ options: { data: { cart: 'guest' } } });
    expect(error).toBeNull();
    const guest = data.user!;
    expect(guest).toMatchObject({ is_anonymous: true, email: '', identities: [], app_metadata: { provider: 'anonymous' } });
    expect(decodeJwt(data.session!.access_token)).toMatchObject({ is_anonymous: true, role: 'authenticated', amr: [{ method: 'anonymous' }] });

    const email = uniqueEmail('upgrade');
    const password = strongPassword();
    const upgraded = await client.auth.updateUser({ email, password });
    expect(upgraded.error).toBeNull();
    expect(upgraded.data.user).toMatchObject({ id: guest.id, email, is_anonymous: false, app_metadata: { provider: 'email' } });
    expect(upgraded.data.user!.identities).toHaveLength(1);

    const signIn = await anonClient().auth.signInWithPassword({ email, password });
    expect(signIn.data.user).toMatchObject({ id: guest.id, is_anonymous: false, user_metadata: { cart: 'guest' } });
  });

  it('may not set a password without an email', async () => {
    const client = anonClient();
    await client.auth.signInAnonymously();
    const { error } = await client.auth.updateUser({ password: strongPassword() });
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' });
  });
});

describe('settings and health', () => {
  it('describe what this Auth server offers', async () => {
    expect((await authFetch('/settings')).json).toMatchObject({
      external: { email: true, phone: false, anonymous_users: true },
      disable_signup: false,
      mailer_autoconfirm: true,
    });
    expect((await authFetch('/health')).status).toBe(200);
    expect((await authFetch('/nope')).status).toBe(404);
  });
});
