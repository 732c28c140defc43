// GET /settings, GET /health and GET /.well-known/jwks.json: what supabase-js and people probe to
// see what Auth offers and how to verify its tokens.
import type { AuthReply, AuthRequest } from '../request.ts';

// The built-in providers GoTrue's /settings lists, each true only when enabled (custom
// providers such as custom:line are not listed there).
const listedProviders = [
  'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'snapchat', 'figma', 'fly', 'github', 'gitlab', 'google',
  'keycloak', 'kakao', 'linkedin', 'linkedin_oidc', 'notion', 'spotify', 'slack', 'slack_oidc', 'workos', 'twitch',
  'twitter', 'zoom',
];

export function settings(request: AuthRequest): Promise<AuthReply> {
  const auth = request.context.config.auth;
  const providers = Object.fromEntries(
    listedProviders.map((name) => [name, request.context.externalProviders.get(name)?.enabled === true]),
  );
  return Promise.resolve({
    status: 200,
    body: {
      external: { anonymous_users: auth.enableAnonymousSignIns, ...providers, email: true, phone: false },
      disable_signup: !auth.enableSignup,
      mailer_autoconfirm: !auth.enableConfirmations,
      phone_autoconfirm: false,
      sms_provider: '',
      saml_enabled: false,
    },
  });
}

export function health(): Promise<AuthReply> {
  return Promise.resolve({
    status: 200,
    body: { version: 'local-stand-in', name: 'GoTrue', description: 'GoTrue subset of the Docker-free local stack' },
  });
}

/**
 * The public halves of the signing keys, as GoTrue's WellKnownJwks serves them (never the HMAC
 * secret; `use: "sig"`, `key_ops: ["verify"]`), cacheable for 10 minutes like GoTrue's response.
 * auth-js's getClaims() fetches it once and caches it for 10 minutes (JWKS_TTL), so verifying a
 * session costs no Auth request.
 */
export function jwks(request: AuthRequest): Promise<AuthReply> {
  return Promise.resolve({
    status: 200,
    body: request.context.tokenKeys.jwks,
    headers: { 'Cache-Control': 'public, max-age=600' },
  });
}
