// Who a /rest/v1 request runs as: the verified JWT decides the role and the request GUCs, RLS
// decides the rows, and a bad token is a 401, never a quiet fallback to anon.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessToken, anonClient, clientWithToken, createFixtures, createUser, dropFixtures, env, restFetch, serviceClient,
  type TestUser,
} from './rest-fixtures.ts';

let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  await createFixtures();
  alice = await createUser('alice');
  bob = await createUser('bob');
});
afterAll(() => dropFixtures([alice?.id, bob?.id].filter(Boolean)));

describe('row level security', () => {
  it('lets a user write and read their own rows only', async () => {
    const inserted = await alice.client.from('conformance_notes').insert({ body: 'alice only' }).select('body, user_id').single();
    expect(inserted.error).toBeNull();
    expect(inserted.data).toEqual({ body: 'alice only', user_id: alice.id });
    const own = await alice.client.from('conformance_notes').select('body');
    expect(own.data).toEqual([{ body: 'alice only' }]);
    const others = await bob.client.from('conformance_notes').select('body');
    expect(others.error).toBeNull();
    expect(others.data).toEqual([]);
  });

  it('touches no rows when another user updates', async () => {
    const { data, error, status } = await bob.client.from('conformance_notes').update({ body: 'bob was here' }).eq('user_id', alice.id).select();
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toEqual([]);
  });

  it('refuses a row the policy does not allow with 42501 and 403', async () => {
    const { error, status } = await bob.client.from('conformance_notes').insert({ body: 'as alice', user_id: alice.id });
    expect(status).toBe(403);
    expect(error?.code).toBe('42501');
    expect(error?.message).toContain('row-level security');
  });

  it('answers a missing privilege with 401 for anon and 403 for a signed-in user', async () => {
    const anon = await anonClient().from('conformance_notes').select();
    expect(anon.status).toBe(401);
    expect(anon.error).toMatchObject({ code: '42501', message: 'permission denied for table conformance_notes' });
    const signedIn = await alice.client.from('conformance_notes').delete().eq('user_id', alice.id);
    expect(signedIn.status).toBe(403);
    expect(signedIn.error?.code).toBe('42501');
  });

  it('lets service_role bypass RLS', async () => {
    const { data } = await serviceClient().from('conformance_notes').select('body').eq('user_id', alice.id);
    expect(data).toEqual([{ body: 'alice only' }]);
  });
});

describe('JWT verification', () => {
  const rejects = async (token: string, message: string) => {
    const { error, status } = await clientWithToken(token).from('conformance_products').select('slug');
    expect(status).toBe(401);
    expect(error).toEqual({ code: 'PGRST301', message, details: null, hint: null });
  };

  it('rejects a token signed with another secret', async () => {
    await rejects(await accessToken(alice.id, alice.email, {}, 'not-the-secret-not-the-secret-not-the-secret'), 'JWT cryptographic operation failed');
  });

  it('rejects an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 120;
    await rejects(await accessToken(alice.id, alice.email, { iat: past - 3600, exp: past }), 'JWT expired');
  });

  it('rejects a malformed token, also when it only comes as apikey', async () => {
    await rejects('not-a-jwt', 'Expected 3 parts in JWT; got 1');
    const response = await fetch(`${env.SUPABASE_URL}/rest/v1/conformance_products`, { headers: { apikey: 'a.b.c' } });
    expect(response.status).toBe(401);
    expect((await response.json()).code).toBe('PGRST301');
  });

  it('refuses a role claim other than the API roles', async () => {
    const { error, status } = await clientWithToken(await accessToken(alice.id, alice.email, { role: 'postgres' }))
      .from('conformance_products').select('slug');
    expect(status).toBe(403);
    expect(error?.message).toBe('permission denied to set role "postgres"');
  });
});

describe('request settings', () => {
  it('sets role, claims, method, path, headers, cookies and search_path for the transaction', async () => {
    const client = clientWithToken(await accessToken(alice.id, alice.email), { 'X-Conformance': 'hello', Cookie: 'flavour=vanilla; other=1' });
    const { data, error } = await client.rpc('conformance_context');
    expect(error).toBeNull();
    expect(data).toEqual({
      role: 'authenticated',
      uid: alice.id,
      email: alice.email,
      method: 'POST',
      path: '/rpc/conformance_context',
      header: 'hello',
      cookie: 'vanilla',
      search_path: '"public", "extensions"',
    });
    const anon = await anonClient().rpc('conformance_context', undefined, { get: true });
    expect(anon.data).toMatchObject({ role: 'anon', uid: null, method: 'GET' });
  });

  it('treats a request without any key as anon', async () => {
    const response = await fetch(`${env.SUPABASE_URL}/rest/v1/conformance_products?select=slug&slug=eq.zx7`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([{ slug: 'zx7' }]);
    const denied = await restFetch('/conformance_notes');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer');
  });
});
