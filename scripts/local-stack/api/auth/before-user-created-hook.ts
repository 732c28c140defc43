// Supabase's "before user created" Auth hook with a Postgres function
// ([auth.hook.before_user_created] uri = "pg-functions://postgres/<schema>/<function>").
// Called as supabase_auth_admin with the event GoTrue sends, before the user's transaction; an
// `{"error": {"http_code", "message"}}` answer rejects the signup with that status and message.
import crypto from 'node:crypto';
import pg from 'pg';
import { isConnectionError } from '../database-health.ts';
import { AuthError } from './errors.ts';
import type { AuthRequest } from './request.ts';

export interface UserCandidate {
  id: string;
  email: string | null;
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  isAnonymous: boolean;
}

const HOOK_URI = /^pg-functions:\/\/[^/]+\/([A-Za-z_][\w$-]{0,62})\/([A-Za-z_][\w$-]{0,62})$/;
const CONFIG_HINT = '[auth.hook.before_user_created] in supabase/config.toml';

const hookFailure = (message: string) => new AuthError(500, 'unexpected_failure', message);

function parseHookUri(uri: string): { schema: string; name: string } {
  const match = HOOK_URI.exec(uri);
  if (!match) {
    throw hookFailure(`Invalid uri "${uri}" in ${CONFIG_HINT}: expected pg-functions://postgres/<schema>/<function>`);
  }
  return { schema: match[1], name: match[2] };
}

function hookEvent(request: AuthRequest, user: UserCandidate) {
  // GoTrue sends the user before it exists: empty role, zero timestamps, no identities.
  return {
    metadata: {
      uuid: crypto.randomUUID(),
      time: new Date().toISOString(),
      name: 'before-user-created',
      ip_address: request.req.socket.remoteAddress ?? '',
    },
    user: {
      id: user.id,
      aud: 'authenticated',
      role: '',
      email: user.email ?? '',
      phone: '',
      app_metadata: user.appMetadata,
      user_metadata: user.userMetadata,
      identities: [],
      created_at: '0001-01-01T00:00:00Z',
      updated_at: '0001-01-01T00:00:00Z',
      is_anonymous: user.isAnonymous,
    },
  };
}

function explainCallFailure(error: unknown, fn: string, uri: string): AuthError {
  if (error instanceof pg.DatabaseError && (error.code === '42883' || error.code === '3F000')) {
    return hookFailure(
      `The before-user-created hook ${fn}(jsonb) does not exist (${error.message}). Create it in a migration or fix ${CONFIG_HINT}.`,
    );
  }
  if (error instanceof pg.DatabaseError && error.code === '42501') {
    return hookFailure(
      `supabase_auth_admin may not run the before-user-created hook ${fn}(jsonb) (${error.message}): grant usage on its schema and execute on it to supabase_auth_admin.`,
    );
  }
  return hookFailure(`Error running hook URI: ${uri}: ${error instanceof Error ? error.message : String(error)}`);
}

export async function runBeforeUserCreatedHook(request: AuthRequest, user: UserCandidate): Promise<void> {
  const uri = request.context.config.auth.beforeUserCreatedHookUri;
  if (uri === null) return;
  const { schema, name } = parseHookUri(uri);
  const fn = `"${schema}"."${name}"`;
  let response: unknown;
  try {
    const { rows } = await request.context.authPool.query<{ response: unknown }>(
      `select ${fn}($1::jsonb) as response`,
      [JSON.stringify(hookEvent(request, user))],
    );
    response = rows[0]?.response;
  } catch (error) {
    // The database being away is not the hook's fault: the caller answers it like any other request.
    if (isConnectionError(error)) throw error;
    const failure = explainCallFailure(error, fn, uri);
    console.error(`[auth] ${failure.message}`);
    throw failure;
  }
  const rejection = response && typeof response === 'object' && 'error' in response ? response.error : null;
  if (!rejection || typeof rejection !== 'object') return;
  const { http_code: httpCode, message } = rejection as { http_code?: unknown; message?: unknown };
  const status = typeof httpCode === 'number' && httpCode >= 400 && httpCode < 600 ? httpCode : 400;
  throw new AuthError(status, 'hook_rejected', typeof message === 'string' && message ? message : 'Signup was rejected by the before-user-created hook');
}
