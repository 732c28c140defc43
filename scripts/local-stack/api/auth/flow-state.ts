// PKCE flow state in auth.flow_state: saved when an email flow starts with a code challenge,
// given an auth code when the email link is followed, consumed by grant_type=pkce.
import crypto from 'node:crypto';
import type { Db } from './db.ts';
import type { ChallengeMethod, CodeChallenge } from './pkce.ts';

export type FlowMethod = 'email/signup' | 'recovery' | 'email_change';

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
}

/** Takes (deletes) the flow an auth code belongs to; null if unknown, unverified or stale. */
export async function takeVerifiedFlow(db: Db, authCode: string): Promise<VerifiedFlow | null> {
  const { rows } = await db.query<{
    user_id: string;
    authentication_method: FlowMethod;
    code_challenge: string;
    code_challenge_method: ChallengeMethod;
  }>(
    `delete from auth.flow_state
      where auth_code = $1 and user_id is not null
        and auth_code_issued_at > now() - make_interval(secs => $2)
      returning user_id, authentication_method, code_challenge, code_challenge_method`,
    [authCode, AUTH_CODE_LIFETIME_SECONDS],
  );
  const flow = rows[0];
  if (!flow) return null;
  return {
    userId: flow.user_id,
    method: flow.authentication_method,
    challenge: { challenge: flow.code_challenge, method: flow.code_challenge_method },
  };
}
