// GET /authorize and GET|POST /callback: sign-in with an OAuth provider, as GoTrue's
// internal/api/external.go runs it. /authorize saves the flow in auth.flow_state (its id is the
// `state` the provider hands back) and sends the browser to the provider; /callback exchanges the
// provider's code, reads the person, finds or links or creates the user by GoTrue's linking
// rules, and sends the browser back to redirect_to: with `?code=` for PKCE flows (exchanged by
// POST /token?grant_type=pkce), with tokens in the fragment otherwise. Failures go back the same
// way, in the query and the fragment, as GoTrue's redirectErrors does.
import crypto from 'node:crypto';
import type pg from 'pg';
import { determineAccountLinking, type LinkingDecision } from '../account-linking.ts';
import { createUser } from '../create-user.ts';
import { failingAs, inTransaction } from '../db.ts';
import { AuthError, databaseFailure } from '../errors.ts';
import {
  authorizationEndpoint,
  exchangeCode,
  fetchUserData,
  type ExternalProvider,
  type ProviderTokens,
  type ProviderUserData,
} from '../external-providers.ts';
import { completeOAuthFlow, deleteFlowState, findOAuthFlowState, saveOAuthFlowState, type OAuthFlow } from '../flow-state.ts';
import { readCodeChallenge } from '../pkce.ts';
import { readFormOrQuery, type AuthReply, type AuthRequest } from '../request.ts';
import { startSession, type SessionJson } from '../sessions.ts';
import { findUserById, isBanned, type UserRow } from '../users.ts';
import { redirectFromQuery } from './signup.ts';

/** GoTrue's built-in providers: known names that are merely not enabled here. */
const builtInProviders = new Set([
  'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'figma', 'fly', 'github', 'gitlab', 'google', 'kakao',
  'keycloak', 'linkedin', 'linkedin_oidc', 'notion', 'snapchat', 'spotify', 'slack', 'slack_oidc', 'twitch',
  'twitter', 'x', 'vercel_marketplace', 'workos', 'zoom',
]);

function unsupported(reason: string): AuthError {
  return new AuthError(400, 'validation_failed', `Unsupported provider: ${reason}`);
}

function enabledProvider(request: AuthRequest, requested: string): ExternalProvider {
  const name = requested.toLowerCase();
  const provider = request.context.externalProviders.get(name);
  if (provider?.enabled) return provider;
  if (name.startsWith('custom:')) throw unsupported(provider ? `custom provider ${name} is disabled` : `custom provider ${name} not found`);
  if (provider || builtInProviders.has(name)) throw unsupported('provider is not enabled');
  throw unsupported(`Provider ${name} could not be found`);
}

export function callbackUrl(request: AuthRequest): string {
  return `${request.context.apiUrl}/auth/v1/callback`;
}

/**
 * The verifier of Auth's own PKCE towards the provider. GoTrue keeps it in
 * auth.oauth_client_states; here it is derived from the flow id with a secret of the stack.
 */
function providerCodeVerifier(request: AuthRequest, flowId: string): string {
  return crypto.createHmac('sha256', request.context.apiKeys.secret).update(`oauth-client-state:${flowId}`).digest('base64url');
}

function scopesFor(provider: ExternalProvider, requested: string | null): string[] {
  // Kakao's provider splits `scopes` on commas, custom providers on spaces (both are tolerated).
  const extra = (requested ?? '').split(/[\s,]+/).filter(Boolean);
  return [...new Set([...provider.defaultScopes, ...extra])];
}

