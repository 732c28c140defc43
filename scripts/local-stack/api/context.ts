// What every request handler of the stand-in shares: database pools connected as the roles the
// real services use, the database's health, the REST schema cache, Auth's rate limiters, the API
// keys and token keys, the config and the outgoing mail box.
import pg from 'pg';
import type { JWK } from 'jose';
import type { ExternalProvider } from './auth/external-providers.ts';
import { AuthRateLimiters } from './auth/rate-limits.ts';
import type { StandInConfig } from './config.ts';
import { DatabaseHealth } from './database-health.ts';
import { loadTokenKeys, type TokenKeys } from './jwt.ts';
import { MailBox } from './mail.ts';
import { SchemaCacheStore } from './rest/schema-cache.ts';

export interface ApiContext {
  /** Connected as `authenticator`, like PostgREST; each request switches role in its transaction. */
  restPool: pg.Pool;
  /** Connected as `supabase_auth_admin`, like GoTrue. */
  authPool: pg.Pool;
  /** Watches both pools: connection errors are logged once per incident, never thrown at the process. */
  database: DatabaseHealth;
  /** PostgREST's schema cache of the exposed schema; reloaded after the database was away. */
  schemaCache: SchemaCacheStore;
  /** Auth's per-IP request limits, in memory like GoTrue's (one instance, one set of buckets). */
  authRateLimits: AuthRateLimiters;
  /** The ES256 signing key, the published JWKS and the legacy HS256 secret. */
  tokenKeys: TokenKeys;
  /** The keys the gateway (gateway.ts) recognises in `apikey` / `Authorization`. */
  apiKeys: ApiKeys;
  /** Requests that reached the Auth routes since start (local-only, GET /_local/auth-requests). */
  authRequests: Map<string, number>;
  config: StandInConfig;
  /** OAuth providers by the name supabase-js passes (`custom:line`, `kakao`); none unless given. */
  externalProviders: Map<string, ExternalProvider>;
  mail: MailBox;
  /** Public base URL of the API, e.g. http://127.0.0.1:54321 (used in email links). */
  apiUrl: string;
}

export interface ApiKeys {
  publishable: string;
  secret: string;
  /** The legacy JWT keys: what the gateway forwards in their place (as `supabase start`'s Kong does). */
  anon: string;
  serviceRole: string;
}

export interface ApiContextOptions {
  dbPort: number;
  jwtSecret: string;
  /** Private JWKs in the CLI's signing_keys.json format. */
  signingKeys: JWK[];
  apiKeys: ApiKeys;
  config: StandInConfig;
  apiUrl: string;
  externalProviders?: ExternalProvider[];
}

export function createApiContext({ dbPort, jwtSecret, signingKeys, apiKeys, config, apiUrl, externalProviders = [] }: ApiContextOptions): ApiContext {
  // Idle connections stay a minute: a fresh one re-plans every function on first use.
  const base = { host: '127.0.0.1', port: dbPort, database: 'postgres', password: 'postgres', max: 20, idleTimeoutMillis: 60_000 };
  const database = new DatabaseHealth();
  const schemaCache = new SchemaCacheStore();
  // PostgREST reloads its schema cache whenever it reconnects: the schema may have changed meanwhile.
  database.onRecovered(() => schemaCache.reloadNext());
  return {
    restPool: database.watch(new pg.Pool({ ...base, user: 'authenticator', application_name: 'local-rest' })),
    authPool: database.watch(new pg.Pool({ ...base, user: 'supabase_auth_admin', application_name: 'local-auth' })),
    database,
    schemaCache,
    authRateLimits: new AuthRateLimiters(config.auth.rateLimit),
    tokenKeys: loadTokenKeys(signingKeys, jwtSecret),
    apiKeys,
    authRequests: new Map(),
    config,
    externalProviders: new Map(externalProviders.map((provider) => [provider.name, provider])),
    mail: new MailBox(),
    apiUrl,
  };
}
