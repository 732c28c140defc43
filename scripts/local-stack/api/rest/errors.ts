// Errors in PostgREST's shape ({code, message, details, hint}) and its SQLSTATE → HTTP mapping,
// so supabase-js callers see the same codes and statuses as against the real service.
import type { DatabaseError } from 'pg';
import { editDistance } from './fuzzy-set.ts';

/** PostgREST's ambiguity error lists the candidate relationships as objects in `details`. */
export type ErrorDetails = string | null | Array<Record<string, string>>;

export interface RestErrorBody {
  code: string;
  message: string;
  details: ErrorDetails;
  hint: string | null;
}

export class RestError extends Error {
  /** Set when the schema cache lacked a name: the request is retried once on a fresh cache. */
  schemaMiss = false;

  constructor(
    readonly status: number,
    readonly body: RestErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

export function restError(
  status: number,
  code: string,
  message: string,
  details: ErrorDetails = null,
  hint: string | null = null,
): RestError {
  return new RestError(status, { code, message, details, hint });
}

/** A name the schema cache does not know (table, column, function, relationship). */
export function schemaMiss(
  status: number,
  code: string,
  message: string,
  details: ErrorDetails = null,
  hint: string | null = null,
): RestError {
  const error = restError(status, code, message, details, hint);
  error.schemaMiss = true;
  return error;
}

/** Query-string syntax we cannot parse (PostgREST's PGRST100). */
export function parseError(message: string, details: string | null = null): RestError {
  return restError(400, 'PGRST100', message, details);
}

/** A PostgREST feature this stand-in deliberately does not implement: say so instead of guessing. */
export function unsupported(feature: string): RestError {
  return restError(
    501,
    'LOCAL501',
    `${feature} is not supported by the local API stand-in`,
    null,
    'The stand-in implements the PostgREST subset listed in scripts/local-stack/api/rest/index.ts; use `supabase start` for the rest.',
  );
}

/**
 * PostgreSQL's 42703 for `alias.column`, which PostgREST passes on, with the hint PostgreSQL adds
 * for a close column name (parse_relation.c: Levenshtein distance at most 3 and at most half the
 * name's length; a tie between two names names both, a tie between three names none).
 */
export function columnNotFound(alias: string, column: string, columns: string[] = []): RestError {
  return schemaMiss(400, '42703', `column ${alias}.${column} does not exist`, null, closeColumnHint(alias, column, columns));
}

function closeColumnHint(alias: string, wanted: string, columns: string[]): string | null {
  const halfLength = Math.floor(Buffer.byteLength(wanted) / 2);
  let best = 4;
  let first: string | null = null;
  let second: string | null = null;
  const wantedLength = Array.from(wanted).length;
  for (const column of columns) {
    // The distance is at least the difference in length: past the best so far it cannot count.
    if (Math.abs(Array.from(column).length - wantedLength) > best) continue;
    const distance = editDistance(column, wanted);
    if (distance > halfLength) continue;
    if (distance < best) {
      [best, first, second] = [distance, column, null];
    } else if (distance === best) {
      if (second !== null) [first, second] = [null, null];
      else if (first !== null) second = column;
    }
  }
  if (first === null) return null;
  const named = (column: string) => `the column "${alias}.${column}"`;
  return `Perhaps you meant to reference ${named(first)}${second === null ? '' : ` or ${named(second)}`}.`;
}

// PostgREST's answers when the database is away (Error.hs). Every 503 also carries Retry-After.

/** No connection could be opened (PostgREST's ConnectionUsageError). */
export function databaseConnectionError(cause: Error): RestError {
  return restError(503, 'PGRST000', 'Database connection error.', cause.message);
}

/** A pooled connection broke under the request (PostgREST's ClientError). */
export function databaseClientError(cause: Error): RestError {
  return restError(503, 'PGRST001', 'Database client error. Retrying the connection.', cause.message);
}

/** The schema cache was never loaded because the database could not be reached. */
export function noSchemaCache(): RestError {
  return restError(503, 'PGRST002', 'Could not query the database for the schema cache. Retrying.');
}

export function isDatabaseError(error: unknown): error is DatabaseError {
  return error instanceof Error && typeof (error as DatabaseError).code === 'string' && 'severity' in error;
}

function statusForSqlState(code: string, authenticated: boolean): number {
  if (code === '23503' || code === '23505') return 409;
  if (code === '25006') return 405;
  if (code === '42883' || code === '42P01') return 404;
  if (code === '42501') return authenticated ? 403 : 401;
  if (code === 'P0001') return 400;
  if (code.startsWith('PT')) {
    const status = Number(code.slice(2));
    return Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
  }
  if (code === '53400' || code === '42P17') return 500;
  // terminating connection due to administrator command (e.g. a restart of the database).
  if (code === '57P01') return 503;
  const byClass: Record<string, number> = {
    '08': 503, '09': 500, '0L': 403, '0P': 403, '25': 500, '28': 403, '2D': 500, '38': 500,
    '39': 500, '3B': 500, '40': 500, '53': 503, '54': 413, '55': 500, '57': 500, '58': 500,
    F0: 500, HV: 500, P0: 500, XX: 500,
  };
  return byClass[code.slice(0, 2)] ?? 400;
}

/** `authenticated` is true when the request runs as any role but anon (PostgREST's rule for 42501). */
export function fromDatabaseError(error: DatabaseError, authenticated: boolean): RestError {
  const code = error.code ?? 'XX000';
  const status = statusForSqlState(code, authenticated);
  const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
  return new RestError(
    status,
    { code, message: error.message, details: error.detail ?? null, hint: error.hint ?? null },
    headers,
  );
}
