// /rest/v1/rpc through supabase-js: argument passing, result shapes, read-only transactions,
// custom statuses and headers, and PostgREST's errors for calls that cannot be resolved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createFixtures, dropFixtures, env, restFetch, serviceClient } from './rest-fixtures.ts';

const supabase = anonClient();

beforeAll(createFixtures);
afterAll(() => dropFixtures());

describe('arguments', () => {
  it('passes named arguments and uses defaults for the rest', async () => {
    expect(await supabase.rpc('conformance_add', { a: 2, b: 40 })).toMatchObject({ data: 42, error: null, status: 200 });
    expect((await supabase.rpc('conformance_add', { a: 2 })).data).toBe(3);
  });

  it('passes the whole body to a single unnamed json parameter', async () => {
    const { data } = await supabase.rpc('conformance_echo', { any: ['shape', { at: 'all' }] });
    expect(data).toEqual({ any: ['shape', { at: 'all' }] });
  });

  it('passes query parameters as arguments on GET', async () => {
    const { data, error } = await supabase.rpc('conformance_add', { a: 5, b: 6 }, { get: true });
    expect(error).toBeNull();
    expect(data).toBe(11);
  });

  it('answers an unknown function or argument with 404 PGRST202', async () => {
    const missing = await supabase.rpc('conformance_nope', { x: 1 });
    expect(missing.status).toBe(404);
    expect(missing.error).toMatchObject({
      code: 'PGRST202',
      message: 'Could not find the function public.conformance_nope(x) in the schema cache',
    });
    const wrongArgument = await supabase.rpc('conformance_add', { a: 1, c: 2 });
    expect(wrongArgument.status).toBe(404);
    expect(wrongArgument.error?.code).toBe('PGRST202');
  });
});

describe('result shapes', () => {
  it('returns set results as arrays that take filters, order, limit, select and embeds', async () => {
    const { data, error, count } = await supabase
      .rpc('conformance_search', { term: 'speaker' }, { count: 'exact' })
      .select('slug, category:conformance_categories(slug)')
      .gt('stock', 0)
      .order('slug', { ascending: false })
      .limit(1);
    expect(error).toBeNull();
    expect(count).toBe(2);
    expect(data).toEqual([{ slug: 'zx9', category: { slug: 'speakers' } }]);
  });

  it('filters set results on GET, where non-argument keys are filters', async () => {
    const response = await restFetch('/rpc/conformance_search?term=xx&slug=like.*one&select=slug');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([{ slug: 'xx99-mark-one' }]);
  });

  it('returns scalar sets as arrays and void as 204', async () => {
    expect((await supabase.rpc('conformance_numbers', { n: 3 })).data).toEqual([1, 2, 3]);
    const empty = await supabase.rpc('conformance_void');
    expect(empty).toMatchObject({ data: null, error: null, status: 204 });
  });

  it('honours response.status and response.headers set by the function', async () => {
    const response = await restFetch('/rpc/conformance_respond', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-conformance')).toBe('yes');
    expect(await response.json()).toEqual({ accepted: true });
  });
});

describe('transactions', () => {
  it('runs GET and stable functions read-only, volatile POSTs read-write', async () => {
    expect((await supabase.rpc('conformance_read_only_stable')).data).toBe('on');
    expect((await supabase.rpc('conformance_read_only_volatile')).data).toBe('off');
    expect((await supabase.rpc('conformance_read_only_volatile', {}, { get: true })).data).toBe('on');
    const write = await serviceClient().rpc('conformance_restock', { product_slug: 'zx7', amount: 2 }, { get: true });
    expect(write.status).toBe(405);
    expect(write.error?.code).toBe('25006');
    const posted = await serviceClient().rpc('conformance_restock', { product_slug: 'zx7', amount: 2 });
    expect(posted.data).toBe(3);
  });

  it('retries a serialization failure like PostgREST', async () => {
    const { data, error } = await supabase.rpc('conformance_flaky');
    expect(error).toBeNull();
    expect(Number(data) % 3).toBe(0);
  });
});

describe('errors raised by functions', () => {
  it('maps PTxyz to HTTP xyz and P0001 to 400, with the raised details', async () => {
    const service = serviceClient();
    const payment = await service.rpc('conformance_fail', { code: 'PT402' });
    expect(payment.status).toBe(402);
    expect(payment.error).toEqual({ code: 'PT402', message: 'Conformance failure', details: 'on purpose', hint: 'none' });
    const raised = await service.rpc('conformance_fail', { code: 'P0001' });
    expect(raised.status).toBe(400);
    const conflict = await service.rpc('conformance_fail', { code: '23505' });
    expect(conflict.status).toBe(409);
  });

  it('answers a function anon may not execute with 401', async () => {
    const { error, status } = await supabase.rpc('conformance_fail', { code: 'P0001' });
    expect(status).toBe(401);
    expect(error?.code).toBe('42501');
  });

  it('refuses other methods on RPC with 405 PGRST101', async () => {
    const response = await fetch(`${env.SUPABASE_URL}/rest/v1/rpc/conformance_void`, { method: 'PATCH' });
    expect(response.status).toBe(405);
    expect((await response.json()).code).toBe('PGRST101');
  });
});
