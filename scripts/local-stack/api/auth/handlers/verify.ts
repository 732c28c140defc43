// POST /verify (an app or supabase-js sends the token) and GET /verify (the email link itself):
// burns the one-time token, applies what it confirms, and signs the user in. In PKCE flows the
// link answers with `?code=` for the app to exchange instead of tokens in the URL fragment.
import type pg from 'pg';
import { z } from 'zod';
import { setConfirmedEmail } from '../confirmed-email.ts';
import { inTransaction } from '../db.ts';
import { consumeEmailToken, PKCE_PREFIX, type EmailTokenProof, type EmailTokenType } from '../email-tokens.ts';
import { AuthError, validationFailed } from '../errors.ts';
import { issueAuthCode, type FlowMethod } from '../flow-state.ts';
import { limitRequest } from '../rate-limits.ts';
import { readJson, type AuthReply, type AuthRequest } from '../request.ts';
import { startSession, type SessionJson, type SignInMethod } from '../sessions.ts';
import { findUserById, type UserRow } from '../users.ts';
import { redirectFromQuery } from './signup.ts';

const tokenTypesOf: Record<string, EmailTokenType[]> = {
  signup: ['confirmation_token'],
  invite: ['confirmation_token'],
  email: ['confirmation_token', 'recovery_token'],
  magiclink: ['recovery_token'],
  recovery: ['recovery_token'],
  email_change: ['email_change_token_new'],
};

const flowMethodOf: Record<EmailTokenType, FlowMethod> = {
  confirmation_token: 'email/signup',
  recovery_token: 'recovery',
  email_change_token_new: 'email_change',
};

const signInMethodOf: Record<EmailTokenType, SignInMethod> = {
  confirmation_token: 'otp',
  recovery_token: 'recovery',
  email_change_token_new: 'email_change',
};

const VerifySchema = z.object({
  type: z.string(),
  token_hash: z.string().nullish(),
  token: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

const invalidToken = () => new AuthError(403, 'otp_expired', 'Token has expired or is invalid');

interface Verified {
  user: UserRow;
  type: EmailTokenType;
  isPkce: boolean;
}

/** Burns the token and applies what it proves, inside the caller's transaction. */
async function verifyEmailToken(client: pg.PoolClient, request: AuthRequest, type: string, proof: EmailTokenProof): Promise<Verified> {
  const types = tokenTypesOf[type];
  if (!types) throw validationFailed(`Verify requires a verification type, "${type}" is not one`);
  const consumed = await consumeEmailToken(client, proof, types, request.context.config.auth.otpExpiry);
  if (!consumed) throw invalidToken();
  const user = await findUserById(client, consumed.userId, { lock: true });
  if (!user) throw invalidToken();
  if (consumed.type === 'email_change_token_new') {
    await setConfirmedEmail(client, user, consumed.sentTo);
  } else {
    // Following a signup or recovery link proves the address, as on GoTrue.
    await client.query(
      `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now() where id = $1`,
      [user.id],
    );
    await client.query(
      `update auth.identities set identity_data = identity_data || '{"email_verified": true}'
        where user_id = $1 and provider = 'email'`,
      [user.id],
    );
  }
  const verified = await findUserById(client, user.id);
  return { user: verified ?? user, type: consumed.type, isPkce: consumed.isPkce };
}

export async function verifyPost(request: AuthRequest): Promise<AuthReply> {
  limitRequest(request, 'verify');
  const body = await readJson(request, VerifySchema);
  let proof: EmailTokenProof;
  if (body.token_hash) proof = { tokenHash: body.token_hash };
  else if (body.token && body.email) proof = { email: body.email, code: body.token };
  else if (body.phone) throw new AuthError(422, 'phone_provider_disabled', 'Phone logins are disabled');
  else throw validationFailed('Verify requires either a token_hash, or a token and an email');
  const { context } = request;
  const session = await inTransaction(context.authPool, async (client) => {
    const { user, type } = await verifyEmailToken(client, request, body.type, proof);
    return startSession(client, context, user, signInMethodOf[type]);
  });
  return { status: 200, body: session };
}

function redirect(location: URL): AuthReply {
  return { status: 303, headers: { Location: location.href } };
}

function withFragment(target: string, values: Record<string, string>): URL {
  const url = new URL(target);
  url.hash = new URLSearchParams(values).toString();
  return url;
}

function withQuery(target: string, values: Record<string, string>): URL {
  const url = new URL(target);
  for (const [key, value] of Object.entries(values)) url.searchParams.set(key, value);
  return url;
}

export async function verifyLink(request: AuthRequest): Promise<AuthReply> {
  // Like GoTrue's route middleware: over the limit, the link answers JSON, not a redirect.
  limitRequest(request, 'verify');
  const token = request.url.searchParams.get('token') ?? '';
  const type = request.url.searchParams.get('type') ?? '';
  const redirectTo = redirectFromQuery(request);
  const isPkceLink = token.startsWith(PKCE_PREFIX);
  const { context } = request;
  try {
    if (!token) throw invalidToken();
    const outcome = await inTransaction(context.authPool, async (client): Promise<{ code: string } | { session: SessionJson }> => {
      const verified = await verifyEmailToken(client, request, type, { tokenHash: token });
      if (!verified.isPkce) return { session: await startSession(client, context, verified.user, signInMethodOf[verified.type]) };
      const code = await issueAuthCode(client, verified.user.id, flowMethodOf[verified.type]);
      if (!code) throw new AuthError(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found');
      return { code };
    });
    if ('code' in outcome) return redirect(withQuery(redirectTo, { code: outcome.code }));
    const { session } = outcome;
    return redirect(
      withFragment(redirectTo, {
        access_token: session.access_token,
        expires_at: String(session.expires_at),
        expires_in: String(session.expires_in),
        refresh_token: session.refresh_token,
        token_type: session.token_type,
        type,
      }),
    );
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    // Like GoTrue: the error travels back to the app in the URL, in the query for PKCE flows
    // (a server route can read it there) and in the fragment otherwise.
    const details = {
      error: error.status >= 500 ? 'server_error' : 'access_denied',
      error_code: error.code,
      error_description: error.code === 'otp_expired' ? 'Email link is invalid or has expired' : error.message,
    };
    return redirect(isPkceLink ? withQuery(redirectTo, details) : withFragment(redirectTo, details));
  }
}
