// npm run mailer: the mailer on its own, against any database and SMTP server (production: any
// SMTP provider). Reads DATABASE_URL, SMTP_URL, APP_URL (and SUPABASE_URL + SUPABASE_ANON_KEY for
// password_reset mails, which Auth sends; MAIL_FROM, MAIL_TIME_ZONE,
// MAILER_POLL_MS, MAILER_LEASE_MS, MAILER_BACKOFF_MS, MAILER_MAX_ATTEMPTS, MAILER_NAME) from the
// environment, else from the dev stack's .env. SIGTERM / SIGINT: finish the mail in hand, exit 0.
import { readEnvFile } from '../scripts/lib/env-file.ts';
import { getProfile } from '../scripts/lib/profile.ts';
import { startMailer } from './mailer.ts';

const fileEnv = readEnvFile(getProfile('dev').envFile);
const env = (key: string): string | undefined => process.env[key] || fileEnv[key] || undefined;
const number = (key: string): number | undefined => (env(key) ? Number(env(key)) : undefined);

const required = ['DATABASE_URL', 'SMTP_URL', 'APP_URL'].filter((key) => !env(key));
if (required.length > 0) {
  console.error(`The mailer needs ${required.join(', ')} (environment or .env; see .env.example).`);
  process.exit(1);
}

const mailer = startMailer({
  databaseUrl: env('DATABASE_URL')!,
  smtpUrl: env('SMTP_URL')!,
  appUrl: env('APP_URL')!,
  supabaseUrl: env('SUPABASE_URL'),
  supabaseAnonKey: env('SUPABASE_ANON_KEY') ?? env('SUPABASE_PUBLISHABLE_KEY'),
  from: env('MAIL_FROM'),
  name: env('MAILER_NAME'),
  timeZone: env('MAIL_TIME_ZONE'),
  pollMs: number('MAILER_POLL_MS'),
  leaseMs: number('MAILER_LEASE_MS'),
  backoffMs: number('MAILER_BACKOFF_MS'),
  maxAttempts: number('MAILER_MAX_ATTEMPTS'),
});
console.log(`[mailer] ${mailer.name} sending to ${new URL(env('SMTP_URL')!).host}`);

const stop = () => void mailer.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
