// A small fuzz of the stand-in: malformed paths, queries, headers and bodies sent to /rest/v1,
// /auth/v1 and the mail viewer. None may answer 5xx (the one exception is LOCAL501, the named
// refusal of a PostgREST feature the stand-in does not implement), every JSON answer must say
// what was wrong, and the stand-in must still be up afterwards (an exception in a request
// callback used to take the whole process down).
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, createFixtures, createUser, dropFixtures, env, type TestUser } from './rest-fixtures.ts';
import { rawRequest } from './raw-http.ts';

interface Case {
  method?: string;
  /** Path and query, sent as written (fetch keeps percent-escapes, valid or not). */
  target: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Base URL when not the API (the mail viewer). */
  base?: string;
}

interface Outcome {
  label: string;
  status: number;
  body: string;
  contentType: string;
}

let user: TestUser;
let userToken: string;

beforeAll(async () => {
  await createFixtures();
  user = await createUser('fuzz');
  userToken = await accessToken(user.id, user.email);
});
afterAll(() => dropFixtures([user?.id].filter(Boolean)));

// Deterministic "random" bytes, so a failure can be replayed.
function* pseudoRandomBytes(seed: string): Generator<number> {
  let block = crypto.createHash('sha256').update(seed).digest();
  for (;;) {
    for (const byte of block) yield byte;
    block = crypto.createHash('sha256').update(block).digest();
  }
}

/** `count` strings of percent-escaped bytes, including NUL, high bytes and broken UTF-8. */
function escapedNoise(seed: string, count: number): string[] {
  const bytes = pseudoRandomBytes(seed);
  return Array.from({ length: count }, () => {
    const length = 1 + (bytes.next().value! % 6);
    return Array.from({ length }, () => `%${bytes.next().value!.toString(16).padStart(2, '0')}`).join('');
  });
}

const deepArray = '['.repeat(100_000) + ']'.repeat(100_000);
const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);

const badPaths = [
  '/rest/v1/%ZZ', '/rest/v1/%', '/rest/v1/%E0%A4%A', '/rest/v1/%00', '/rest/v1/conformance_products%00',
  '/rest/v1/%C0%AF', '/rest/v1/rpc/%ZZ', '/rest/v1/rpc/%00', '/rest/v1/rpc/', '/rest/v1/rpc', '/rest/v1//',
  '/rest/v1/a/b/c', '//rest/v1/conformance_products', '/rest/v1/..%2f..%2fetc', '/rest/v1x',
  '/auth/v1/%ZZ', '/auth/v1/admin/users/%ZZ', '/auth/v1/admin/users/%00', '/auth/v1/admin/users/',
  '/auth/v1/user%00', '/auth/v1/%E0%A4', '/%ZZ', '/', '/auth', '/rest',
];

const badQueries = [
  'select=%ZZ', 'select=%00', 'select=a%00b:slug', 'select=%22%00%22:slug', 'select=(((', 'select=)', 'select=*,',
  'select=slug::%00', 'select=slug::text%00', 'select=!inner', 'select=a(b(c(d(e))))', `select=${'x,'.repeat(3000)}x`,
  'select=conformance_product_images(%00)', 'select=%22', 'select=%22%22', 'select=...conformance_product_images(*)',
  'slug=eq.%ZZ', 'slug=eq.%00', 'slug=in.(%00', 'slug=in.(%22%00%22)', 'slug=%00', '%00=eq.1', 'slug%00=eq.1',
  'or=(', 'or=(slug.eq.1,', 'and=(%00)', 'not.or=x', 'or=(slug.%00.1)', 'order=%00', 'order=slug.%00',
  'order=slug.desc.nullsfirst.%00', 'limit=-1', 'limit=1e999', 'limit=99999999999999999999', 'offset=%ZZ',
  'offset=99999999999999999999', 'tags=cs.{%00}', 'tags=cs.%7B', 'name=fts(%00).x', 'name=fts(english%00).x',
  'name=like.%00*', 'slug=is.%00', 'price=gt.%00', 'price=gt.NaN', 'price=gt.1e999', 'id=eq.99999999999999999999',
  'conformance_product_images.limit=%00', 'conformance_product_images.order=%00', '%ZZ=%ZZ', '&&&', '=', '==',
  ...escapedNoise('query values', 20).map((noise) => `slug=eq.${noise}`),
  ...escapedNoise('query keys', 10).map((noise) => `${noise}=eq.1`),
  ...escapedNoise('select', 10).map((noise) => `select=${noise}`),
];

const badHeaders: Record<string, string>[] = [
  { Prefer: '%00' }, { Prefer: 'return=representation,count=%00,,,=' }, { Prefer: 'max-affected=-1' },
  { Accept: '%00/%00' }, { Accept: 'application/vnd.pgrst.object+json;nulls=%00' }, { Accept: 'text/csv' },
  { Accept: ',,,' }, { Range: '99999999999999999999-0' }, { Range: '-' }, { Range: '0-%00' }, { Range: '5-1' },
  { 'Accept-Profile': '%00' }, { 'Accept-Profile': 'auth' }, { Authorization: 'Bearer %00' },
  { Authorization: 'Bearer a.b.c' }, { Authorization: `Bearer ${'x'.repeat(8000)}` }, { Authorization: 'Basic eDp5' },
  { Authorization: 'Bearer' }, { apikey: '%00' }, { 'X-Supabase-Api-Version': '%00' }, { Cookie: '=;=;%00=%ZZ' },
  { 'X-Huge': 'h'.repeat(20_000) },
  Object.fromEntries(Array.from({ length: 150 }, (_, index) => [`x-many-${index}`, 'y'.repeat(100)])),
];

