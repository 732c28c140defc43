// One request = one transaction, set up exactly as PostgREST does it: verified JWT → role and
// transaction-local GUCs, then the work, then the response GUCs a function may have set.
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import type { ApiContext } from '../context.ts';
import { isConnectionError } from '../database-health.ts';
import { bearerToken } from '../http.ts';
import { UnknownKeyError, verifyJwt, type TokenKeys } from '../jwt.ts';
import {
  databaseClientError, databaseConnectionError, fromDatabaseError, isDatabaseError, noSchemaCache, RestError, restError,
} from './errors.ts';
import { fingerprintSql, type SchemaCache, type SchemaCacheStore } from './schema-cache.ts';
import { quoteIdent } from './sql.ts';

export interface Identity {
  role: string;
  claims: Record<string, unknown>;
}

const apiRoles = new Set(['anon', 'authenticated', 'service_role']);

function invalidJwt(message: string): RestError {
  return new RestError(
    401,
    { code: 'PGRST301', message, details: null, hint: null },
    { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${message}"` },
  );
}

// Verified tokens, like PostgREST's JWT cache: a token's signature is checked once, its expiry on
// every request (an expired or not-yet-seen token goes through the full verification again).
// supabase-js sends the same anon key or session token on every request, and verifying it
// (base64, JSON, HMAC) was a measurable part of a simple read.
const verifiedTokens = new Map<string, { keys: TokenKeys; claims: Record<string, unknown> }>();
const verifiedTokensMax = 1000;

function cachedClaims(token: string, keys: TokenKeys): Record<string, unknown> | null {
  const entry = verifiedTokens.get(token);
  if (!entry || entry.keys !== keys) return null;
  const exp = entry.claims.exp;
  if (typeof exp === 'number' && exp <= Math.floor(Date.now() / 1000)) {
    verifiedTokens.delete(token);
    return null;
  }
  return entry.claims;
}

function rememberClaims(token: string, keys: TokenKeys, claims: Record<string, unknown>): void {
  // Only tokens whose validity is decided by exp alone (GoTrue's never carry nbf).
  if (claims.nbf !== undefined || (claims.exp !== undefined && typeof claims.exp !== 'number')) return;
  if (verifiedTokens.size >= verifiedTokensMax) verifiedTokens.clear();
  verifiedTokens.set(token, { keys, claims });
}

/**
 * Signature and expiry are checked on every request; any failure is a 401, never a fallback role.
 * ES256 tokens verify against the JWKS by kid, HS256 ones against the legacy secret (PostgREST
 * configured with Supabase's JWKS, which holds both). The gateway (gateway.ts) has already put the
 * JWT a `sb_` key stands for into Authorization.
 */
export async function authenticate(req: IncomingMessage, keys: TokenKeys): Promise<Identity> {
  const apikey = req.headers.apikey;
  const token = req.headers.authorization !== undefined ? bearerToken(req) ?? '' : typeof apikey === 'string' ? apikey : null;
  if (token === null) return { role: 'anon', claims: { role: 'anon' } };
  if (token === '') throw invalidJwt('Empty JWT is sent in Authorization header');
  const parts = token.split('.').length;
  if (parts !== 3) throw invalidJwt(`Expected 3 parts in JWT; got ${parts}`);
  let claims: Record<string, unknown>;
  const cached = cachedClaims(token, keys);
  if (cached) {
    claims = { ...cached };
  } else {
    try {
      claims = { ...(await verifyJwt(token, keys)) };
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw invalidJwt(
        code === 'ERR_JWT_EXPIRED'
          ? 'JWT expired'
          : error instanceof UnknownKeyError
            ? 'No suitable key or wrong key type'
            : 'JWT cryptographic operation failed',
      );
    }
    rememberClaims(token, keys, claims);
  }
  const role = typeof claims.role === 'string' ? claims.role : 'anon';
  if (!apiRoles.has(role)) {
    throw restError(403, '42501', `permission denied to set role "${role}"`, null,
      'The API only switches to anon, authenticated or service_role; the JWT role claim must be one of them.');
  }
  return { role, claims: { ...claims, role } };
}

export interface TransactionSettings {
  identity: Identity;
  readOnly: boolean;
  schema: string;
  searchPath: string[];
  method: string;
  path: string;
  headers: Record<string, string>;
  cookies: Record<string, string>;
}

/** The response GUCs as current_setting() returns them (null or '' when unset). */
export interface ResponseGucs {
  headers: string | null;
  status: string | null;
}

export interface WorkResult<T> {
  outcome: T;
  /** `Prefer: tx=rollback`: run everything, then roll back. */
  rollback: boolean;
  /** Set when the work's last statement already selected the response GUCs; otherwise they are read after it. */
  responseGucs?: ResponseGucs;
}

/** A function may set these GUCs to choose the response status and add headers. */
export interface ResponseOverrides {
  status: number | null;
  headers: Record<string, string>;
}

function readResponseOverrides(row: ResponseGucs): ResponseOverrides {
  let status: number | null = null;
  if (row.status) {
    status = Number(row.status);
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw restError(500, 'PGRST112', 'response.status guc must be a valid status code');
    }
  }
  const headers: Record<string, string> = {};
  if (row.headers) {
    const invalid = restError(500, 'PGRST111', 'response.headers guc must be a JSON array composed of objects with a single key and a string value');
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.headers);
    } catch {
      throw invalid;
    }
    if (!Array.isArray(parsed)) throw invalid;
    for (const entry of parsed) {
      const pairs = entry && typeof entry === 'object' ? Object.entries(entry as object) : [];
      if (pairs.length !== 1 || typeof pairs[0][1] !== 'string') throw invalid;
      headers[pairs[0][0]] = pairs[0][1];
    }
  }
  return { status, headers };
}

