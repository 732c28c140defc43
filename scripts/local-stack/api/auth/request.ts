// What every Auth handler needs from a request: its JSON body checked against a schema, and
// who is calling (a user with a live session, or the service role).
import type { IncomingMessage } from 'node:http';
import { errors as joseErrors, type JWTPayload } from 'jose';
import type { z } from 'zod';
import type { ApiContext } from '../context.ts';
import { BodyTooLargeError, bearerToken, readBody } from '../http.ts';
import { nestsDeeperThan } from '../json-depth.ts';
import { UnknownKeyError, verifyJwt } from '../jwt.ts';
import { AuthError, validationFailed } from './errors.ts';
import { findUserById, type UserRow } from './users.ts';

export interface AuthRequest {
  req: IncomingMessage;
  url: URL;
  context: ApiContext;
  /** Captures of the route pattern, e.g. the user id of /admin/users/:id. */
  params: string[];
}

export interface AuthReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

// GoTrue wraps every body in http.MaxBytesReader(1 << 20) (limitRequestBody in api.go) and
// answers more with 413 request_entity_too_large (retrieveRequestParams in helpers.go).
const bodyLimitBytes = 1 << 20;

export async function readJson<Schema extends z.ZodType>(request: AuthRequest, schema: Schema): Promise<z.infer<Schema>> {
  const text = await readBody(request.req, bodyLimitBytes).catch((error: unknown) => {
    if (!(error instanceof BodyTooLargeError)) throw error;
    const tooLarge = new AuthError(413, 'request_entity_too_large', error.message);
    // handleAuth closes the connection when the body went on past what readBody drains.
    tooLarge.cause = error;
    throw tooLarge;
  });
  let parsed: unknown = {};
  // Go's decoder refuses deep nesting with this message (at 10,000 levels; see json-depth.ts).
  if (nestsDeeperThan(text)) throw new AuthError(400, 'bad_json', 'Could not parse request body as JSON: exceeded max depth');
  if (text.trim()) {
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new AuthError(400, 'bad_json', `Could not parse request body as JSON: ${(error as Error).message}`);
    }
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw validationFailed(`${where}${issue.message}`);
  }
  return result.data;
}

/**
 * The parameters of a provider's redirect back: the query, or for a POST (response_mode
 * form_post) the form body, as GoTrue's oAuthCallback reads them.
 */
export async function readFormOrQuery(request: AuthRequest): Promise<URLSearchParams> {
  if (request.req.method !== 'POST') return request.url.searchParams;
  const text = await readBody(request.req, bodyLimitBytes).catch((error: unknown) => {
    if (!(error instanceof BodyTooLargeError)) throw error;
    const tooLarge = new AuthError(413, 'request_entity_too_large', error.message);
    tooLarge.cause = error;
    throw tooLarge;
  });
  const form = new URLSearchParams(text);
  // Go's ParseForm merges the query in; the form's values come first.
  for (const [key, value] of request.url.searchParams) if (!form.has(key)) form.set(key, value);
  return form;
}

async function verifiedClaims(request: AuthRequest): Promise<JWTPayload> {
  const token = bearerToken(request.req);
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a Bearer token');
  try {
    return await verifyJwt(token, request.context.tokenKeys);
  } catch (error) {
    // golang-jwt's wording, as GoTrue passes it on.
    const reason =
      error instanceof joseErrors.JWTExpired
        ? 'token has invalid claims: token is expired'
        : error instanceof UnknownKeyError
          ? `token is unverifiable: error while executing keyfunc: ${error.message}`
          : 'signature is invalid';
    throw new AuthError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${reason}`);
  }
}

export interface CallingUser {
  user: UserRow;
  sessionId: string;
}

/** A user's access token whose session still exists: logging out invalidates it at once. */
export async function requireUser(request: AuthRequest): Promise<CallingUser> {
  const claims = await verifiedClaims(request);
  if (typeof claims.sub !== 'string' || !claims.sub) {
    throw new AuthError(403, 'bad_jwt', 'invalid claim: missing sub claim');
  }
  const sessionId = claims.session_id;
  if (typeof sessionId !== 'string') {
    throw new AuthError(403, 'bad_jwt', 'invalid claim: missing session_id claim');
  }
  const { rows } = await request.context.authPool.query<{ user_id: string }>(
    'select user_id from auth.sessions where id = $1 and (not_after is null or not_after > now())',
    [sessionId],
  );
  if (rows.length === 0 || rows[0].user_id !== claims.sub) {
    throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
  }
  const user = await findUserById(request.context.authPool, claims.sub);
  if (!user) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
  return { user, sessionId };
}

/** The admin API is for the service_role key (scripts and tests), never for users. */
export async function requireServiceRole(request: AuthRequest): Promise<void> {
  const claims = await verifiedClaims(request);
  if (claims.role !== 'service_role' && claims.role !== 'supabase_admin') {
    throw new AuthError(403, 'not_admin', 'User not allowed');
  }
}