export async function authorize(request: AuthRequest): Promise<AuthReply> {
  const query = request.url.searchParams;
  const provider = enabledProvider(request, query.get('provider') ?? '');
  const endpoint = await authorizationEndpoint(provider).catch((error: unknown) => {
    throw unsupported(`failed to create OIDC provider: ${error instanceof Error ? error.message : String(error)}`);
  });
  const referrer = redirectFromQuery(request);
  const challenge = readCodeChallenge({ code_challenge: query.get('code_challenge'), code_challenge_method: query.get('code_challenge_method') });
  const flowId = await failingAs('Error creating flow state', () =>
    saveOAuthFlowState(request.context.authPool, { providerType: provider.name, challenge, referrer, emailOptional: provider.emailOptional }),
  );
  const target = new URL(endpoint);
  target.searchParams.set('client_id', provider.clientId);
  target.searchParams.set('redirect_uri', callbackUrl(request));
  target.searchParams.set('response_type', 'code');
  target.searchParams.set('scope', scopesFor(provider, query.get('scopes')).join(' '));
  target.searchParams.set('state', flowId);
  if (provider.pkce) {
    const verifier = providerCodeVerifier(request, flowId);
    target.searchParams.set('code_challenge', crypto.createHash('sha256').update(verifier).digest('base64url'));
    target.searchParams.set('code_challenge_method', 'S256');
  }
  return { status: 302, headers: { Location: target.href } };
}

/** An error the provider sent back (`?error=…`): passed on as it came, without an error_code. */
class ProviderSentError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

// GoTrue's oauthErrorMap, and the codes it reports as access_denied whatever their status.
const oauthErrorOfStatus: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized_client',
  403: 'access_denied',
  500: 'server_error',
  503: 'temporarily_unavailable',
};
const accessDeniedCodes = new Set(['signup_disabled', 'user_banned', 'provider_email_needs_verification']);

function errorParams(error: AuthError | ProviderSentError): Record<string, string> {
  if (error instanceof ProviderSentError) return { error: error.error, error_description: error.description };
  return {
    error: accessDeniedCodes.has(error.code) ? 'access_denied' : (oauthErrorOfStatus[error.status] ?? 'server_error'),
    error_code: error.code,
    error_description: error.message,
  };
}

function redirect(status: 302 | 303, location: URL): AuthReply {
  return { status, headers: { Location: location.href } };
}

function withErrorInQueryAndFragment(target: string, details: Record<string, string>): URL {
  const url = new URL(target);
  for (const [key, value] of Object.entries(details)) url.searchParams.set(key, value);
  // GoTrue also puts them in the fragment (to be deprecated), with `sb` marking it as Auth's.
  url.hash = new URLSearchParams({ ...details, sb: '' }).toString();
  return url;
}

async function loadFlow(request: AuthRequest, state: string | null): Promise<OAuthFlow> {
  if (!state) throw new AuthError(400, 'bad_oauth_callback', 'OAuth state parameter missing');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(state)) {
    throw new AuthError(400, 'bad_oauth_state', 'OAuth state parameter is invalid');
  }
  const flow = await failingAs('Error loading flow state', () => findOAuthFlowState(request.context.authPool, state));
  if (!flow) throw new AuthError(400, 'bad_oauth_state', 'OAuth state not found or expired');
  if (flow.expired) throw new AuthError(400, 'bad_oauth_state', 'OAuth state has expired');
  if (flow.isPkce && flow.userId !== null) throw new AuthError(400, 'flow_state_already_used', 'State has already been used');
  return flow;
}

export async function callback(request: AuthRequest): Promise<AuthReply> {
  const params = await readFormOrQuery(request);
  const { siteUrl } = request.context.config.auth;
  let flow: OAuthFlow;
  try {
    flow = await loadFlow(request, params.get('state'));
  } catch (error) {
    // GoTrue's loadFlowState middleware: back to the site URL, details in the query, 303.
    if (!(error instanceof AuthError)) throw error;
    const url = new URL(siteUrl);
    for (const [key, value] of Object.entries(errorParams(error))) url.searchParams.set(key, value);
    return redirect(303, url);
  }
  const referrer = flow.referrer || siteUrl;
  try {
    const outcome = await signInFromCallback(request, params, flow);
    if ('code' in outcome) {
      const url = new URL(referrer);
      url.searchParams.set('code', outcome.code);
      return redirect(302, url);
    }
    return redirect(302, sessionRedirect(referrer, outcome.session, outcome.tokens));
  } catch (error) {
    if (error instanceof ProviderSentError) return redirect(302, withErrorInQueryAndFragment(referrer, errorParams(error)));
    const authError = error instanceof AuthError ? error : databaseFailure('Unexpected failure, please check server logs for more information', error);
    if (authError.cause !== undefined) console.error(`[auth] ${authError.message}:`, authError.cause);
    return redirect(302, withErrorInQueryAndFragment(referrer, errorParams(authError)));
  }
}

