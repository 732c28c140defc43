// /auth/v1 answers input it cannot use with GoTrue's 4xx in GoTrue's error shape: a broken
// percent-escape in the path is refused as Go's net/http refuses it (400), an admin user id that
// is no UUID is GoTrue's 404 validation_failed, and a body over GoTrue's 1 MiB limit is its 413
// request_entity_too_large, after which the same connection keeps working.
import { describe, expect, it } from 'vitest';
import { adminClient, API_VERSION_HEADERS, authFetch, env, uniqueEmail } from './auth-support.ts';
import { sendInOrderOnOneConnection } from './raw-http.ts';

const serviceHeaders = {
  ...API_VERSION_HEADERS,
  apikey: env.SUPABASE_SERVICE_ROLE_KEY,
  Authorization: `Bearer ${env.SUPABASE_SERVICE_ROLE_KEY}`,
};

describe('the request path', () => {
  it('refuses a broken percent-escape with 400 and a readable message', async () => {
    for (const path of ['/admin/users/%ZZ', '/admin/users/%', '/%ZZ']) {
      const response = await fetch(`${env.SUPABASE_URL}/auth/v1${path}`, { headers: serviceHeaders });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-sb-error-code')).toBe('validation_failed');
      const body = await response.json();
      expect(body).toMatchObject({ code: 'validation_failed' });
      expect(body.message).toMatch(/^invalid URL escape "%/);
    }
  });

  it('answers an admin user id that is no UUID as GoTrue does (404 validation_failed)', async () => {
    for (const id of ['not-a-uuid', '%E0%A4', '%00']) {
      const response = await fetch(`${env.SUPABASE_URL}/auth/v1/admin/users/${id}`, { headers: serviceHeaders });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ code: 'validation_failed', message: 'user_id must be an UUID' });
    }
  });

  it('still finds a user by a valid id', async () => {
    const admin = adminClient();
    const created = await admin.auth.admin.createUser({ email: uniqueEmail('path'), password: 'correct horse 1' });
    expect(created.error).toBeNull();
    const found = await admin.auth.admin.getUserById(created.data.user!.id);
    expect(found.data.user?.id).toBe(created.data.user!.id);
    await admin.auth.admin.deleteUser(created.data.user!.id);
  });
});

describe('query parameters and fields', () => {
  it('refuses pagination that is no unsigned integer, as GoTrue\'s strconv.ParseUint does', async () => {
    for (const [query, reason] of [['page=-5', 'invalid syntax'], ['per_page=1e3', 'invalid syntax'], ['page=99999999999999999999', 'value out of range']]) {
      const response = await fetch(`${env.SUPABASE_URL}/auth/v1/admin/users?${query}`, { headers: serviceHeaders });
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.code).toBe('validation_failed');
      expect(body.message).toBe(`Bad Pagination Parameters: strconv.ParseUint: parsing "${query.split('=')[1]}": ${reason}`);
    }
    const farAway = await fetch(`${env.SUPABASE_URL}/auth/v1/admin/users?page=9999999999999999999&per_page=1000`, { headers: serviceHeaders });
    expect(farAway.status).toBe(200);
    expect((await farAway.json()).users).toEqual([]);
  });

  it('refuses an email address with a control character instead of failing in the database', async () => {
    const { status, json } = await authFetch('/signup', { method: 'POST', body: { email: 'a\u0000b@example.com', password: 'correct horse 1' } });
    expect(status).toBe(400);
    expect(json).toEqual({ code: 'validation_failed', message: 'Unable to validate email address: invalid format' });
  });

  it('refuses JSON nested too deeply to re-encode with 400 bad_json', async () => {
    const response = await fetch(`${env.SUPABASE_URL}/auth/v1/signup`, {
      method: 'POST',
      headers: { ...API_VERSION_HEADERS, 'Content-Type': 'application/json' },
      body: `{"email":"deep@example.com","password":"correct horse 1","data":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'bad_json', message: 'Could not parse request body as JSON: exceeded max depth' });
  });
});

describe('request bodies over GoTrue\'s limit', () => {
  it('answers 413 request_entity_too_large, and the same connection serves the next request', async () => {
    const headers = { ...API_VERSION_HEADERS, 'Content-Type': 'application/json' };
    const tooLarge = JSON.stringify({ email: uniqueEmail('big'), password: 'correct horse 1', data: { note: 'x'.repeat(1 << 20) } });
    const [refused, next] = await sendInOrderOnOneConnection(env.SUPABASE_URL, [
      { method: 'POST', path: '/auth/v1/signup', headers, body: tooLarge },
      { method: 'GET', path: '/auth/v1/health', headers },
    ]);
    expect(refused.status).toBe(413);
    expect(refused.headers['x-sb-error-code']).toBe('request_entity_too_large');
    expect(JSON.parse(refused.body)).toEqual({
      code: 'request_entity_too_large',
      message: 'Request body too large (max 1048576 bytes)',
    });
    expect([refused.connection, next.connection]).toEqual([1, 1]);
    expect(next.status).toBe(200);
  });

  it('still reads a body just under the limit (and then judges its content)', async () => {
    const { status, json } = await authFetch('/token?grant_type=password', {
      method: 'POST',
      body: { email: uniqueEmail('nobody'), password: 'wrong', padding: 'x'.repeat(1000 * 1000) },
    });
    expect(status).toBe(400);
    expect(json).toMatchObject({ code: 'invalid_credentials' });
  });
});
