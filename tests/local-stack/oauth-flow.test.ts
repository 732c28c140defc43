// Sign-in with LINE (custom:line) and Kakao through the stand-in's OAuth flow and the local
// identity provider, as GoTrue runs it: users and identities as GoTrue writes them, its account
// linking rules, its errors. Needs a running stack (STACK_PROFILE; npm test starts `test`).
import { describe, expect, it } from 'vitest';
import { determineAccountLinking } from '../../scripts/local-stack/api/auth/account-linking.ts';
import { localExternalProviders } from '../../scripts/local-stack/api/auth/local-providers.ts';
import { readStandInConfig } from '../../scripts/local-stack/api/config.ts';
import { subjectOf } from '../../scripts/local-stack/identity-provider/identities.ts';
import { ensureIdentityProviderSecrets } from '../../scripts/local-stack/identity-provider/secrets.ts';
import { profileFromArgs } from '../../scripts/lib/profile.ts';
import { adminClient, authFetch, env, startAuthVariant, strongPassword, uniqueEmail, withPostgres } from './auth-support.ts';
import { pkceClient, REDIRECT_TO, signInWith, throughProvider, uniqueKey } from './oauth-support.ts';

interface IdentityRow {
  user_id: string;
  provider: string;
  provider_id: string;
  identity_data: Record<string, unknown>;
}

async function identitiesOf(userId: string): Promise<IdentityRow[]> {
  return withPostgres(async (db) => {
    const { rows } = await db.query<IdentityRow>(
      'select user_id, provider, provider_id, identity_data from auth.identities where user_id = $1 order by created_at',
      [userId],
    );
    return rows;
  });
}

async function profileOf(userId: string) {
  return withPostgres(async (db) => {
    const { rows } = await db.query<{ display_name: string | null; avatar_url: string | null }>(
      'select display_name, avatar_url from public.profiles where id = $1',
      [userId],
    );
    return rows;
  });
}

describe('LINE (custom:line) through the local identity provider', () => {
  it('creates a user with one custom:line identity holding the claims, and its profile', async () => {
    const key = uniqueKey('line');
    const email = uniqueEmail('line');
    const picture = `https://profile.line-scdn.net/${key}`;
    const { session, page } = await signInWith('custom:line', { name: 'สมหญิง รักไทย', picture, email, email_verified: true, key });
    expect(page).toContain('Local LINE');

    const { user } = session;
    expect(user.email).toBe(email);
    expect(user.app_metadata).toEqual({ provider: 'custom:line', providers: ['custom:line'] });
    expect(user.user_metadata).toMatchObject({ name: 'สมหญิง รักไทย', picture, email, email_verified: true });

    const identities = await identitiesOf(user.id);
    expect(identities).toHaveLength(1);
    const [identity] = identities;
    expect(identity.provider).toBe('custom:line');
    expect(identity.provider_id).toMatch(/^U[0-9a-f]{32}$/);
    expect(identity.identity_data).toMatchObject({
      sub: identity.provider_id,
      name: 'สมหญิง รักไทย',
      picture,
      email,
      email_verified: true,
      phone_verified: false,
      iss: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    expect(await profileOf(user.id)).toEqual([{ display_name: 'สมหญิง รักไทย', avatar_url: picture }]);
  });

  it('signs the same identity in as the same user again, still with one identity', async () => {
    const key = uniqueKey('again');
    const first = await signInWith('custom:line', { name: '陳小明', key });
    const second = await signInWith('custom:line', { name: '陳小明 (renamed)', key });
    expect(second.session.user.id).toBe(first.session.user.id);
    const identities = await identitiesOf(first.session.user.id);
    expect(identities).toHaveLength(1);
    expect(identities[0].identity_data.name).toBe('陳小明 (renamed)');
    expect(second.session.user.user_metadata.name).toBe('陳小明 (renamed)');
  });

  it('works without an email, as LINE may send none', async () => {
    const { session } = await signInWith('custom:line', { name: 'ไม่มี อีเมล', key: uniqueKey('noemail') });
    expect(session.user.email ?? '').toBe('');
    const identities = await identitiesOf(session.user.id);
    expect(identities).toHaveLength(1);
    expect(identities[0].identity_data).not.toHaveProperty('email');
    expect(identities[0].identity_data.email_verified).toBe(false);
    expect(await profileOf(session.user.id)).toEqual([{ display_name: 'ไม่มี อีเมล', avatar_url: null }]);
  });

  it('lets 20 different people sign in for the first time at once: 20 users, one profile and one identity each', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => uniqueKey(`rush${i}`));
    const results = await Promise.all(keys.map((key, i) => signInWith('custom:line', { name: `คนที่ ${i}`, key })));
    const ids = new Set(results.map((result) => result.session.user.id));
    expect(ids.size).toBe(20);
    // Each person got their own claims, none of another sign-in running at the same time.
    expect(results.map((result) => result.session.user.user_metadata.name)).toEqual(keys.map((_, i) => `คนที่ ${i}`));
    const counts = await withPostgres(async (db) => {
      const { rows } = await db.query<{ id: string; profiles: number; identities: number }>(
        `select u.id, (select count(*)::int from public.profiles p where p.id = u.id) as profiles,
                (select count(*)::int from auth.identities i where i.user_id = u.id) as identities
           from auth.users u where u.id = any ($1::uuid[])`,
        [[...ids]],
      );
      return rows;
    });
    expect(counts).toHaveLength(20);
    expect(counts.every((row) => row.profiles === 1 && row.identities === 1)).toBe(true);
  });

  it('offers the preset test identities on its page', async () => {
    const { session, page } = await signInWith('custom:line', { preset: 'yijun' });
    for (const name of ['สมชาย ใจดี', '김민준', '陳怡君']) expect(page).toContain(name);
    expect(session.user.user_metadata.name).toBe('陳怡君');
  });
});