/** Implicit flow: the session in the fragment, with the provider's tokens (AsRedirectURL). */
function sessionRedirect(referrer: string, session: SessionJson, tokens: ProviderTokens): URL {
  const url = new URL(referrer);
  url.hash = new URLSearchParams({
    access_token: session.access_token,
    expires_at: String(session.expires_at),
    expires_in: String(session.expires_in),
    provider_token: tokens.accessToken,
    ...(tokens.refreshToken ? { provider_refresh_token: tokens.refreshToken } : {}),
    refresh_token: session.refresh_token,
    token_type: session.token_type,
  }).toString();
  return url;
}

type CallbackOutcome = { code: string } | { session: SessionJson; tokens: ProviderTokens };

async function readPerson(request: AuthRequest, params: URLSearchParams, provider: ExternalProvider, flow: OAuthFlow) {
  const code = params.get('code');
  if (!code) throw new AuthError(400, 'bad_oauth_callback', 'OAuth callback with missing authorization code missing');
  let tokens: ProviderTokens;
  try {
    tokens = await exchangeCode(provider, code, callbackUrl(request), provider.pkce ? providerCodeVerifier(request, flow.id) : null);
  } catch (error) {
    throw databaseFailure(`Unable to exchange external code: ${code.slice(0, 4)}`, error);
  }
  let userData: ProviderUserData;
  try {
    userData = await fetchUserData(provider, tokens);
  } catch (error) {
    throw databaseFailure('Error getting user profile from external provider', error);
  }
  if (userData.emails.length === 0 && !flow.emailOptional) {
    throw new AuthError(500, 'unexpected_failure', 'Error getting user email from external provider');
  }
  // The primary email (else the last one) becomes the metadata's email, as in GoTrue.
  const claims: Record<string, unknown> = { ...userData.claims, email_verified: false };
  const email = userData.emails.find((candidate) => candidate.primary) ?? userData.emails.at(-1);
  if (email) Object.assign(claims, { email: email.email.toLowerCase(), email_verified: email.verified });
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  if (!sub) throw new AuthError(500, 'unexpected_failure', 'error missing provider id');
  return { tokens, claims, emails: userData.emails, sub };
}

