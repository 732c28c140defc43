// The stack's env file and signing keys: generated once per checkout and kept across runs, so
// sessions and keys survive restarts. Supabase's current API keys (a publishable and a secret
// key, opaque `sb_…` strings the gateway maps to the anon and service_role roles), the legacy
// JWT secret with the legacy anon and service_role keys signed with it, and the URLs of this
// stack. The ES256 key access tokens are signed with lives next to the env file in
// signing_keys.json (the CLI's signing_keys_path format), git-ignored like it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT, type JWK } from 'jose';
import { generateSigningKey } from '../local-stack/api/jwt.ts';
import { ensureIdentityProviderSecrets } from '../local-stack/identity-provider/secrets.ts';
import { databaseUrl, type StackProfile } from './profile.ts';

const stackEnvKeys = [
  'SUPABASE_URL',
  'SUPABASE_PUBLISHABLE_KEY',
  'SUPABASE_SECRET_KEY',
  'SUPABASE_ANON_KEY',
  'SUPABASE_SERVICE_ROLE_KEY',
  'SUPABASE_JWT_SECRET',
  'DATABASE_URL',
  'MAIL_URL',
  'SMTP_URL',
  'APP_URL',
  'PORT',
] as const;

export type StackEnv = Record<(typeof stackEnvKeys)[number], string>;

export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (match) values[match[1]] = match[2].trim().replace(/^"(.*)"$/, '$1');
  }
  return values;
}

export function readEnvFile(file: string): Record<string, string> {
  return fs.existsSync(file) ? parseEnvFile(fs.readFileSync(file, 'utf8')) : {};
}

async function signApiKey(role: 'anon' | 'service_role', secret: string): Promise<string> {
  // Long-lived keys carrying only the role, like the ones `supabase start` prints.
  const issuedAt = Math.floor(Date.now() / 1000);
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('supabase-local')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 10 * 365 * 24 * 3600)
    .sign(new TextEncoder().encode(secret));
}

/** `sb_publishable_…` / `sb_secret_…`: opaque random strings, not JWTs, as Supabase issues them. */
function newApiKey(kind: 'publishable' | 'secret'): string {
  return `sb_${kind}_${crypto.randomBytes(24).toString('base64url')}`;
}

/** Where the stack keeps its signing keys: git-ignored, next to the profile's cluster and logs. */
export function signingKeysPath(profile: StackProfile): string {
  return path.join(profile.dir, 'signing_keys.json');
}

/** The profile's signing keys (private JWKs); made once, like the JWT secret, when missing. */
export function ensureSigningKeys(profile: StackProfile): JWK[] {
  const file = signingKeysPath(profile);
  if (fs.existsSync(file)) return readSigningKeys(file);
  const keys = [generateSigningKey()];
  fs.mkdirSync(profile.dir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}

export function readSigningKeys(file: string): JWK[] {
  const keys: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(keys)) throw new Error(`${file} must be a JSON array of JWKs (supabase gen signing-key writes one).`);
  return keys as JWK[];
}

export async function writeStackEnv(profile: StackProfile): Promise<StackEnv> {
  const existing = readEnvFile(profile.envFile);
  const secret = existing.SUPABASE_JWT_SECRET || crypto.randomBytes(48).toString('base64url');
  const keepKeys = existing.SUPABASE_JWT_SECRET === secret && existing.SUPABASE_ANON_KEY;
  ensureSigningKeys(profile);
  const env: StackEnv = {
    SUPABASE_URL: `http://127.0.0.1:${profile.apiPort}`,
    SUPABASE_PUBLISHABLE_KEY: existing.SUPABASE_PUBLISHABLE_KEY?.startsWith('sb_publishable_')
      ? existing.SUPABASE_PUBLISHABLE_KEY
      : newApiKey('publishable'),
    SUPABASE_SECRET_KEY: existing.SUPABASE_SECRET_KEY?.startsWith('sb_secret_') ? existing.SUPABASE_SECRET_KEY : newApiKey('secret'),
    SUPABASE_ANON_KEY: keepKeys ? existing.SUPABASE_ANON_KEY : await signApiKey('anon', secret),
    SUPABASE_SERVICE_ROLE_KEY: keepKeys
      ? existing.SUPABASE_SERVICE_ROLE_KEY
      : await signApiKey('service_role', secret),
    SUPABASE_JWT_SECRET: secret,
    DATABASE_URL: databaseUrl(profile),
    MAIL_URL: `http://127.0.0.1:${profile.mailPort}`,
    SMTP_URL: `smtp://127.0.0.1:${profile.smtpPort}`,
    APP_URL: `http://localhost:${profile.appPort}`,
    PORT: String(profile.appPort),
  };
  // The local Kakao app's credentials, which config.toml's [auth.external.kakao] reads with env()
  // (the stand-in takes them from the identity provider's secrets file; `supabase start` from here).
  const identityProvider = ensureIdentityProviderSecrets(profile);
  const oauthEnv = {
    SUPABASE_AUTH_EXTERNAL_KAKAO_CLIENT_ID: identityProvider.clients.kakao.clientId,
    SUPABASE_AUTH_EXTERNAL_KAKAO_SECRET: identityProvider.clients.kakao.clientSecret,
  };
  // Keep any variable the developer added by hand.
  const merged: Record<string, string> = { ...existing, ...env, ...oauthEnv };
  const body = Object.entries(merged).map(([key, value]) => `${key}=${value}`).join('\n');
  fs.mkdirSync(profile.dir, { recursive: true });
  fs.writeFileSync(
    profile.envFile,
    `# Written by the local stack (${profile.name}); see .env.example. Do not commit.\n${body}\n`,
    { mode: 0o600 },
  );
  return env;
}

/**
 * What the app server is started with: the stack's env without the legacy keys, the secret key
 * and the JWT secret, so every local run proves the app works on the publishable key alone.
 */
export function appEnv(env: StackEnv): Record<string, string> {
  const { SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY, SUPABASE_SECRET_KEY, SUPABASE_JWT_SECRET, ...forApp } = env;
  void [SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY, SUPABASE_SECRET_KEY, SUPABASE_JWT_SECRET];
  return forApp;
}

export function readStackEnv(profile: StackProfile): StackEnv {
  const values = readEnvFile(profile.envFile);
  const missing = stackEnvKeys.filter((key) => !values[key]);
  if (missing.length > 0) {
    throw new Error(`${profile.envFile} lacks ${missing.join(', ')}: start the stack first (npm run stack).`);
  }
  return Object.fromEntries(stackEnvKeys.map((key) => [key, values[key]])) as StackEnv;
}