const retryableStates = new Set(['40001', '40P01']);
const maxAttempts = 3;

async function attempt<T>(
  client: pg.PoolClient,
  cacheStore: SchemaCacheStore,
  settings: TransactionSettings,
  work: (client: pg.PoolClient, cache: SchemaCache) => Promise<WorkResult<T>>,
): Promise<{ outcome: T; overrides: ResponseOverrides }> {
  await client.query(settings.readOnly ? 'begin isolation level read committed read only' : 'begin isolation level read committed');
  try {
    const checkSchema = cacheStore.needsCheck(settings.schema);
    const setup = await client.query<{ fingerprint?: string }>(
      `select set_config('search_path', $1, true), set_config('role', $2, true), set_config('request.jwt.claims', $3, true),
         set_config('request.method', $4, true), set_config('request.path', $5, true),
         set_config('request.headers', $6, true), set_config('request.cookies', $7, true)
         ${checkSchema ? `, ${fingerprintSql('$8')} as fingerprint` : ''}`,
      [
        settings.searchPath.map(quoteIdent).join(', '),
        settings.identity.role,
        JSON.stringify(settings.identity.claims),
        settings.method,
        settings.path,
        JSON.stringify(settings.headers),
        JSON.stringify(settings.cookies),
        ...(checkSchema ? [settings.schema] : []),
      ],
    );
    const cache = checkSchema
      ? await cacheStore.refresh(client, settings.schema, setup.rows[0].fingerprint ?? '')
      : cacheStore.cached(settings.schema);
    const { outcome, rollback, responseGucs } = await work(client, cache);
    const gucs = responseGucs ?? (await client.query<ResponseGucs>(
      `select current_setting('response.headers', true) as headers, current_setting('response.status', true) as status`,
    )).rows[0];
    const overrides = readResponseOverrides(gucs);
    await client.query(rollback ? 'rollback' : 'commit');
    return { outcome, overrides };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/**
 * Runs `work` in one transaction on a pooled `authenticator` connection; retries serialization
 * failures and schema-cache misses. While the database is away it fails at once with PostgREST's
 * 503s (never retried here: supabase-js retries idempotent requests itself on Retry-After).
 */
export async function runTransaction<T>(
  { restPool, schemaCache: cacheStore, database }: Pick<ApiContext, 'restPool' | 'schemaCache' | 'database'>,
  settings: TransactionSettings,
  work: (client: pg.PoolClient, cache: SchemaCache) => Promise<WorkResult<T>>,
): Promise<{ outcome: T; overrides: ResponseOverrides }> {
  const authenticated = settings.identity.role !== 'anon';
  let retriedMiss = false;
  for (let attemptNumber = 1; ; attemptNumber++) {
    let client: pg.PoolClient;
    try {
      client = await restPool.connect();
    } catch (error) {
      database.noteLost(error);
      throw cacheStore.isLoaded() ? databaseConnectionError(error instanceof Error ? error : new Error(String(error))) : noSchemaCache();
    }
    let broken: Error | undefined;
    try {
      return await attempt(client, cacheStore, settings, work);
    } catch (error) {
      if (isConnectionError(error)) {
        // The pool must not hand this client out again.
        broken = error;
        database.noteLost(error);
        if (!cacheStore.isLoaded()) throw noSchemaCache();
        throw isDatabaseError(error) ? fromDatabaseError(error, authenticated) : databaseClientError(error);
      }
      if (isDatabaseError(error)) {
        if (retryableStates.has(error.code ?? '') && attemptNumber < maxAttempts) continue;
        throw fromDatabaseError(error, authenticated);
      }
      if (error instanceof RestError && error.schemaMiss && !retriedMiss) {
        // The name may be newer than the cache: check the catalog and try once more.
        retriedMiss = true;
        cacheStore.invalidate(settings.schema);
        continue;
      }
      if (!(error instanceof RestError)) broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
