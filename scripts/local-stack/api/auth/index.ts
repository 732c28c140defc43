// /auth/v1: the subset of GoTrue (Supabase Auth) that supabase-js and @supabase/ssr use.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from '../context.ts';
import { isConnectionError } from '../database-health.ts';
import { BodyTooLargeError, sendJson } from '../http.ts';
import { decodePathSegment, malformedEscape } from '../url.ts';
import { API_VERSION, AuthError, sendAuthError, unexpectedFailure } from './errors.ts';
import { authorize, callback } from './handlers/external.ts';
import { adminCreateUser, adminDeleteUser, adminGetUser, adminListUsers, adminUpdateUser } from './handlers/admin.ts';
import { health, jwks, settings } from './handlers/meta.ts';
import { recover } from './handlers/recover.ts';
import { signup } from './handlers/signup.ts';
import { token } from './handlers/token.ts';
import { getUser, logout, updateUser } from './handlers/user.ts';
import { verifyLink, verifyPost } from './handlers/verify.ts';
import type { AuthReply, AuthRequest } from './request.ts';

type Handler = (request: AuthRequest) => Promise<AuthReply>;

const routes: [method: string, path: RegExp, handler: Handler][] = [
  ['POST', /^\/signup$/, signup],
  ['POST', /^\/token$/, token],
  ['GET', /^\/user$/, getUser],
  ['PUT', /^\/user$/, updateUser],
  ['POST', /^\/logout$/, logout],
  ['POST', /^\/recover$/, recover],
  ['POST', /^\/verify$/, verifyPost],
  ['GET', /^\/verify$/, verifyLink],
  ['GET', /^\/admin\/users$/, adminListUsers],
  ['POST', /^\/admin\/users$/, adminCreateUser],
  ['GET', /^\/admin\/users\/([^/]+)$/, adminGetUser],
  ['PUT', /^\/admin\/users\/([^/]+)$/, adminUpdateUser],
  ['DELETE', /^\/admin\/users\/([^/]+)$/, adminDeleteUser],
  ['GET', /^\/authorize$/, authorize],
  ['GET', /^\/callback$/, callback],
  ['POST', /^\/callback$/, callback],
  ['GET', /^\/settings$/, settings],
  ['GET', /^\/health$/, health],
  ['GET', /^\/\.well-known\/jwks\.json$/, jwks],
];

function route(method: string, path: string): { handler: Handler; params: string[] } {
  const matching = routes.filter(([, pattern]) => pattern.test(path));
  if (matching.length === 0) {
    throw new AuthError(404, 'not_found', `The local Auth stand-in has no endpoint ${path}`);
  }
  const found = matching.find(([routeMethod]) => routeMethod === method);
  if (!found) throw new AuthError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
  const [, pattern, handler] = found;
  return { handler, params: (pattern.exec(path) ?? []).slice(1).map(decodePathSegment) };
}

/**
 * Go's net/http refuses a path with a broken percent-escape before GoTrue sees the request, with
 * a bare `400 Bad Request`; the stand-in answers the same status in GoTrue's JSON error shape.
 */
function refuseMalformedPath(path: string): void {
  const escape = malformedEscape(path);
  if (escape) throw new AuthError(400, 'validation_failed', `invalid URL escape "${escape}" in the request path`);
}

export async function handleAuth(req: IncomingMessage, res: ServerResponse, url: URL, context: ApiContext): Promise<void> {
  res.setHeader('X-Supabase-Api-Version', API_VERSION);
  const requestApiVersion = req.headers['x-supabase-api-version'];
  try {
    const path = url.pathname.slice('/auth/v1'.length) || '/';
    refuseMalformedPath(path);
    const { handler, params } = route(req.method ?? 'GET', path);
    const reply = await handler({ req, url, context, params });
    if (reply.status === 204 || reply.status === 302 || reply.status === 303) {
      res.writeHead(reply.status, reply.headers ?? {}).end();
    } else {
      sendJson(res, reply.status, reply.body, reply.headers);
    }
  } catch (error) {
    const authError = error instanceof AuthError ? error : isConnectionError(error) ? unexpectedFailure(error) : null;
    if (!authError) throw error;
    if (authError.cause instanceof BodyTooLargeError) {
      if (authError.cause.closeConnection) res.setHeader('Connection', 'close');
    } else if (authError.cause !== undefined) logCause(authError, context);
    sendAuthError(res, authError, typeof requestApiVersion === 'string' ? requestApiVersion : undefined);
  }
}

/** A lost database is logged once per incident (database-health.ts), anything else every time. */
function logCause(error: AuthError, context: ApiContext): void {
  if (isConnectionError(error.cause)) context.database.noteLost(error.cause);
  else console.error(`[auth] ${error.message}:`, error.cause);
}