async function signInFromCallback(request: AuthRequest, params: URLSearchParams, flow: OAuthFlow): Promise<CallbackOutcome> {
  const extError = params.get('error');
  if (extError) throw new ProviderSentError(extError, params.get('error_description') ?? '');
  const provider = request.context.externalProviders.get(flow.providerType);
  if (!provider?.enabled) throw new AuthError(400, 'oauth_provider_not_supported', 'Unsupported provider: provider is not enabled');
  const person = await readPerson(request, params, provider, flow);
  const { config } = request.context;
  const autoconfirm = !config.auth.enableConfirmations;
  const linking = { emails: person.emails, provider: provider.name, sub: person.sub, autoconfirm };
  const decision = await failingAs('Database error finding user', () => determineAccountLinking(request.context.authPool, linking));

  const finish = async (client: pg.PoolClient, user: UserRow): Promise<CallbackOutcome> => {
    if (!flow.isPkce) {
      const session = await startSession(client, request.context, user, 'oauth');
      await deleteFlowState(client, flow.id);
      return { session, tokens: person.tokens };
    }
    const code = await completeOAuthFlow(client, flow.id, user.id, person.tokens);
    if (!code) throw new AuthError(400, 'flow_state_already_used', 'State has already been used');
    return { code };
  };

  if (decision.decision === 'create_account') {
    if (!config.auth.enableSignup) throw new AuthError(422, 'signup_disabled', 'Signups not allowed for this instance');
    const email = decision.candidateEmail?.email || null;
    const confirmed = email !== null && (decision.candidateEmail?.verified === true || autoconfirm);
    // Without an email only an email_optional provider may sign in; an unconfirmed email is refused.
    const hasEmails = !(flow.emailOptional && email === null);
    if (hasEmails && !confirmed) throw emailNeedsVerification(provider.name);
    return createUser(
      request,
      {
        email,
        password: null,
        userMetadata: person.claims,
        emailConfirmed: confirmed,
        isAnonymous: false,
        externalIdentity: { provider: provider.name, providerId: person.sub, identityData: person.claims },
      },
      () => databaseFailure('Database error saving new user', new Error('the email was taken meanwhile')),
      finish,
    );
  }
  return inTransaction(request.context.authPool, async (client) => {
    const user = await applyToExistingUser(client, decision, provider.name, person.sub, person.claims);
    if (isBanned(user)) throw new AuthError(403, 'user_banned', 'User is banned');
    if (user.email && !user.email_confirmed_at) {
      if (!(decision.decision !== 'multiple_accounts' && (decision.candidateEmail?.verified || autoconfirm))) {
        throw emailNeedsVerification(provider.name);
      }
      await client.query('update auth.users set email_confirmed_at = now(), updated_at = now() where id = $1', [user.id]);
    }
    const current = await findUserById(client, user.id);
    return finish(client, current ?? user);
  }).catch((error: unknown) => {
    if (error instanceof AuthError) throw error;
    throw databaseFailure('Database error saving user', error);
  });
}

function emailNeedsVerification(provider: string): AuthError {
  return new AuthError(422, 'provider_email_needs_verification', `Unverified email with ${provider}. Verify the email with ${provider} in order to sign in`);
}

/** Links a new identity to the user, or refreshes the known identity; merges the claims into user_metadata. */
async function applyToExistingUser(
  client: pg.PoolClient,
  decision: Exclude<LinkingDecision, { decision: 'create_account' }>,
  provider: string,
  sub: string,
  claims: Record<string, unknown>,
): Promise<UserRow> {
  if (decision.decision === 'multiple_accounts') {
    throw new AuthError(500, 'unexpected_failure', 'Multiple accounts with the same email address in the same linking domain detected: default');
  }
  if (decision.decision === 'link_account') {
    await client.query(
      `insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, now(), now(), now())`,
      [crypto.randomUUID(), sub, decision.user.id, claims, provider],
    );
  } else {
    await client.query(
      'update auth.identities set identity_data = $2, last_sign_in_at = now(), updated_at = now() where id = $1',
      [decision.identityId, claims],
    );
  }
  // user_metadata takes the claims over what it had (UpdateUserMetaData); app_metadata lists the
  // user's providers, the first identity's first (UpdateAppMetaDataProviders).
  await client.query(
    `update auth.users u
        set raw_user_meta_data = coalesce(u.raw_user_meta_data, '{}') || $2::jsonb,
            raw_app_meta_data = coalesce(u.raw_app_meta_data, '{}')
              || jsonb_build_object('provider', p.providers -> 0, 'providers', p.providers),
            updated_at = now()
       from (select jsonb_agg(provider order by first_seen) as providers
               from (select provider, min(created_at) as first_seen from auth.identities
                      where user_id = $1 group by provider) i) p
      where u.id = $1`,
    [decision.user.id, claims],
  );
  const user = await findUserById(client, decision.user.id, { lock: true });
  if (!user) throw new AuthError(404, 'user_not_found', 'User not found');
  return user;
}
