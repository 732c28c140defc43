// Supabase's current keys and tokens, through supabase-js: the publishable and secret keys map to
// anon / service_role at the gateway (a user's JWT decides when there is one), a secret key from a
// browser and unknown sb_ keys are refused as Supabase refuses them, the legacy JWT keys keep
// working; access tokens are ES256 with a kid from the stack's signing key, published as a JWKS,
// verified by REST, Auth and getClaims() (locally, without asking Auth); HS256 tokens signed with
// the legacy secret still verify, as during Supabase's rotation.
import crypto from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { createLocalJWKSet, decodeProtectedHeader, decodeJwt, jwtVerify, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSigningKeys, signingKeysPath } from '../../scripts/lib/env-file.ts';
import { generateSigningKey, signJwt } from '../../scripts/local-stack/api/jwt.ts';
import { testProfile } from '../support/fixtures.ts';
import { createTestClient } from '../support/supabase-client.ts';
import { createFixtures, dropFixtures, env } from './rest-fixtures.ts';
import { strongPassword, uniqueEmail } from './auth-support.ts';

const browserUserAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const jwksUrl = `${env.SUPABASE_URL}/auth/v1/.well-known/jwks.json`;

async function roleOf(client: SupabaseClient) {
  const { data, error } = await client.rpc('conformance_context');
  if (error) throw new Error(`${error.code}: ${error.message}`);
  return (data as { role: string; uid: string | null }).role;
}

/** A client that records the URL of every request it sends. */
function recordingClient(key: string, urls: string[]): SupabaseClient {
  return createTestClient(key, {
    global: {
      fetch: (input, init) => {
        urls.push(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      },
    },
  });
}

interface SignedIn {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

const createdUsers: string[] = [];
let member: SignedIn;

async function signUpAndIn(label: string): Promise<SignedIn> {
  const email = uniqueEmail(label);
  const password = strongPassword();
  const created = await createTestClient(env.SUPABASE_SECRET_KEY).auth.admin.createUser({ email, password, email_confirm: true });
  if (created.error) throw created.error;
  createdUsers.push(created.data.user.id);
  const { data, error } = await createTestClient(env.SUPABASE_PUBLISHABLE_KEY).auth.signInWithPassword({ email, password });
  if (error || !data.session) throw error ?? new Error('no session');
  return { id: created.data.user.id, email, password, accessToken: data.session.access_token, refreshToken: data.session.refresh_token };
}

beforeAll(async () => {
  await createFixtures();
  member = await signUpAndIn('keys');
});
afterAll(() => dropFixtures(createdUsers));

describe('publishable and secret keys', () => {
  it('are issued per checkout as opaque sb_ keys next to the legacy JWT keys', () => {
    expect(env.SUPABASE_PUBLISHABLE_KEY).toMatch(/^sb_publishable_[A-Za-z0-9_-]{20,}$/);
    expect(env.SUPABASE_SECRET_KEY).toMatch(/^sb_secret_[A-Za-z0-9_-]{20,}$/);
    expect(decodeJwt(env.SUPABASE_ANON_KEY).role).toBe('anon');
    expect(decodeJwt(env.SUPABASE_SERVICE_ROLE_KEY).role).toBe('service_role');
  });

  it('run as anon with the publishable key and as service_role with the secret key', async () => {
    expect(await roleOf(createTestClient(env.SUPABASE_PUBLISHABLE_KEY))).toBe('anon');
    expect(await roleOf(createTestClient(env.SUPABASE_SECRET_KEY))).toBe('service_role');
  });

  it('keep the legacy anon and service_role keys working', async () => {
    expect(await roleOf(createTestClient(env.SUPABASE_ANON_KEY))).toBe('anon');
    expect(await roleOf(createTestClient(env.SUPABASE_SERVICE_ROLE_KEY))).toBe('service_role');
    const legacyAdmin = await createTestClient(env.SUPABASE_SERVICE_ROLE_KEY).auth.admin.getUserById(member.id);
    expect(legacyAdmin.error).toBeNull();
  });

  it('open the Auth admin API with the secret key only', async () => {
    const asSecret = await createTestClient(env.SUPABASE_SECRET_KEY).auth.admin.getUserById(member.id);
    expect(asSecret.error).toBeNull();
    expect(asSecret.data.user?.email).toBe(member.email);
    const asPublishable = await createTestClient(env.SUPABASE_PUBLISHABLE_KEY).auth.admin.getUserById(member.id);
    expect(asPublishable.error).toMatchObject({ status: 403, code: 'not_admin', message: 'User not allowed' });
  });

  it("let a user's access token decide who calls, whichever key rides along", async () => {
    for (const key of [env.SUPABASE_PUBLISHABLE_KEY, env.SUPABASE_SECRET_KEY, env.SUPABASE_ANON_KEY]) {
      const client = createTestClient(key, { global: { headers: { Authorization: `Bearer ${member.accessToken}` } } });
      const { data } = await client.rpc('conformance_context');
      expect(data).toMatchObject({ role: 'authenticated', uid: member.id });
    }
  });

  it('refuse a secret key sent from a browser, as Supabase does (by User-Agent)', async () => {
    const fromBrowser = createTestClient(env.SUPABASE_SECRET_KEY, { global: { headers: { 'User-Agent': browserUserAgent } } });
    const rest = await fromBrowser.from('conformance_products').select('slug');
    expect(rest.status).toBe(401);
    expect(rest.error?.message).toBe('Forbidden use of secret API key in browser');
    const auth = await fromBrowser.auth.admin.listUsers();
    expect(auth.error).toMatchObject({ status: 401, message: 'Forbidden use of secret API key in browser' });
    // The publishable key is made for browsers.
    const publishable = createTestClient(env.SUPABASE_PUBLISHABLE_KEY, { global: { headers: { 'User-Agent': browserUserAgent } } });
    expect(await roleOf(publishable)).toBe('anon');
  });

  it("refuse an sb_ key the project does not have with the gateway's 401 Invalid API key", async () => {
    for (const key of ['sb_publishable_not-this-projects-key', 'sb_secret_not-this-projects-key']) {
      const { status, error } = await createTestClient(key).from('conformance_products').select('slug');
      expect(status).toBe(401);
      expect(error?.message).toBe('Invalid API key');
      const response = await fetch(`${env.SUPABASE_URL}/auth/v1/user`, { headers: { apikey: key, Authorization: `Bearer ${member.accessToken}` } });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        message: 'Invalid API key',
        hint: 'Double check your Supabase `anon` or `service_role` API key.',
      });
    }
  });

  it('refuse an sb_ key sent only as a Bearer token: the gateway reads keys from apikey', async () => {
    const response = await fetch(`${env.SUPABASE_URL}/rest/v1/conformance_products?select=slug`, {
      headers: { Authorization: `Bearer ${env.SUPABASE_SECRET_KEY}` },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'No API key found in request' });
  });
});