describe('Kakao through the local identity provider', () => {
  it("maps Kakao's user API as GoTrue's kakao provider does", async () => {
    const key = uniqueKey('kakao');
    const picture = `https://k.kakaocdn.net/${key}.jpg`;
    const { session } = await signInWith('kakao', { name: '이서연', picture, key });
    const [identity] = await identitiesOf(session.user.id);
    expect(identity.provider).toBe('kakao');
    expect(identity.provider_id).toMatch(/^\d+$/);
    expect(identity.identity_data).toMatchObject({
      sub: identity.provider_id,
      provider_id: identity.provider_id,
      name: '이서연',
      full_name: '이서연',
      preferred_username: '이서연',
      user_name: '이서연',
      avatar_url: picture,
    });
    expect(await profileOf(session.user.id)).toEqual([{ display_name: '이서연', avatar_url: picture }]);
  });

  it('links a verified Kakao email to the existing email account (GoTrue: LinkAccount)', async () => {
    const email = uniqueEmail('link');
    const admin = adminClient();
    const created = await admin.auth.admin.createUser({ email, password: strongPassword(), email_confirm: true });
    expect(created.error).toBeNull();
    const { session } = await signInWith('kakao', { name: '박지훈', email, email_verified: true, key: uniqueKey('link') });
    expect(session.user.id).toBe(created.data.user!.id);
    const identities = await identitiesOf(session.user.id);
    expect(identities.map((identity) => identity.provider)).toEqual(['email', 'kakao']);
    expect(session.user.app_metadata).toMatchObject({ provider: 'email', providers: ['email', 'kakao'] });
  });

  it('links an unverified Kakao email too while confirmations are off (GoTrue counts every email as verified under autoconfirm)', async () => {
    const email = uniqueEmail('unverified');
    const created = await adminClient().auth.admin.createUser({ email, password: strongPassword(), email_confirm: true });
    const { session } = await signInWith('kakao', { name: '최유나', email, key: uniqueKey('unverified') });
    expect(session.user.id).toBe(created.data.user!.id);
  });

  it('with confirmations on, an unverified email creates a new account without that email (DetermineAccountLinking)', async () => {
    const email = uniqueEmail('decide');
    const created = await adminClient().auth.admin.createUser({ email, password: strongPassword(), email_confirm: true });
    const decide = (verified: boolean, autoconfirm: boolean) =>
      withPostgres((db) =>
        determineAccountLinking(db, { emails: [{ email: email.toUpperCase(), verified, primary: true }], provider: 'kakao', sub: uniqueKey('sub'), autoconfirm }),
      );
    const unverified = await decide(false, false);
    expect(unverified).toEqual({ decision: 'create_account', candidateEmail: { email: '', verified: false, primary: true } });
    const verified = await decide(true, false);
    expect(verified.decision).toBe('link_account');
    expect('user' in verified && verified.user.id).toBe(created.data.user!.id);
  });
});

