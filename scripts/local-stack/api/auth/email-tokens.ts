// One-time tokens sent by email (signup confirmation, recovery, email change), stored as GoTrue
// stores them: the hash in the user's token column and in auth.one_time_tokens. The hash is
// sha256(email + code), so both the link (token_hash) and the typed code (email + token) verify.
import crypto from 'node:crypto';
import type { Db } from './db.ts';
import { normalizeEmail } from './users.ts';

export type EmailTokenType = 'confirmation_token' | 'recovery_token' | 'email_change_token_new';

const userColumnsOf: Record<EmailTokenType, { token: string; sentAt: string }> = {
  confirmation_token: { token: 'confirmation_token', sentAt: 'confirmation_sent_at' },
  recovery_token: { token: 'recovery_token', sentAt: 'recovery_sent_at' },
  email_change_token_new: { token: 'email_change_token_new', sentAt: 'email_change_sent_at' },
};

/** Links that belong to a PKCE flow carry this prefix, which tells /verify to answer with a code. */
export const PKCE_PREFIX = 'pkce_';

function hashOf(email: string, code: string): string {
  return crypto.createHash('sha256').update(normalizeEmail(email) + code).digest('hex');
}

export interface IssuedEmailToken {
  code: string;
  tokenHash: string;
}

export async function issueEmailToken(
  db: Db,
  userId: string,
  type: EmailTokenType,
  sentTo: string,
  { pkce }: { pkce: boolean },
): Promise<IssuedEmailToken> {
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
  const tokenHash = (pkce ? PKCE_PREFIX : '') + hashOf(sentTo, code);
  const columns = userColumnsOf[type];
  await db.query(`update auth.users set ${columns.token} = $2, ${columns.sentAt} = now() where id = $1`, [userId, tokenHash]);
  await db.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
     values ($1, $2, $3, $4, $5)
     on conflict (user_id, token_type)
     do update set token_hash = excluded.token_hash, relates_to = excluded.relates_to, created_at = now(), updated_at = now()`,
    [crypto.randomUUID(), userId, type, tokenHash, normalizeEmail(sentTo)],
  );
  return { code, tokenHash };
}

export type EmailTokenProof = { tokenHash: string } | { email: string; code: string };

export interface ConsumedEmailToken {
  userId: string;
  type: EmailTokenType;
  sentTo: string;
  isPkce: boolean;
}

/** Finds an unexpired token of one of `types` and burns it; null when it is unknown or expired. */
export async function consumeEmailToken(
  db: Db,
  proof: EmailTokenProof,
  types: EmailTokenType[],
  expirySeconds: number,
): Promise<ConsumedEmailToken | null> {
  const hashes =
    'tokenHash' in proof
      ? [proof.tokenHash]
      : [hashOf(proof.email, proof.code), PKCE_PREFIX + hashOf(proof.email, proof.code)];
  const sentTo = 'email' in proof ? normalizeEmail(proof.email) : null;
  // created_at is a timestamp without time zone filled by now(): compare in the same terms.
  const { rows } = await db.query<{ id: string; user_id: string; token_type: EmailTokenType; token_hash: string; relates_to: string }>(
    `select id, user_id, token_type, token_hash, relates_to from auth.one_time_tokens
      where token_hash = any($1) and token_type::text = any($2) and ($3::text is null or relates_to = $3)
        and created_at > localtimestamp - make_interval(secs => $4)
      for update`,
    [hashes, types, sentTo, expirySeconds],
  );
  const token = rows[0];
  if (!token) return null;
  await db.query('delete from auth.one_time_tokens where id = $1', [token.id]);
  await db.query(`update auth.users set ${userColumnsOf[token.token_type].token} = '' where id = $1`, [token.user_id]);
  return {
    userId: token.user_id,
    type: token.token_type,
    sentTo: token.relates_to,
    isPkce: token.token_hash.startsWith(PKCE_PREFIX),
  };
}
