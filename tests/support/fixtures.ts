// Test fixtures that go under the API: users inserted into auth.users in the shape GoTrue
// writes (so every trigger on it fires as in production), access tokens signed with the
// stack's signing key (ES256, as Auth issues them), and supabase-js clients and API-shaped SQL connections acting as a user.
// One place for what the race, crash and attack tests used to spell out each on its own.
import crypto from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { signAccessToken } from '../../scripts/local-stack/api/jwt.ts';
import { databaseUrl, profileFromArgs } from '../../scripts/lib/profile.ts';
import { stackEnv, stackTokenKeys } from './stack-env.ts';
import { createTestClient } from './supabase-client.ts';

/** The stack the tests run against (STACK_PROFILE, default `test`). */
export const testProfile = profileFromArgs([`--profile=${process.env.STACK_PROFILE ?? 'test'}`]);

/** Connection string as postgres (Studio's role) or as another role of the stack. */
export function testDatabaseUrl(user = 'postgres'): string {
  return databaseUrl(testProfile, user);
}

/** Confirmed email users, inserted as GoTrue inserts them; returns their ids in order. */
export async function createAuthUsers(db: pg.Client, emails: string[], metadata: Record<string, unknown> = {}): Promise<string[]> {
  const ids = emails.map(() => crypto.randomUUID());
  await db.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
       raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
       confirmation_token, recovery_token, email_change_token_new, email_change)
     select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email, '', now(),
            '{"provider":"email","providers":["email"]}', $3, now(), now(), '', '', '', ''
       from unnest($1::uuid[], $2::text[]) as u(id, email)`,
    [ids, emails, JSON.stringify(metadata)],
  );
  return ids;
}

/** A short-lived access token for `userId`, as Auth would issue it. */
export async function accessTokenFor(userId: string, claims: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return signAccessToken(
    { sub: userId, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 600, session_id: crypto.randomUUID(), ...claims },
    stackTokenKeys(),
  );
}

/** supabase-js acting as `userId` through the running API. */
export async function clientFor(userId: string): Promise<SupabaseClient> {
  const token = await accessTokenFor(userId);
  return createTestClient(stackEnv().SUPABASE_PUBLISHABLE_KEY, { global: { headers: { Authorization: `Bearer ${token}` } } });
}

/** A connection inside BEGIN as `userId`, the way the REST server runs a request. */
export async function openAsUser(userId: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testDatabaseUrl('authenticator') });
  await client.connect();
  await client.query('begin');
  await client.query('set local role authenticated');
  await client.query(`select set_config('request.jwt.claims', $1, true)`, [
    JSON.stringify({ sub: userId, role: 'authenticated', aud: 'authenticated' }),
  ]);
  return client;
}
