// The two OAuth providers of the store as the stand-in's Auth offers them, both answered by the
// local identity provider (scripts/local-stack/identity-provider):
// - `kakao`, GoTrue's built-in provider, on when config.toml's [auth.external.kakao] says so;
//   its `url` is the local provider (as GoTrue's `url` setting moves Kakao's hosts).
// - `custom:line`, a custom OIDC provider. config.toml has no place for a custom provider's
//   settings (on a hosted project it is created in the dashboard or with the admin API), so its
//   registration lives here, with the settings README asks for on a hosted project.
import type { StandInConfig } from '../config.ts';
import type { IdentityProviderSecrets } from '../../identity-provider/secrets.ts';
import type { ExternalProvider } from './external-providers.ts';

/** What README's "Sign in with LINE and Kakao" registers as `custom:line` on a hosted project. */
export const lineRegistration = {
  name: 'custom:line',
  enabled: true,
  // LINE sends an email only when the person agrees to share it (and the channel may ask at all).
  emailOptional: true,
  // Custom providers use PKCE towards the provider by default.
  pkce: true,
  scopes: ['openid', 'profile', 'email'],
};

// GoTrue's kakao.go asks for these whatever the request adds.
const KAKAO_SCOPES = ['account_email', 'profile_image', 'profile_nickname'];

export function localExternalProviders(
  config: StandInConfig,
  identityProvider: { issuer: string; secrets: IdentityProviderSecrets },
): ExternalProvider[] {
  const { issuer, secrets } = identityProvider;
  const kakao = config.auth.external.kakao;
  return [
    {
      name: lineRegistration.name,
      style: 'oidc',
      enabled: lineRegistration.enabled,
      emailOptional: lineRegistration.emailOptional,
      pkce: lineRegistration.pkce,
      clientId: secrets.clients.line.clientId,
      clientSecret: secrets.clients.line.clientSecret,
      baseUrl: issuer,
      defaultScopes: lineRegistration.scopes,
    },
    {
      name: 'kakao',
      style: 'kakao',
      enabled: kakao?.enabled === true,
      emailOptional: kakao?.emailOptional === true,
      pkce: false,
      clientId: secrets.clients.kakao.clientId,
      clientSecret: secrets.clients.kakao.clientSecret,
      baseUrl: issuer,
      defaultScopes: KAKAO_SCOPES,
    },
  ];
}
