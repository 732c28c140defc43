// GET /user, PUT /user and POST /logout: what a signed-in user does with their own account.
import { z } from 'zod';
import { mergeMetadata, setConfirmedEmail } from '../confirmed-email.ts';
import { failingAs, inTransaction, isUniqueViolation } from '../db.ts';
import { issueEmailToken, type IssuedEmailToken } from '../email-tokens.ts';
import { sendAuthEmail } from '../emails.ts';
import { AuthError, validationFailed } from '../errors.ts';
import { saveFlowState } from '../flow-state.ts';
import { hashPassword, passwordMatches, storedPasswordHash } from '../password-hash.ts';
import { assertStrongPassword } from '../password-rules.ts';
import { readCodeChallenge } from '../pkce.ts';
import { limitRequest } from '../rate-limits.ts';
import { readJson, requireUser, type AuthReply, type AuthRequest } from '../request.ts';
import { endSessions, type LogoutScope } from '../sessions.ts';
import { findUserById, findUserByEmail, userJson } from '../users.ts';
import { MetadataSchema, redirectFromQuery, validEmail } from './signup.ts';

const UpdateUserSchema = z.object({
  email: z.string().nullish(),
  password: z.string().nullish(),
  phone: z.string().nullish(),
  data: MetadataSchema.nullish(),
  nonce: z.string().nullish(),
  code_challenge: z.string().nullish(),
  code_challenge_method: z.string().nullish(),
});

export function emailExists(): AuthError {
  return new AuthError(422, 'email_exists', 'A user with this email address has already been registered');
}

export async function getUser(request: AuthRequest): Promise<AuthReply> {
  const { user } = await requireUser(request);
  return { status: 200, body: await userJson(request.context.authPool, user) };
}

export async function updateUser(request: AuthRequest): Promise<AuthReply> {
  const { user: caller } = await requireUser(request);
  limitRequest(request, 'userUpdates');
  const body = await readJson(request, UpdateUserSchema);
  const { context } = request;
  const settings = context.config.auth;
  if (body.phone) throw new AuthError(422, 'phone_provider_disabled', 'Phone logins are disabled');
  const email = body.email ? validEmail(body.email) : null;
  const challenge = readCodeChallenge(body);
  if (typeof body.password === 'string') {
    if (caller.is_anonymous && !caller.email && !email) {
      throw validationFailed('Updating password of an anonymous user without an email or phone is not allowed');
    }
    assertStrongPassword(body.password, { minimumLength: settings.minimumPasswordLength, requirements: settings.passwordRequirements });
  }
  if (typeof body.password === 'string' && (await passwordMatches(body.password, await storedPasswordHash(context.authPool, caller.id)))) {
    throw new AuthError(422, 'same_password', 'New password should be different from the old password.');
  }
  const newPasswordHash = typeof body.password !== 'string' ? null : await hashPassword(body.password);
  if (email && email !== caller.email) {
    const owner = await findUserByEmail(context.authPool, email);
    if (owner && owner.id !== caller.id) throw emailExists();
  }

  const { updated, pendingMail } = await failingAs('Database error updating user', () =>
    inTransaction(context.authPool, async (client) => {
      let pendingMail: IssuedEmailToken | null = null;
      const user = (await findUserById(client, caller.id, { lock: true })) ?? caller;
      if (body.data) {
        await client.query('update auth.users set raw_user_meta_data = $2, updated_at = now() where id = $1', [
          user.id,
          mergeMetadata(user.raw_user_meta_data, body.data),
        ]);
      }
      if (email && email !== user.email) {
        if (!settings.enableConfirmations) {
          await setConfirmedEmail(client, user, email);
        } else {
          await client.query('update auth.users set email_change = $2, updated_at = now() where id = $1', [user.id, email]);
          if (challenge) await saveFlowState(client, user.id, challenge, 'email_change');
          pendingMail = await issueEmailToken(client, user.id, 'email_change_token_new', email, { pkce: challenge !== null });
        }
      }
      if (newPasswordHash) {
        await client.query('update auth.users set encrypted_password = $2, updated_at = now() where id = $1', [
          user.id,
          newPasswordHash,
        ]);
      }
      const saved = await findUserById(client, user.id);
      return { updated: await userJson(client, saved ?? user), pendingMail };
    }).catch((error: unknown) => {
      throw isUniqueViolation(error, 'users_email_partial_key') ? emailExists() : error;
    }),
  );
  if (pendingMail && email) sendAuthEmail(context, 'email_change', email, pendingMail, redirectFromQuery(request));
  return { status: 200, body: updated };
}

const scopes: LogoutScope[] = ['global', 'local', 'others'];

export async function logout(request: AuthRequest): Promise<AuthReply> {
  const { user, sessionId } = await requireUser(request);
  const scope = (request.url.searchParams.get('scope') ?? 'global') as LogoutScope;
  if (!scopes.includes(scope)) throw validationFailed(`Unsupported logout scope "${scope}"`);
  await endSessions(request.context.authPool, user.id, sessionId, scope);
  return { status: 204 };
}
