// Creates a user the way GoTrue does, so triggers on auth.users behave as on Supabase: the
// before-user-created hook first, then ONE transaction that inserts the user with an empty role,
// sets the role in a second statement, adds the email identity and runs the caller's follow-up
// (session, confirmation token). A failing trigger rolls all of it back.
import crypto from 'node:crypto';
import { runBeforeUserCreatedHook } from './before-user-created-hook.ts';
import { hashPassword } from './password-hash.ts';
import { inTransaction, isUniqueViolation } from './db.ts';
import { AuthError, databaseFailure } from './errors.ts';
import type { AuthRequest } from './request.ts';
import { findUserById, type UserRow } from './users.ts';
import type pg from 'pg';

export interface NewUser {
  /** Lower-cased already; null for anonymous users. */
  email: string | null;
  password: string | null;
  userMetadata: Record<string, unknown>;
  /** Merged over GoTrue's `{provider, providers}`. */
  appMetadata?: Record<string, unknown>;
  emailConfirmed: boolean;
  isAnonymous: boolean;
  /** An OAuth provider's identity (e.g. `custom:line`) instead of the email identity. */
  externalIdentity?: { provider: string; providerId: string; identityData: Record<string, unknown> };
}

export async function createUser<T>(
  request: AuthRequest,
  newUser: NewUser,
  /** What to answer when the email is taken (signup and admin word it differently). */
  emailTaken: () => AuthError,
  followUp: (client: pg.PoolClient, user: UserRow) => Promise<T>,
): Promise<T> {
  const id = crypto.randomUUID();
  const provider = newUser.externalIdentity?.provider ?? (newUser.isAnonymous ? 'anonymous' : 'email');
  const appMetadata = { provider, providers: [provider], ...newUser.appMetadata };
  await runBeforeUserCreatedHook(request, { ...newUser, id, appMetadata });
  const passwordHash = newUser.password === null ? '' : await hashPassword(newUser.password);
  try {
    return await inTransaction(request.context.authPool, async (client) => {
      await client.query(
        `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data,
                                 raw_user_meta_data, is_super_admin, is_anonymous, created_at, updated_at,
                                 confirmation_token, recovery_token, email_change_token_new, email_change,
                                 email_change_token_current, phone_change, phone_change_token, reauthentication_token)
         values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', '', $2, $3, $4, $5, false, $6,
                 now(), now(), '', '', '', '', '', '', '', '')`,
        [id, newUser.email, passwordHash, appMetadata, newUser.userMetadata, newUser.isAnonymous],
      );
      await client.query(
        `update auth.users set role = 'authenticated', email_confirmed_at = case when $2 then now() end where id = $1`,
        [id, newUser.emailConfirmed],
      );
      if (newUser.externalIdentity) {
        const { providerId, identityData } = newUser.externalIdentity;
        await client.query(
          `insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
           values ($1, $2, $3, $4, $5, now(), now(), now())`,
          [crypto.randomUUID(), providerId, id, identityData, provider],
        );
      } else if (newUser.email) {
        const identityData = {
          ...newUser.userMetadata,
          sub: id,
          email: newUser.email,
          email_verified: newUser.emailConfirmed,
          phone_verified: false,
        };
        await client.query(
          `insert into auth.identities (id, provider_id, user_id, identity_data, provider, created_at, updated_at)
           values ($1, $2::text, $2::uuid, $3, 'email', now(), now())`,
          [crypto.randomUUID(), id, identityData],
        );
      }
      const user = await findUserById(client, id);
      if (!user) throw new Error(`auth.users row ${id} vanished inside its own transaction`);
      return followUp(client, user);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_partial_key')) throw emailTaken();
    if (error instanceof AuthError) throw error;
    throw databaseFailure('Database error saving new user', error);
  }
}
