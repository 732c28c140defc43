// The OAuth providers the stand-in's Auth offers, and how it reads a person from each, as
// GoTrue's provider code does: LINE registered as the custom OIDC provider `custom:line`
// (internal/api/provider/custom_oauth.go: the ID token's claims), Kakao as the built-in `kakao`
// (internal/api/provider/kakao.go: Kakao's user API mapped to GoTrue's claims). Locally both
// point at the local identity provider (scripts/local-stack/identity-provider).
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

export type ProviderStyle = 'oidc' | 'kakao';

export interface ExternalProvider {
  /** The name supabase-js passes: `custom:line`, `kakao`. */
  name: string;
  style: ProviderStyle;
  enabled: boolean;
  /** GoTrue's email_optional: sign-in works without an email from the provider. */
  emailOptional: boolean;
  /** GoTrue sends its own PKCE challenge to the provider (custom providers: on by default). */
  pkce: boolean;
  clientId: string;
  clientSecret: string;
  /** OIDC: the issuer (endpoints from discovery). Kakao: the host of its three endpoints (GoTrue's `url`). */
  baseUrl: string;
  /** Scopes GoTrue always asks for; the request's `scopes` are added. */
  defaultScopes: string[];
}

/** GoTrue's provider.Email. */
export interface ProviderEmail {
  email: string;
  verified: boolean;
  primary: boolean;
}

/** GoTrue's provider.UserProvidedData: the claims become identity_data and user_metadata. */
export interface ProviderUserData {
  emails: ProviderEmail[];
  claims: Record<string, unknown>;
}

export interface ProviderTokens {
  accessToken: string;
  refreshToken: string;
  idToken?: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  issuer: string;
}

const discoveries = new Map<string, Promise<Discovery>>();
const keySets = new Map<string, JWTVerifyGetKey>();

async function discover(issuer: string): Promise<Discovery> {
  let found = discoveries.get(issuer);
  if (!found) {
    found = fetch(`${issuer}/.well-known/openid-configuration`).then(async (response) => {
      if (!response.ok) throw new Error(`OIDC discovery at ${issuer} answered ${response.status}`);
      return (await response.json()) as Discovery;
    });
    // A failed discovery is tried again next time (the provider may start later).
    found.catch(() => discoveries.delete(issuer));
    discoveries.set(issuer, found);
  }
  return found;
}

export async function authorizationEndpoint(provider: ExternalProvider): Promise<string> {
  if (provider.style === 'kakao') return `${provider.baseUrl}/oauth/authorize`;
  return (await discover(provider.baseUrl)).authorization_endpoint;
}

async function tokenEndpoint(provider: ExternalProvider): Promise<string> {
  if (provider.style === 'kakao') return `${provider.baseUrl}/oauth/token`;
  return (await discover(provider.baseUrl)).token_endpoint;
}

/** The authorization code → tokens exchange (client secret in the form, as both providers take it). */
export async function exchangeCode(provider: ExternalProvider, code: string, redirectUri: string, codeVerifier: string | null): Promise<ProviderTokens> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: provider.clientId,
    client_secret: provider.clientSecret,
  });
  if (codeVerifier) form.set('code_verifier', codeVerifier);
  const response = await fetch(await tokenEndpoint(provider), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: form,
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new Error(`token endpoint answered ${response.status}: ${String(body.error ?? '')} ${String(body.error_description ?? '')}`);
  }
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : '',
    idToken: typeof body.id_token === 'string' ? body.id_token : undefined,
  };
}

function emailsOf(email: unknown, verified: boolean): ProviderEmail[] {
  return typeof email === 'string' && email !== '' ? [{ email, verified, primary: true }] : [];
}

/**
 * GoTrue's Claims struct as structs.Map turns it into identity data: the claims it knows, left
 * out when empty, except `email_verified` and `phone_verified`, which are always there.
 */
const knownClaims = [
  'iss', 'sub', 'aud', 'iat', 'exp', 'name', 'family_name', 'given_name', 'middle_name', 'nickname',
  'preferred_username', 'profile', 'picture', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale',
  'updated_at', 'email', 'phone', 'full_name', 'avatar_url', 'slug', 'provider_id', 'user_name',
] as const;

function asGoTrueClaims(raw: Record<string, unknown>): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const key of knownClaims) {
    const value = raw[key];
    if (value !== undefined && value !== null && value !== '' && value !== 0) claims[key] = value;
  }
  claims.email_verified = raw.email_verified === true;
  claims.phone_verified = raw.phone_verified === true;
  return claims;
}

/** OIDC: the verified ID token's claims (ParseIDToken, then parseGenericIDToken). */
async function oidcUserData(provider: ExternalProvider, tokens: ProviderTokens): Promise<ProviderUserData> {
  if (!tokens.idToken) throw new Error('no ID token or userinfo endpoint available');
  const discovery = await discover(provider.baseUrl);
  let keys = keySets.get(discovery.jwks_uri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
    keySets.set(discovery.jwks_uri, keys);
  }
  const { payload } = await jwtVerify(tokens.idToken, keys, { issuer: discovery.issuer, audience: provider.clientId });
  const claims = asGoTrueClaims(payload as Record<string, unknown>);
  return { emails: emailsOf(claims.email, claims.email_verified === true), claims };
}

interface KakaoUser {
  id: number;
  kakao_account?: {
    profile?: { nickname?: string; profile_image_url?: string };
    email?: string;
    is_email_valid?: boolean;
    is_email_verified?: boolean;
  };
}

/** Kakao: GET /v2/user/me, mapped as GoTrue's kakao.go maps it. */
async function kakaoUserData(provider: ExternalProvider, tokens: ProviderTokens): Promise<ProviderUserData> {
  const response = await fetch(`${provider.baseUrl}/v2/user/me`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
  if (!response.ok) throw new Error(`Kakao's user API answered ${response.status}`);
  const user = (await response.json()) as KakaoUser;
  const account = user.kakao_account ?? {};
  const nickname = account.profile?.nickname ?? '';
  const id = String(user.id);
  const claims = asGoTrueClaims({
    iss: provider.baseUrl,
    sub: id,
    name: nickname,
    preferred_username: nickname,
    avatar_url: account.profile?.profile_image_url,
    full_name: nickname,
    provider_id: id,
    user_name: nickname,
  });
  return { emails: emailsOf(account.email, account.is_email_verified === true && account.is_email_valid === true), claims };
}

export function fetchUserData(provider: ExternalProvider, tokens: ProviderTokens): Promise<ProviderUserData> {
  return provider.style === 'kakao' ? kakaoUserData(provider, tokens) : oidcUserData(provider, tokens);
}