describe('OAuth errors as GoTrue answers them', () => {
  it('refuses an unknown or disabled provider with 400 validation_failed', async () => {
    const github = await authFetch('/authorize?provider=github');
    expect(github.status).toBe(400);
    expect(github.json).toEqual({ code: 'validation_failed', message: 'Unsupported provider: provider is not enabled' });
    const unknown = await authFetch('/authorize?provider=myspace');
    expect(unknown.json).toEqual({ code: 'validation_failed', message: 'Unsupported provider: Provider myspace could not be found' });
    const custom = await authFetch('/authorize?provider=custom:nope');
    expect(custom.json).toEqual({ code: 'validation_failed', message: 'Unsupported provider: custom provider custom:nope not found' });
  });

  it('refuses Kakao once [auth.external.kakao] is off, as "provider is not enabled"', async () => {
    const profile = profileFromArgs([`--profile=${process.env.STACK_PROFILE ?? 'test'}`]);
    const config = readStandInConfig(profile);
    const off = { ...config, auth: { ...config.auth, external: { ...config.auth.external, kakao: { enabled: false, emailOptional: true } } } };
    const providers = localExternalProviders(off, { issuer: 'http://127.0.0.1:1', secrets: ensureIdentityProviderSecrets(profile) });
    const variant = await startAuthVariant({}, providers);
    try {
      const kakao = await authFetch('/authorize?provider=kakao', { baseUrl: variant.url });
      expect(kakao.status).toBe(400);
      expect(kakao.json).toEqual({ code: 'validation_failed', message: 'Unsupported provider: provider is not enabled' });
    } finally {
      await variant.stop();
    }
  });

  it('refuses a wrong code_verifier with 403 bad_code_verifier', async () => {
    const client = pkceClient();
    const { data } = await client.auth.signInWithOAuth({ provider: 'custom:line', options: { redirectTo: REDIRECT_TO, skipBrowserRedirect: true } });
    const { landing } = await throughProvider(data.url!, { name: 'ผิด รหัส', key: uniqueKey('verifier') });
    const code = landing.searchParams.get('code');
    expect(code).toBeTruthy();
    const wrong = await authFetch('/token?grant_type=pkce', { method: 'POST', body: { auth_code: code, code_verifier: 'x'.repeat(43) } });
    expect(wrong.status).toBe(403);
    expect(wrong.json).toEqual({ code: 'bad_code_verifier', message: 'code challenge does not match previously saved code verifier' });
  });

  it("runs the before-user-created hook: its refusal goes back to redirect_to and nobody is created", async () => {
    const key = uniqueKey('hook');
    const { data } = await pkceClient().auth.signInWithOAuth({ provider: 'custom:line', options: { redirectTo: REDIRECT_TO, skipBrowserRedirect: true } });
    // The hook refuses user_metadata over 8 KB; a picture URL that long gets there.
    const { landing } = await throughProvider(data.url!, { name: 'ยาว มาก', picture: `https://example.com/${'p'.repeat(9000)}`, key });
    expect(landing.searchParams.get('code')).toBeNull();
    expect(Object.fromEntries(landing.searchParams)).toEqual({
      next: '/en/account',
      error: 'server_error',
      error_code: 'hook_rejected',
      error_description: 'Your sign-up details are too large (at most 8 KB).',
    });
    const sub = subjectOf('line', { key, email: null, name: 'ยาว มาก' });
    const created = await withPostgres(async (db) => {
      const { rows } = await db.query("select count(*)::int as n from auth.identities where provider = 'custom:line' and provider_id = $1", [sub]);
      return rows[0].n as number;
    });
    expect(created).toBe(0);
  });

  it("sends the provider's error back to redirect_to, in the query and the fragment", async () => {
    const { data } = await pkceClient().auth.signInWithOAuth({ provider: 'kakao', options: { redirectTo: REDIRECT_TO, skipBrowserRedirect: true } });
    const { landing } = await throughProvider(data.url!, { cancel: true });
    expect(`${landing.origin}${landing.pathname}`).toBe('http://localhost:3000/auth/confirm');
    expect(landing.searchParams.get('error')).toBe('access_denied');
    expect(landing.searchParams.get('error_description')).toBe('The user cancelled the sign-in');
    expect(new URLSearchParams(landing.hash.slice(1)).get('error')).toBe('access_denied');
    expect(landing.searchParams.get('code')).toBeNull();
  });

  it('answers a callback without a known state with a 303 to the site URL', async () => {
    const response = await fetch(`${env.SUPABASE_URL}/auth/v1/callback?code=x&state=${crypto.randomUUID()}`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error_code')).toBe('bad_oauth_state');
    expect(location.searchParams.get('error_description')).toBe('OAuth state not found or expired');
  });

  it('lists Kakao among the enabled external providers in /settings', async () => {
    const { json } = await authFetch('/settings');
    expect(json?.external).toMatchObject({ kakao: true, github: false, email: true });
  });
});
