// The API stand-in outlives its database. The cluster of the stack under test is stopped and
// started, then restarted the way a crash ends it, under the running stand-in. While the
// database is away REST answers PostgREST's 503 and Auth GoTrue's 500 `unexpected_failure` at
// once (no hang, no crash), what needs no database keeps answering (mail viewer, Auth settings),
// and both APIs work again within seconds of the database being back, with nobody restarting
// the stand-in.
//
// Runs on its own (tests/resilience/vitest.config.ts, a step of `npm test` after the main vitest
// run): restarting the database would break every test running at the same time.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClusterRunning, restartCluster, startCluster, stopCluster } from '../../scripts/lib/cluster.ts';
import { profileFromArgs } from '../../scripts/lib/profile.ts';
import { stackEnv } from '../support/stack-env.ts';
import { createTestClient } from '../support/supabase-client.ts';

const profile = profileFromArgs([`--profile=${process.env.STACK_PROFILE ?? 'test'}`]);
const env = stackEnv();
/** Longer than any answer may take: a request still open by then is a hang. */
const answerWithinMs = 3000;
/** From the database accepting connections again to both APIs working. */
const recoverWithinMs = 5000;

const fetchOrTimeout: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(answerWithinMs) });

function anonClient(): SupabaseClient {
  return createTestClient(env.SUPABASE_ANON_KEY, { global: { fetch: fetchOrTimeout } });
}

/** A catalog read through supabase-js, without its automatic retries of 503s. */
async function readCategories() {
  return anonClient().from('categories').select('slug').limit(1).retry(false);
}

async function raw(path: string, init: RequestInit = {}) {
  const response = await fetchOrTimeout(`${env.SUPABASE_URL}${path}`, {
    ...init,
    headers: { apikey: env.SUPABASE_ANON_KEY, 'X-Supabase-Api-Version': '2024-01-01', 'Content-Type': 'application/json' },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
}

async function bothApisWork(): Promise<boolean> {
  try {
    const [rest, auth] = await Promise.all([readCategories(), anonClient().auth.signInAnonymously()]);
    return rest.error === null && auth.error === null;
  } catch {
    return false;
  }
}

/** Milliseconds until REST and Auth both answer successfully again. */
async function timeUntilBothWork(limitMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (await bothApisWork()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Infinity;
}

/** Puts idle connections into both pools: the ones a restart breaks under the stand-in. */
async function warmUp(): Promise<void> {
  for (let round = 0; round < 3; round++) expect(await bothApisWork()).toBe(true);
}

/** While the database is stopped: each API answers at once, in its real service's shape. */
async function expectAnswersWithoutDatabase(): Promise<void> {
  const rest = await readCategories();
  expect(rest.status).toBe(503);
  // PGRST000 when no connection can be opened, PGRST001 when a pooled one broke under the request.
  expect(rest.error?.code).toMatch(/^PGRST00[01]$/);
  expect(['Database connection error.', 'Database client error. Retrying the connection.']).toContain(rest.error?.message);
  const restRaw = await raw('/rest/v1/categories?select=slug');
  expect(restRaw.status).toBe(503);
  expect(restRaw.headers.get('retry-after')).toBe('0');

  // supabase-js turns every 5xx from Auth into a retryable fetch error without a code.
  const auth = await anonClient().auth.signInAnonymously();
  expect(auth.error?.name).toBe('AuthRetryableFetchError');
  expect(auth.error?.status).toBe(500);
  const authRaw = await raw('/auth/v1/signup', { method: 'POST', body: '{}' });
  expect(authRaw.status).toBe(500);
  expect(authRaw.json).toEqual({ code: 'unexpected_failure', message: expect.any(String) });
  expect(authRaw.headers.get('x-sb-error-code')).toBe('unexpected_failure');

  // What needs no database keeps working.
  expect((await raw('/auth/v1/health')).status).toBe(200);
  expect((await raw('/auth/v1/settings')).status).toBe(200);
  expect((await fetchOrTimeout(`${env.MAIL_URL}/api/messages`)).status).toBe(200);
}

describe('the API stand-in when its database restarts', () => {
  beforeAll(() => {
    if (profile.name === 'dev') throw new Error('The resilience suite restarts the database: run it on the test stack or a scratch one.');
    if (!isClusterRunning(profile)) throw new Error(`The ${profile.name} database is not running: start the stack first.`);
  });

  afterAll(async () => {
    // Leave the stack as we found it, even when a test failed half-way.
    if (!isClusterRunning(profile)) await startCluster(profile);
  });

  it('answers at once while the database is stopped and works again within seconds of its start', async () => {
    await warmUp();
    stopCluster(profile);
    try {
      await expectAnswersWithoutDatabase();
    } finally {
      await startCluster(profile);
    }
    expect(await timeUntilBothWork(recoverWithinMs)).toBeLessThan(recoverWithinMs);
  });

  it.each(['fast', 'immediate'] as const)('recovers by itself from a restart in %s mode', async (mode) => {
    await warmUp();
    restartCluster(profile, mode);
    expect(await timeUntilBothWork(recoverWithinMs)).toBeLessThan(recoverWithinMs);
    expect((await fetchOrTimeout(`${env.MAIL_URL}/api/messages`)).status).toBe(200);
  });
});
