// The local identity provider's secrets, made once per checkout and profile and kept in
// .local/<profile>/identity-provider.json (git-ignored, like signing_keys.json): the client id and
// secret Auth uses for each provider, the provider's RS256 signing key and its cookie keys.
// Kept across runs so sessions and registered clients survive a restart.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import type { StackProfile } from '../../lib/profile.ts';

export type ProviderKind = 'line' | 'kakao';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface IdentityProviderSecrets {
  clients: Record<ProviderKind, ClientCredentials>;
  /** Private JWK (RS256) the provider signs ID tokens with. */
  signingKey: JWK;
  cookieKeys: string[];
}

export function identityProviderSecretsPath(profile: StackProfile): string {
  return path.join(profile.dir, 'identity-provider.json');
}

function newSecrets(): IdentityProviderSecrets {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' } as JWK;
  // LINE channel ids are ten digits; Kakao's REST API keys are 32 hex characters.
  return {
    clients: {
      line: { clientId: String(crypto.randomInt(1_000_000_000, 9_999_999_999)), clientSecret: crypto.randomBytes(16).toString('hex') },
      kakao: { clientId: crypto.randomBytes(16).toString('hex'), clientSecret: crypto.randomBytes(24).toString('base64url') },
    },
    signingKey,
    cookieKeys: [crypto.randomBytes(32).toString('base64url')],
  };
}

/** The profile's identity provider secrets, made when missing (or unreadable) and kept. */
export function ensureIdentityProviderSecrets(profile: StackProfile): IdentityProviderSecrets {
  const file = identityProviderSecretsPath(profile);
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<IdentityProviderSecrets>;
    if (stored.clients?.line && stored.clients.kakao && stored.signingKey && stored.cookieKeys?.length) {
      return stored as IdentityProviderSecrets;
    }
  }
  const secrets = newSecrets();
  fs.mkdirSync(profile.dir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
