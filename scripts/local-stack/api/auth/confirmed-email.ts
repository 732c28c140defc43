// Gives a user a confirmed email address: an email change taking effect, or an anonymous user
// becoming a real account (same id, so everything they own stays theirs).
import crypto from 'node:crypto';
import type { Db } from './db.ts';
import type { UserRow } from './users.ts';

export async function setConfirmedEmail(db: Db, user: UserRow, email: string): Promise<void> {
  await db.query(
    `update auth.users
        set email = $2, email_change = '', email_change_token_new = '', email_change_sent_at = null,
            email_confirmed_at = coalesce(email_confirmed_at, now()),
            raw_app_meta_data = case when is_anonymous
              then coalesce(raw_app_meta_data, '{}') || '{"provider": "email", "providers": ["email"]}'
              else raw_app_meta_data end,
            is_anonymous = false, updated_at = now()
      where id = $1`,
    [user.id, email],
  );
  const identityData = { sub: user.id, email, email_verified: true, phone_verified: false };
  const { rowCount } = await db.query(
    `update auth.identities set identity_data = identity_data || $2, updated_at = now()
      where user_id = $1 and provider = 'email'`,
    [user.id, identityData],
  );
  if (rowCount === 0) {
    await db.query(
      `insert into auth.identities (id, provider_id, user_id, identity_data, provider, created_at, updated_at)
       values ($1, $2::text, $2::uuid, $3, 'email', now(), now())`,
      [crypto.randomUUID(), user.id, identityData],
    );
  }
}

/** GoTrue's metadata update: keys are merged at the top level, and a null value removes its key. */
export function mergeMetadata(current: Record<string, unknown> | null, update: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
