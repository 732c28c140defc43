// The stack's env file: a JWT secret generated once per checkout, the anon and service_role
// keys signed with it, and the URLs of this stack. Existing secrets are kept, so sessions and
// keys survive restarts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { SignJWT } from 'jose';
import { databaseUrl, type StackProfile } from './profile.ts';

const stackEnvKeys = [
  'SUPABASE_URL',
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

export async function writeStackEnv(profile: StackProfile): Promise<StackEnv> {
  const existing = readEnvFile(profile.envFile);
  const secret = existing.SUPABASE_JWT_SECRET || crypto.randomBytes(48).toString('base64url');
  const keepKeys = existing.SUPABASE_JWT_SECRET === secret && existing.SUPABASE_ANON_KEY;
  const env: StackEnv = {
    SUPABASE_URL: `http://127.0.0.1:${profile.apiPort}`,
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
  // Keep any variable the developer added by hand.
  const merged: Record<string, string> = { ...existing, ...env };
  const body = Object.entries(merged).map(([key, value]) => `${key}=${value}`).join('\n');
  fs.mkdirSync(profile.dir, { recursive: true });
  fs.writeFileSync(
    profile.envFile,
    `# Written by the local stack (${profile.name}); see .env.example. Do not commit.\n${body}\n`,
    { mode: 0o600 },
  );
  return env;
}

export function readStackEnv(profile: StackProfile): StackEnv {
  const values = readEnvFile(profile.envFile);
  const missing = stackEnvKeys.filter((key) => !values[key]);
  if (missing.length > 0) {
    throw new Error(`${profile.envFile} lacks ${missing.join(', ')}: start the stack first (npm run stack).`);
  }
  return Object.fromEntries(stackEnvKeys.map((key) => [key, values[key]])) as StackEnv;
}
