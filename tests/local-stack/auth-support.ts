// Shared helpers of the auth-*.test.ts conformance suite: supabase-js clients against the running
// stand-in, the mail viewer's JSON API, a postgres connection for fixtures, and extra stand-in
// instances with other Auth settings (same database, same keys) for config-dependent cases.
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { readSigningKeys, signingKeysPath } from '../../scripts/lib/env-file.ts';
import { profileFromArgs } from '../../scripts/lib/profile.ts';
import type { ExternalProvider } from '../../scripts/local-stack/api/auth/external-providers.ts';
import { readStandInConfig, type StandInConfig } from '../../scripts/local-stack/api/config.ts';
import { createApiContext } from '../../scripts/local-stack/api/context.ts';
import type { MailBox, MailMessage } from '../../scripts/local-stack/api/mail.ts';
import { apiKeysOf } from '../../scripts/local-stack/api/main.ts';
import { createApiServer } from '../../scripts/local-stack/api/server.ts';
import { stackEnv } from '../support/stack-env.ts';
import { createTestClient, realtime } from '../support/supabase-client.ts';

export const env = stackEnv();
export const API_VERSION_HEADERS = { 'X-Supabase-Api-Version': '2024-01-01', apikey: env.SUPABASE_PUBLISHABLE_KEY };

export function uniqueEmail(label: string): string {
  return `auth-test-${label}-${crypto.randomBytes(5).toString('hex')}@example.com`;
}

export const strongPassword = () => `pw-${crypto.randomBytes(6).toString('hex')}`;

// For @supabase/ssr clients built in the tests (supabase-js clients get it from createTestClient).
export { realtime };

export function anonClient(url = env.SUPABASE_URL): SupabaseClient {
  return createTestClient(env.SUPABASE_PUBLISHABLE_KEY, { url });
}

export function adminClient(url = env.SUPABASE_URL): SupabaseClient {
  return createTestClient(env.SUPABASE_SECRET_KEY, { url });
}

/** Mail sent to `to`, newest first, as the mail viewer's JSON API lists it. */
export async function mailTo(to: string): Promise<MailMessage[]> {
  const response = await fetch(`${env.MAIL_URL}/api/messages?to=${encodeURIComponent(to)}`);
  return (await response.json()) as MailMessage[];
}

/** Raw call to /auth/v1, for the parts of the contract supabase-js hides (status, codes, headers). */
export async function authFetch(path: string, init: { method?: string; body?: unknown; token?: string; baseUrl?: string } = {}) {
  const response = await fetch(`${init.baseUrl ?? env.SUPABASE_URL}/auth/v1${path}`, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: {
      ...API_VERSION_HEADERS,
      'Content-Type': 'application/json',
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { response, status: response.status, json: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
}

export async function withPostgres<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function countUsersWithEmail(email: string): Promise<number> {
  return withPostgres(async (db) => {
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from auth.users where email = $1', [email]);
    return rows[0].n;
  });
}

export interface AuthVariant {
  url: string;
  mail: MailBox;
  stop(): Promise<void>;
}

/** Another instance of the real stand-in on a free port, with some Auth settings changed. */
export async function startAuthVariant(
  overrides: Partial<StandInConfig['auth']>,
  /** OAuth providers the variant offers (none unless given). */
  externalProviders: ExternalProvider[] = [],
): Promise<AuthVariant> {
  // The stack's own limits unless a test sets others (the test stack raises config.toml's).
  const profile = profileFromArgs([`--profile=${process.env.STACK_PROFILE ?? 'test'}`]);
  const base = readStandInConfig(profile);
  const context = createApiContext({
    dbPort: Number(new URL(env.DATABASE_URL).port),
    jwtSecret: env.SUPABASE_JWT_SECRET,
    signingKeys: readSigningKeys(signingKeysPath(profile)),
    apiKeys: apiKeysOf(env),
    config: { ...base, auth: { ...base.auth, ...overrides } },
    apiUrl: '',
    externalProviders,
  });
  const server = createApiServer(context);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  context.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: context.apiUrl,
    mail: context.mail,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await Promise.all([context.restPool.end(), context.authPool.end()]);
    },
  };
}
