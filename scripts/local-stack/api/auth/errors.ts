// GoTrue's error contract: an HTTP status plus a stable snake_case code that supabase-js exposes
// as `error.code` (and, for weak passwords, the reasons).
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';

export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra top-level fields of the error body, e.g. `weak_password`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const API_VERSION = '2024-01-01';

/**
 * Clients that announce API version 2024-01-01 (every supabase-js v2 release since) get
 * `{code, message}`; older ones get GoTrue's legacy `{code: status, error_code, msg}`.
 */
export function sendAuthError(res: ServerResponse, error: AuthError, requestApiVersion: string | undefined): void {
  const body =
    requestApiVersion && requestApiVersion >= API_VERSION
      ? { code: error.code, message: error.message, ...error.extra }
      : { code: error.status, error_code: error.code, msg: error.message, ...error.extra };
  sendJson(res, error.status, body, { 'x-sb-error-code': error.code });
}

export const invalidCredentials = () => new AuthError(400, 'invalid_credentials', 'Invalid login credentials');

export const validationFailed = (message: string) => new AuthError(422, 'validation_failed', message);

/** A database failure the caller cannot fix; handleAuth logs the cause, which is never sent. */
export function databaseFailure(message: string, cause: unknown): AuthError {
  const error = new AuthError(500, 'unexpected_failure', message);
  error.cause = cause;
  return error;
}

/**
 * GoTrue's answer to an error no handler wrapped, e.g. the database being away in the middle of a
 * request (it has no 503: every database failure is a 500 `unexpected_failure`).
 */
export function unexpectedFailure(cause: unknown): AuthError {
  return databaseFailure('Unexpected failure, please check server logs for more information', cause);
}
