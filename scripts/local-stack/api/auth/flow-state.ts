// PKCE flow state in auth.flow_state: saved when an email flow starts with a code challenge,
// given an auth code when the email link is followed, consumed by grant_type=pkce.
import crypto from 'node:crypto';
import type { Db } from './db.ts';
import type { ChallengeMethod, CodeChallenge } from './pkce.ts';

export type FlowMethod = 'email/signup' | 'recovery' | 'email_change' | 'oauth';

/** How long an issued auth code may wait for its exchange (GoTrue: five minutes). */
const AUTH_CODE_LIFETIME_SECONDS = 300;

export async function saveFlowState(db: Db, userId: string, challenge: CodeChallenge, method: FlowMethod): Promise<void> {
  await db.query(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
                                  authentication_method, created_at, updated_at)
     values ($1, $2, $3, $4, $5, 'email', $6, now(), now())`,
    [crypto.randomUUID(), userId, crypto.randomUUID(), challenge.method, challenge.challenge, method],
  );
}

/** Marks the user's latest flow of this kind as verified and returns its auth code. */
export async function issueAuthCode(db: Db, userId: string, method: FlowMethod): Promise<string | null> {
  const { rows } = await db.query<{ auth_code: string }>(
    `update auth.flow_state set auth_code_issued_at = now(), updated_at = now()
      where id = (select id from auth.flow_state where user_id = $1 and authentication_method = $2
                   order by created_at desc limit 1)
      returning auth_code`,
    [userId, method],
  );
  return rows[0]?.auth_code ?? null;
}

export interface VerifiedFlow {
  userId: string;
  method: FlowMethod;
  challenge: CodeChallenge;
  /** OAuth flows: the provider's tokens, which GoTrue hands back with the session. */
  providerAccessToken: string | null;
  providerRefreshToken: string | null;
}

/** Takes (deletes) the flow an auth code belongs to; null if unknown, unverified or stale. */
export async function takeVerifiedFlow(db: Db, authCode: string): Promise<VerifiedFlow | null> {
  const { rows } = await db.query<{
    user_id: string;
    authentication_method: FlowMethod;
    code_challenge: string;
    code_challenge_method: ChallengeMethod;
    provider_access_token: string | null;
    provider_refresh_token: string | null;
  }>(
    `delete from auth.flow_state
      where auth_code = $1 and user_id is not null and code_challenge is not null
        and auth_code_issued_at > now() - make_interval(secs => $2)
      returning user_id, authentication_method, code_challenge, code_challenge_method,
                provider_access_token, provider_refresh_token`,
    [authCode, AUTH_CODE_LIFETIME_SECONDS],
  );
  const flow = rows[0];
  if (!flow) return null;
  return {
    userId: flow.user_id,
    method: flow.authentication_method,
    challenge: { challenge: flow.code_challenge, method: flow.code_challenge_method },
    providerAccessToken: flow.provider_access_token || null,
    providerRefreshToken: flow.provider_refresh_token || null,
  };
}

/** GoTrue's FlowStateExpiryDuration default: an OAuth flow must come back within five minutes. */
const OAUTH_FLOW_LIFETIME_SECONDS = 300;

export interface OAuthFlow {
  id: string;
  providerType: string;
  referrer: string | null;
  emailOptional: boolean;
  isPkce: boolean;
  userId: string | null;
  expired: boolean;
}

/** Starts an OAuth flow (PKCE when the client sent a challenge); its id is the provider's `state`. */
export async function saveOAuthFlowState(
  db: Db,
  flow: { providerType: string; challenge: CodeChallenge | null; referrer: string; emailOptional: boolean },
): Promise<string> {
  const id = crypto.randomUUID();
  await db.query(
    `insert into auth.flow_state (id, auth_code, code_challenge_method, code_challenge, provider_type,
                                  authentication_method, referrer, email_optional, created_at, updated_at)
     values ($1, $2, $3, $4, $5, 'oauth', $6, $7, now(), now())`,
    [id, flow.challenge ? crypto.randomUUID() : null, flow.challenge?.method ?? null, flow.challenge?.challenge ?? null,
     flow.providerType, flow.referrer, flow.emailOptional],
  );
  return id;
}

export async function findOAuthFlowState(db: Db, id: string): Promise<OAuthFlow | null> {
  const { rows } = await db.query<{
    id: string; provider_type: string; referrer: string | null; email_optional: boolean; is_pkce: boolean;
    user_id: string | null; expired: boolean;
  }>(
    `select id, provider_type, referrer, email_optional, coalesce(code_challenge, '') <> '' as is_pkce, user_id,
            created_at < now() - make_interval(secs => $2) as expired
       from auth.flow_state where id = $1 and authentication_method = 'oauth'`,
    [id, OAUTH_FLOW_LIFETIME_SECONDS],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id, providerType: row.provider_type, referrer: row.referrer, emailOptional: row.email_optional,
    isPkce: row.is_pkce, userId: row.user_id, expired: row.expired,
  };
}

/** PKCE: gives the flow its user and issues its auth code, once (null if another callback won). */
export async function completeOAuthFlow(db: Db, id: string, userId: string, tokens: { accessToken: string; refreshToken: string }): Promise<string | null> {
  const { rows } = await db.query<{ auth_code: string }>(
    `update auth.flow_state
        set user_id = $2, provider_access_token = $3, provider_refresh_token = $4,
            auth_code_issued_at = now(), updated_at = now()
      where id = $1 and user_id is null
      returning auth_code`,
    [id, userId, tokens.accessToken, tokens.refreshToken],
  );
  return rows[0]?.auth_code ?? null;
}

export async function deleteFlowState(db: Db, id: string): Promise<void> {
  await db.query('delete from auth.flow_state where id = $1', [id]);
}
