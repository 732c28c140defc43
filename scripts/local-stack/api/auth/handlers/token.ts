// POST /token?grant_type=password|refresh_token|pkce
import { z } from 'zod';
import { inTransaction } from '../db.ts';
import { AuthError, databaseFailure, invalidCredentials, validationFailed } from '../errors.ts';
import { takeVerifiedFlow, type FlowMethod } from '../flow-state.ts';
import { passwordMatches } from '../password-hash.ts';
import { verifierMatches } from '../pkce.ts';
import { limitRequest } from '../rate-limits.ts';
import { readJson, type AuthReply, type AuthRequest } from '../request.ts';
import { refreshSession, startSession, type SignInMethod } from '../sessions.ts';
import { findUserById, isBanned, normalizeEmail } from '../users.ts';

const PasswordGrantSchema = z.object({ email: z.string().nullish(), phone: z.string().nullish(), password: z.string() });
const RefreshGrantSchema = z.object({ refresh_token: z.string().min(1) });
const PkceGrantSchema = z.object({ auth_code: z.string().min(1), code_verifier: z.string().min(1) });

const signInMethodOfFlow: Record<FlowMethod, SignInMethod> = {
  'email/signup': 'otp',
  recovery: 'recovery',
  email_change: 'email_change',
  oauth: 'oauth',
};

function bannedUser(): AuthError {
  return new AuthError(400, 'user_banned', 'User is banned');
}

async function passwordGrant(request: AuthRequest): Promise<AuthReply> {
  const body = await readJson(request, PasswordGrantSchema);
  if (!body.email) throw validationFailed(body.phone ? 'Phone logins are disabled' : 'An email address is required');
  const { context } = request;
  const { rows } = await context.authPool.query<{ id: string; encrypted_password: string | null }>(
    `select id, encrypted_password from auth.users where email = $1 and is_sso_user = false and deleted_at is null`,
    [normalizeEmail(body.email)],
  );
  const account = rows[0];
  if (!account || !(await passwordMatches(body.password, account.encrypted_password))) throw invalidCredentials();
  const session = await inTransaction(context.authPool, async (client) => {
    const user = await findUserById(client, account.id, { lock: true });
    if (!user) throw invalidCredentials();
    if (isBanned(user)) throw bannedUser();
    if (context.config.auth.enableConfirmations && !user.email_confirmed_at) {
      throw new AuthError(400, 'email_not_confirmed', 'Email not confirmed');
    }
    return startSession(client, context, user, 'password').catch((error: unknown) => {
      throw databaseFailure('Database error granting user', error);
    });
  });
  return { status: 200, body: session };
}

async function pkceGrant(request: AuthRequest): Promise<AuthReply> {
  const body = await readJson(request, PkceGrantSchema);
  const { context } = request;
  const session = await inTransaction(context.authPool, async (client) => {
    const flow = await takeVerifiedFlow(client, body.auth_code);
    if (!flow) throw new AuthError(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found');
    if (!verifierMatches(body.code_verifier, flow.challenge)) {
      throw new AuthError(403, 'bad_code_verifier', 'code challenge does not match previously saved code verifier');
    }
    const user = await findUserById(client, flow.userId);
    if (!user) throw new AuthError(404, 'user_not_found', 'User not found');
    const started = await startSession(client, context, user, signInMethodOfFlow[flow.method]);
    // After an OAuth sign-in GoTrue hands back the provider's tokens with the session.
    if (flow.providerAccessToken === null) return started;
    return {
      ...started,
      provider_token: flow.providerAccessToken,
      ...(flow.providerRefreshToken ? { provider_refresh_token: flow.providerRefreshToken } : {}),
    };
  });
  return { status: 200, body: session };
}

const grants: Record<string, (request: AuthRequest) => Promise<AuthReply>> = {
  password: passwordGrant,
  refresh_token: async (request) => {
    const body = await readJson(request, RefreshGrantSchema);
    return { status: 200, body: await refreshSession(request.context, body.refresh_token) };
  },
  pkce: pkceGrant,
};

export async function token(request: AuthRequest): Promise<AuthReply> {
  const grantType = request.url.searchParams.get('grant_type');
  const grant = grantType !== null && Object.hasOwn(grants, grantType) ? grants[grantType] : undefined;
  if (!grant) throw new AuthError(400, 'unsupported_grant_type', `unsupported_grant_type: ${grantType ?? '(none)'}`);
  // Every grant, sign-in included, counts against token_refresh, before its body is read (token.go).
  limitRequest(request, 'token');
  return grant(request);
}
