// Sessions, refresh tokens and access tokens, stored in auth.sessions / auth.refresh_tokens the
// way GoTrue keeps them so `auth.sessions` means the same thing in Studio and in policies.
import crypto from 'node:crypto';
import type { ApiContext } from '../context.ts';
import { signAccessToken } from '../jwt.ts';
import { inTransaction, type Db } from './db.ts';
import { AuthError } from './errors.ts';
import { findUserById, userJson, type UserRow } from './users.ts';

/** How the session was authenticated (the `amr` claim). */
export type SignInMethod = 'password' | 'anonymous' | 'otp' | 'recovery' | 'email_change' | 'oauth';

interface SessionRef {
  id: string;
  created_at: Date;
}

function newRefreshToken(): string {
  return crypto.randomBytes(16).toString('base64url');
}

async function insertRefreshToken(db: Db, userId: string, sessionId: string, parent: string | null): Promise<string> {
  const token = newRefreshToken();
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, parent, session_id, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, $3, $4, now(), now())`,
    [token, userId, parent, sessionId],
  );
  return token;
}

async function sessionJson(db: Db, context: ApiContext, user: UserRow, session: SessionRef, refreshToken: string, method: SignInMethod) {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresIn = context.config.auth.jwtExpiry;
  const accessToken = await signAccessToken(
    {
      iss: `${context.apiUrl}/auth/v1`,
      sub: user.id,
      aud: 'authenticated',
      exp: issuedAt + expiresIn,
      iat: issuedAt,
      email: user.email ?? '',
      phone: user.phone ?? '',
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      role: user.role,
      aal: 'aal1',
      amr: [{ method, timestamp: Math.floor(session.created_at.getTime() / 1000) }],
      session_id: session.id,
      is_anonymous: user.is_anonymous,
    },
    context.tokenKeys,
  );
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: expiresIn,
    expires_at: issuedAt + expiresIn,
    refresh_token: refreshToken,
    user: await userJson(db, user),
  };
}

export type SessionJson = Awaited<ReturnType<typeof sessionJson>>;

/** Signs the user in: a new session, its first refresh token, and last_sign_in_at. */
export async function startSession(db: Db, context: ApiContext, user: UserRow, method: SignInMethod): Promise<SessionJson> {
  const { rows } = await db.query<SessionRef>(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal)
     values ($1, $2, now(), now(), 'aal1') returning id, created_at`,
    [crypto.randomUUID(), user.id],
  );
  const refreshToken = await insertRefreshToken(db, user.id, rows[0].id, null);
  await db.query('update auth.users set last_sign_in_at = now() where id = $1', [user.id]);
  await db.query('update auth.identities set last_sign_in_at = now() where user_id = $1', [user.id]);
  const signedIn = await findUserById(db, user.id);
  return sessionJson(db, context, signedIn ?? user, rows[0], refreshToken, method);
}

interface RefreshTokenRow {
  token: string;
  revoked: boolean;
  updated_at: Date;
  session_id: string;
  session_created_at: Date;
  user_id: string;
}

/**
 * Rotates a refresh token. A revoked token is accepted only within the reuse interval (two tabs
 * refreshing at once) and then yields the session's current token; later reuse means the token
 * leaked, so the whole session is revoked.
 */
export async function refreshSession(context: ApiContext, token: string): Promise<SessionJson> {
  const { enableRefreshTokenRotation, refreshTokenReuseInterval } = context.config.auth;
  const outcome = await inTransaction(context.authPool, async (client) => {
    const { rows } = await client.query<RefreshTokenRow>(
      `select rt.token, rt.revoked, rt.updated_at, rt.session_id, s.created_at as session_created_at, s.user_id
         from auth.refresh_tokens rt join auth.sessions s on s.id = rt.session_id
        where rt.token = $1
          for update of rt, s`,
      [token],
    );
    const row = rows[0];
    const user = row && (await findUserById(client, row.user_id));
    if (!row || !user) {
      return new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    }
    const session = { id: row.session_id, created_at: row.session_created_at };
    let nextToken: string;
    if (row.revoked) {
      const reuseAllowed =
        !enableRefreshTokenRotation || Date.now() - row.updated_at.getTime() <= refreshTokenReuseInterval * 1000;
      if (!reuseAllowed) {
        await client.query('delete from auth.sessions where id = $1', [row.session_id]);
        return new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
      }
      const { rows: active } = await client.query<{ token: string }>(
        `select token from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1`,
        [row.session_id],
      );
      nextToken = active[0]?.token ?? (await insertRefreshToken(client, user.id, row.session_id, row.token));
    } else if (enableRefreshTokenRotation) {
      await client.query('update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1', [token]);
      nextToken = await insertRefreshToken(client, user.id, row.session_id, row.token);
    } else {
      nextToken = row.token;
    }
    await client.query('update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1', [row.session_id]);
    // GoTrue keeps the original sign-in method in auth.mfa_amr_claims, which the local schema
    // lacks; anonymous vs password is what the app can tell apart.
    const method = user.is_anonymous ? 'anonymous' : 'password';
    return sessionJson(client, context, user, session, nextToken, method);
  });
  // The revocation above must be committed before the error is reported.
  if (outcome instanceof AuthError) throw outcome;
  return outcome;
}

export type LogoutScope = 'global' | 'local' | 'others';

export async function endSessions(db: Db, userId: string, sessionId: string, scope: LogoutScope): Promise<void> {
  const statements: Record<LogoutScope, [string, unknown[]]> = {
    global: ['delete from auth.sessions where user_id = $1', [userId]],
    local: ['delete from auth.sessions where id = $1', [sessionId]],
    others: ['delete from auth.sessions where user_id = $1 and id <> $2', [userId, sessionId]],
  };
  const [sql, values] = statements[scope];
  await db.query(sql, values);
}
