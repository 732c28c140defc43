// Shared by the attacks-*.test.ts files: real users made through Auth (supabase-js signUp and
// signInAnonymously, real sessions), a postgres connection for fixtures and for checking that
// nothing changed, and the expectation helpers every attack uses. The service role and postgres
// are used only to set up and to look; every attack goes through the API as the attacker.
import crypto from 'node:crypto';
import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { expect } from 'vitest';
import { stackEnv } from '../support/stack-env.ts';
import { createTestClient } from '../support/supabase-client.ts';

export const env = stackEnv();
export const tag = `atk${crypto.randomBytes(4).toString('hex')}`;
export const password = () => `Pw-${crypto.randomBytes(8).toString('hex')}`;

export function uniqueEmail(label: string): string {
  return `${tag}-${label}-${crypto.randomBytes(4).toString('hex')}@attack.test`;
}

export function anonClient(): SupabaseClient {
  return createTestClient(env.SUPABASE_PUBLISHABLE_KEY);
}

export function serviceClient(): SupabaseClient {
  return createTestClient(env.SUPABASE_SECRET_KEY);
}

export function openAdminDb(): pg.Client {
  return new pg.Client({ connectionString: env.DATABASE_URL });
}

export interface Actor {
  id: string;
  email: string | null;
  /** A client holding this user's session (supabase-js keeps it in memory). */
  client: SupabaseClient;
  accessToken: string;
}

/** A real email signup through Auth; fails the test unless it answers with a session. */
export async function signUp(label: string, data: Record<string, unknown> = {}): Promise<Actor> {
  const client = anonClient();
  const email = uniqueEmail(label);
  const { data: result, error } = await client.auth.signUp({ email, password: password(), options: { data } });
  expect(error).toBeNull();
  expect(result.session).not.toBeNull();
  return { id: result.user!.id, email, client, accessToken: result.session!.access_token };
}

/** A real guest (anonymous user) through Auth. */
export async function signInAsGuest(): Promise<Actor> {
  const client = anonClient();
  const { data, error } = await client.auth.signInAnonymously();
  expect(error).toBeNull();
  return { id: data.user!.id, email: null, client, accessToken: data.session!.access_token };
}

/** The call was refused with this SQLSTATE (PostgREST's `code`) and HTTP status. */
export function expectRefused(
  result: { error: PostgrestError | null; status: number; data?: unknown },
  code: string,
  status: number,
): void {
  expect(result.error, `expected ${code}/${status}, got data ${JSON.stringify(result.data)}`).not.toBeNull();
  expect({ code: result.error!.code, status: result.status }).toEqual({ code, status });
}

/** The call succeeded and touched nothing the caller could see (RLS filtered every row). */
export function expectNoRows(result: { error: PostgrestError | null; data: unknown; count?: number | null }): void {
  expect(result.error).toBeNull();
  expect(result.data ?? []).toEqual([]);
  if (result.count !== undefined && result.count !== null) expect(result.count).toBe(0);
}

export async function deleteTaggedUsers(db: pg.Client): Promise<void> {
  await db.query(`delete from public.orders where user_id in (select id from auth.users where email like $1)`, [`${tag}-%`]);
  await db.query(`delete from auth.users where email like $1`, [`${tag}-%`]);
}
