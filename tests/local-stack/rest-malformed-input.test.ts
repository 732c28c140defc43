// /rest/v1 answers input it cannot use the way PostgREST does, with a 4xx in its error shape:
// broken percent-escapes in the path are read leniently (Warp/WAI), a NUL never reaches the SQL
// text (a bare one is a parse error, a quoted one is cut off as escapeIdent does), and a body
// over the limit is a 413 after which the same connection keeps working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createFixtures, dropFixtures, env, restFetch } from './rest-fixtures.ts';
import { sendInOrderOnOneConnection } from './raw-http.ts';

beforeAll(createFixtures);
afterAll(() => dropFixtures());

describe('percent-escapes in the path', () => {
  it('reads a broken escape literally: /rest/v1/%ZZ is a table PostgREST does not know (404)', async () => {
    const { status, error } = await anonClient().from('%ZZ').select();
    expect(status).toBe(404);
    expect(error).toMatchObject({ code: 'PGRST205', message: "Could not find the table 'public.%ZZ' in the schema cache" });
  });

  it('answers a function name with a broken escape or broken UTF-8 with 404 PGRST202', async () => {
    for (const name of ['%ZZ', '%E0%A4']) {
      const response = await restFetch(`/rpc/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'PGRST202' });
    }
  });

  it('decodes valid escapes as before', async () => {
    const { status, data } = await anonClient().from('conformance_products').select('slug').eq('slug', 'zx9');
    expect(status).toBe(200);
    expect(data).toEqual([{ slug: 'zx9' }]);
    const escaped = await restFetch('/conformance%5Fproducts?select=slug&slug=eq.zx7');
    expect(await escaped.json()).toEqual([{ slug: 'zx7' }]);
  });
});

describe('NUL characters', () => {
  it('refuses a bare NUL in a select alias or name as a parse error (400 PGRST100)', async () => {
    for (const select of ['a%00b:slug', 'sl%00ug', 'slug::te%00xt']) {
      const response = await restFetch(`/conformance_products?select=${select}`);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body).toMatchObject({ code: 'PGRST100', hint: null });
      expect(body.message).toMatch(/^failed to parse select parameter/);
      expect(body.details).toContain('unexpected "\u0000"');
    }
  });

  it('cuts a quoted alias at the NUL, as PostgREST does', async () => {
    const response = await restFetch('/conformance_products?select=%22a%00b%22:slug&slug=eq.zx9');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([{ a: 'zx9' }]);
  });

  it('answers a NUL in a filter value with PostgreSQL\'s 22021 as a 400', async () => {
    const { status, error } = await anonClient().from('conformance_products').select('slug').eq('slug', 'a\u0000b');
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' });
  });
});

describe('deeply nested bodies', () => {
  it('refuses JSON nested deeper than the stand-in can re-encode with 400 PGRST102', async () => {
    const response = await restFetch('/rpc/conformance_add', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `{"a":1,"b":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 'PGRST102',
      message: 'Empty or invalid json',
      details: "The body nests arrays or objects more than 1000 levels deep (the local stand-in's limit)",
      hint: null,
    });
  });
});

describe('request bodies over the limit', () => {
  const headers = {
    apikey: env.SUPABASE_ANON_KEY,
    Authorization: `Bearer ${env.SUPABASE_SERVICE_ROLE_KEY}`,
    'Content-Type': 'application/json',
  };

  it('answers 413 with a readable message, and the same connection serves the next request', async () => {
    const tooLarge = JSON.stringify([{ slug: 'big', name: 'x'.repeat(10 * 1024 * 1024) }]);
    const [refused, next] = await sendInOrderOnOneConnection(env.SUPABASE_URL, [
      { method: 'POST', path: '/rest/v1/conformance_products', headers, body: tooLarge },
      { method: 'GET', path: '/rest/v1/conformance_products?select=slug&slug=eq.zx9', headers },
    ]);
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'LOCAL413', message: 'Request body too large (max 10485760 bytes)' });
    expect([refused.connection, next.connection]).toEqual([1, 1]);
    expect(next.status).toBe(200);
    expect(JSON.parse(next.body)).toEqual([{ slug: 'zx9' }]);
  });

  it('still takes a body just under the limit', async () => {
    const value = 'y'.repeat(9 * 1024 * 1024);
    const { status, error, data } = await anonClient().rpc('conformance_echo', { value });
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect((data as { value: string }).value).toHaveLength(value.length);
  });
});