describe('asymmetric signing keys', () => {
  async function publishedJwks(): Promise<{ keys: JWK[] }> {
    const response = await fetch(jwksUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=600');
    return (await response.json()) as { keys: JWK[] };
  }

  it("publish the public half of the stack's signing key as GoTrue's JWKS, without any key", async () => {
    const jwks = await publishedJwks();
    const [signingKey] = readSigningKeys(signingKeysPath(testProfile));
    expect(jwks.keys).toEqual([
      { kty: 'EC', kid: signingKey.kid, use: 'sig', key_ops: ['verify'], alg: 'ES256', ext: true, crv: 'P-256', x: signingKey.x, y: signingKey.y },
    ]);
    expect(JSON.stringify(jwks)).not.toContain(signingKey.d!);
    expect(JSON.stringify(jwks)).not.toContain(env.SUPABASE_JWT_SECRET);
  });

  it('sign access tokens with ES256 and the kid of a published key', async () => {
    const header = decodeProtectedHeader(member.accessToken);
    expect(header).toEqual({ alg: 'ES256', kid: expect.any(String), typ: 'JWT' });
    const jwks = await publishedJwks();
    const { payload } = await jwtVerify(member.accessToken, createLocalJWKSet(jwks));
    expect(payload).toMatchObject({ sub: member.id, role: 'authenticated', aud: 'authenticated', email: member.email });
    const refreshed = await createTestClient(env.SUPABASE_PUBLISHABLE_KEY).auth.refreshSession({ refresh_token: member.refreshToken });
    expect(decodeProtectedHeader(refreshed.data.session!.access_token).alg).toBe('ES256');
    member.accessToken = refreshed.data.session!.access_token;
    member.refreshToken = refreshed.data.session!.refresh_token;
  });

  it('are verified by REST and by Auth', async () => {
    const client = createTestClient(env.SUPABASE_PUBLISHABLE_KEY, { global: { headers: { Authorization: `Bearer ${member.accessToken}` } } });
    const { data } = await client.rpc('conformance_context');
    expect(data).toMatchObject({ role: 'authenticated', uid: member.id, email: member.email });
    const user = await createTestClient(env.SUPABASE_PUBLISHABLE_KEY).auth.getUser(member.accessToken);
    expect(user.error).toBeNull();
    expect(user.data.user?.id).toBe(member.id);
  });

  it('let getClaims() verify a session locally: the JWKS at most once, never GET /auth/v1/user', async () => {
    const urls: string[] = [];
    const client = recordingClient(env.SUPABASE_PUBLISHABLE_KEY, urls);
    for (let i = 0; i < 3; i += 1) {
      const { data, error } = await client.auth.getClaims(member.accessToken);
      expect(error).toBeNull();
      expect(data?.claims.sub).toBe(member.id);
    }
    expect(urls.filter((url) => url.includes('/auth/v1/') && !url.endsWith('/.well-known/jwks.json'))).toEqual([]);
    expect(urls.filter((url) => url.endsWith('/.well-known/jwks.json')).length).toBeLessThanOrEqual(1);
  });

  it('refuse a token signed by another key under the published kid', async () => {
    const { kid } = decodeProtectedHeader(member.accessToken);
    const impostor = crypto.createPrivateKey({ key: generateSigningKey() as crypto.JsonWebKey, format: 'jwk' });
    const forged = await new SignJWT(decodeJwt(member.accessToken)).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(impostor);
    const client = createTestClient(env.SUPABASE_PUBLISHABLE_KEY, { global: { headers: { Authorization: `Bearer ${forged}` } } });
    const rest = await client.from('conformance_products').select('slug');
    expect(rest.status).toBe(401);
    expect(rest.error).toMatchObject({ code: 'PGRST301', message: 'JWT cryptographic operation failed' });
    const auth = await createTestClient(env.SUPABASE_PUBLISHABLE_KEY).auth.getUser(forged);
    expect(auth.error).toMatchObject({ status: 403, code: 'bad_jwt' });
    const claims = await createTestClient(env.SUPABASE_PUBLISHABLE_KEY).auth.getClaims(forged);
    expect(claims.error?.message).toBe('Invalid JWT signature');
  });

  it('refuse a token whose kid is not in the JWKS', async () => {
    const other = generateSigningKey();
    const otherKey = crypto.createPrivateKey({ key: other as crypto.JsonWebKey, format: 'jwk' });
    const token = await new SignJWT(decodeJwt(member.accessToken)).setProtectedHeader({ alg: 'ES256', kid: other.kid, typ: 'JWT' }).sign(otherKey);
    const client = createTestClient(env.SUPABASE_PUBLISHABLE_KEY, { global: { headers: { Authorization: `Bearer ${token}` } } });
    const rest = await client.from('conformance_products').select('slug');
    expect(rest.status).toBe(401);
    expect(rest.error).toMatchObject({ code: 'PGRST301', message: 'No suitable key or wrong key type' });
    const auth = await createTestClient(env.SUPABASE_PUBLISHABLE_KEY).auth.getUser(token);
    expect(auth.error).toMatchObject({ status: 403, code: 'bad_jwt' });
    expect(auth.error?.message).toContain(`unrecognized JWT kid ${other.kid} for algorithm ES256`);
    const claims = await createTestClient(env.SUPABASE_PUBLISHABLE_KEY).auth.getClaims(token);
    expect(claims.data).toBeNull();
    expect(claims.error).not.toBeNull();
  });

  it('still accept HS256 tokens signed with the legacy secret, as issued before the switch', async () => {
    const legacy = await signJwt(decodeJwt(member.accessToken), env.SUPABASE_JWT_SECRET);
    expect(decodeProtectedHeader(legacy)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const client = createTestClient(env.SUPABASE_PUBLISHABLE_KEY, { global: { headers: { Authorization: `Bearer ${legacy}` } } });
    const { data } = await client.rpc('conformance_context');
    expect(data).toMatchObject({ role: 'authenticated', uid: member.id });
    const user = await createTestClient(env.SUPABASE_PUBLISHABLE_KEY).auth.getUser(legacy);
    expect(user.data.user?.id).toBe(member.id);
    // getClaims() cannot check HS256 locally, so it asks Auth (GET /user), which accepts it.
    const urls: string[] = [];
    const claims = await recordingClient(env.SUPABASE_PUBLISHABLE_KEY, urls).auth.getClaims(legacy);
    expect(claims.error).toBeNull();
    expect(claims.data?.claims.sub).toBe(member.id);
    expect(urls).toEqual([`${env.SUPABASE_URL}/auth/v1/user`]);
  });

  it('refuse an HS256 token signed with any other secret', async () => {
    const forged = await signJwt(decodeJwt(member.accessToken), 'not-the-legacy-secret-'.repeat(3));
    const client = createTestClient(env.SUPABASE_PUBLISHABLE_KEY, { global: { headers: { Authorization: `Bearer ${forged}` } } });
    const rest = await client.from('conformance_products').select('slug');
    expect(rest.error).toMatchObject({ code: 'PGRST301', message: 'JWT cryptographic operation failed' });
  });
});