const badBodies: { body: string | Buffer; contentType?: string }[] = [
  { body: '{' }, { body: '{"slug":' }, { body: '[' }, { body: 'nul' }, { body: '"\\u0000"' },
  { body: '{"slug":"\\u0000","name":"n"}' }, { body: '{"slug":"a\\ud800","name":"n"}' }, { body: '{"slug":"a\u0000"}' },
  { body: Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d]) }, { body: deepArray }, { body: deepObject }, { body: '1e999' },
  { body: 'null' }, { body: 'true' }, { body: '[1,2]' }, { body: '[{"slug":"x","name":"y"},[]]' },
  { body: '{"__proto__":{"slug":"x"}}' }, { body: '{"constructor":{"prototype":1}}' }, { body: '' }, { body: '   ' },
  { body: '{"%00":1}' }, { body: '{"\\u0000":1}' }, { body: `{"name":"${'n'.repeat(2 * 1024 * 1024)}"}` },
  { body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' }, { body: 'plain', contentType: 'text/plain' },
  { body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nval', contentType: 'multipart/form-data; boundary=x' },
  { body: '{}', contentType: 'application/json; charset=%00' }, { body: '{}', contentType: 'application/json;;;=' },
  { body: '{}', contentType: '*/*' }, { body: '{}', contentType: '' }, { body: '{}', contentType: 'application/vnd.pgrst.object+json' },
];

const restBase = { apikey: env.SUPABASE_ANON_KEY };
const asUser = () => ({ ...restBase, Authorization: `Bearer ${userToken}`, Prefer: 'tx=rollback' });
const authBase = { apikey: env.SUPABASE_ANON_KEY, 'X-Supabase-Api-Version': '2024-01-01' };
const asService = { ...authBase, apikey: env.SUPABASE_SERVICE_ROLE_KEY, Authorization: `Bearer ${env.SUPABASE_SERVICE_ROLE_KEY}` };

function cases(): Case[] {
  const list: Case[] = [];
  for (const target of badPaths) {
    for (const method of ['GET', 'POST', 'DELETE']) list.push({ method, target, headers: { ...asService, 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
  }
  for (const query of badQueries) {
    list.push({ target: `/rest/v1/conformance_products?${query}`, headers: restBase });
    list.push({ method: 'PATCH', target: `/rest/v1/conformance_products?${query}`, headers: { ...asUser(), 'Content-Type': 'application/json' }, body: '{"name":"fuzz"}' });
    list.push({ target: `/rest/v1/rpc/conformance_search?term=x&${query}`, headers: restBase });
  }
  for (const headers of badHeaders) {
    list.push({ target: '/rest/v1/conformance_products?select=slug', headers: { ...restBase, ...headers } });
    list.push({ method: 'POST', target: '/rest/v1/conformance_products', headers: { ...asUser(), 'Content-Type': 'application/json', ...headers }, body: '{"slug":"x","name":"y"}' });
    list.push({ target: '/auth/v1/user', headers: { ...authBase, ...headers } });
  }
  for (const { body, contentType } of badBodies) {
    const type: Record<string, string> =
      contentType === undefined ? { 'Content-Type': 'application/json' } : contentType === '' ? {} : { 'Content-Type': contentType };
    for (const target of ['/rest/v1/conformance_products', '/rest/v1/rpc/conformance_echo', '/rest/v1/rpc/conformance_add']) {
      list.push({ method: 'POST', target, headers: { ...asUser(), ...type }, body });
    }
    list.push({ method: 'PATCH', target: '/rest/v1/conformance_products?slug=eq.zx9', headers: { ...asUser(), ...type }, body });
    for (const target of ['/auth/v1/signup', '/auth/v1/token?grant_type=password', '/auth/v1/token?grant_type=refresh_token', '/auth/v1/recover', '/auth/v1/verify', '/auth/v1/logout']) {
      list.push({ method: 'POST', target, headers: { ...authBase, ...type }, body });
    }
    list.push({ method: 'POST', target: '/auth/v1/admin/users', headers: { ...asService, ...type }, body });
    list.push({ method: 'PUT', target: `/auth/v1/admin/users/${crypto.randomUUID()}`, headers: { ...asService, ...type }, body });
  }
  for (const query of ['token=%ZZ&type=%00&redirect_to=%ZZ', 'type=signup&token=x&redirect_to=javascript:alert(1)', 'type=%00', 'token_hash=%00&type=recovery', '']) {
    list.push({ target: `/auth/v1/verify?${query}` , headers: authBase });
  }
  for (const query of ['grant_type=%ZZ', 'grant_type=%00', 'grant_type=', '']) list.push({ method: 'POST', target: `/auth/v1/token?${query}`, headers: authBase, body: '{}' });
  for (const query of ['page=%ZZ&per_page=-1', 'page=99999999999999999999', 'per_page=1e999', 'page=-5']) list.push({ target: `/auth/v1/admin/users?${query}`, headers: asService });
  list.push({ method: 'POST', target: '/auth/v1/logout?scope=%00', headers: { ...authBase, Authorization: `Bearer ${userToken}` } });
  list.push({ method: 'POST', target: '/auth/v1/signup', headers: { ...authBase, 'Content-Type': 'application/json' }, body: '{"email":{"$gt":""},"password":["x"]}' });
  list.push({ method: 'POST', target: '/auth/v1/signup?redirect_to=%ZZ', headers: { ...authBase, 'Content-Type': 'application/json' }, body: '{"email":"a\\u0000@example.com","password":"correct horse 1"}' });
  for (const target of ['/messages/%ZZ', '/api/messages/%ZZ', '/api/messages/%00', '/api/messages?to=%ZZ', '/%ZZ', '/messages/%E0%A4']) {
    list.push({ target, base: env.MAIL_URL });
  }
  return list;
}

async function send(request: Case): Promise<Outcome> {
  const label = `${request.method ?? 'GET'} ${request.base ? `[mail] ` : ''}${request.target.slice(0, 120)} ${JSON.stringify(request.headers ?? {}).slice(0, 80)} ${String(request.body ?? '').slice(0, 40)}`;
  try {
    const response = await fetch(`${request.base ?? env.SUPABASE_URL}${request.target}`, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: typeof request.body === 'string' || request.body === undefined ? request.body : new Blob([new Uint8Array(request.body)]),
      redirect: 'manual',
    });
    return { label, status: response.status, body: await response.text(), contentType: response.headers.get('content-type') ?? '' };
  } catch (error) {
    // No answer at all (a reset connection, the server gone) counts as the worst outcome.
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { label, status: 0, body: `${String(error)}${cause}`, contentType: '' };
  }
}

/** A 5xx that is not LOCAL501, or a JSON error that does not say what went wrong. */
function problem(outcome: Outcome): string | null {
  let json: Record<string, unknown> | null = null;
  if (outcome.contentType.startsWith('application/json') || outcome.contentType.startsWith('application/vnd.pgrst')) {
    try {
      json = JSON.parse(outcome.body) as Record<string, unknown>;
    } catch {
      return `unreadable JSON: ${outcome.body.slice(0, 200)}`;
    }
  }
  if (outcome.status === 501 && json?.code === 'LOCAL501') return null;
  if (outcome.status >= 500 || outcome.status === 0) return `status ${outcome.status}: ${outcome.body.slice(0, 200)}`;
  if (outcome.status >= 400 && json && typeof (json.message ?? json.msg) !== 'string') return `no message: ${outcome.body.slice(0, 200)}`;
  return null;
}

describe('malformed requests', () => {
  it('never get a 5xx, and every JSON error says what was wrong', { timeout: 180_000 }, async () => {
    const all = cases();
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    // A few at a time: quick, and still some concurrency on the database pool.
    for (let index = 0; index < all.length; index += 8) {
      const outcomes = await Promise.all(all.slice(index, index + 8).map(send));
      for (const outcome of outcomes) {
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        const found = problem(outcome);
        if (found) problems.push(`${outcome.label} → ${found}`);
      }
    }
    expect(problems).toEqual([]);
    // Most of these are refusals; the batch is useless if it never reached the handlers.
    expect([...statuses.keys()].filter((status) => status >= 400).length).toBeGreaterThan(3);
    expect(all.length).toBeGreaterThan(500);
  });

  it('answer request lines fetch would never send with a 4xx', async () => {
    const lines = [
      'GET //[ HTTP/1.1\r\nHost: x', 'GET * HTTP/1.1\r\nHost: x', 'GET http://[ HTTP/1.1\r\nHost: x',
      'GET /rest/v1/\u0000 HTTP/1.1\r\nHost: x', 'GET /rest/v1/conformance_products HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b',
      'GET /auth/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: -1', 'POST /rest/v1/rpc/conformance_echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc',
    ];
    for (const base of [env.SUPABASE_URL, env.MAIL_URL]) {
      for (const line of lines) {
        const { status, text } = await rawRequest(base, line);
        expect(status, `${line} → ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(status, `${line} → ${text.slice(0, 200)}`).toBeLessThan(500);
      }
    }
  });

  it('leave the stand-in and the mail viewer up', async () => {
    expect((await fetch(`${env.SUPABASE_URL}/auth/v1/health`, { headers: authBase })).status).toBe(200);
    expect((await fetch(`${env.SUPABASE_URL}/rest/v1/conformance_products?select=slug&slug=eq.zx9`, { headers: restBase })).status).toBe(200);
    expect((await fetch(`${env.MAIL_URL}/api/messages`)).status).toBe(200);
  });
});
