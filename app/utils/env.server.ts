// The server's environment, parsed once at first use. Only the public key is read here: every
// request runs as the signed-in user so that RLS authorises it; the secret key belongs to scripts
// and tests and must never reach a route. The public key is Supabase's publishable key
// (`sb_publishable_…`); a project still on the legacy keys may give its anon key instead.
import { z } from '~/utils/zod';

const ServerEnvSchema = z.object({
  SUPABASE_URL: z.url({
    error: (issue) =>
      issue.input === undefined ? 'is required' : 'must be a URL such as http://127.0.0.1:54321',
  }),
  SUPABASE_PUBLISHABLE_KEY: z
    .string({ error: 'is required (or, on a project still on the legacy keys, SUPABASE_ANON_KEY)' })
    .min(1, 'is required')
    .refine((key) => !key.startsWith('sb_secret_'), 'must be the publishable key, never a secret key (sb_secret_…)'),
});

export type ServerEnv = z.infer<typeof ServerEnvSchema>;

/** Parses the given variables; throws one readable message naming every missing or bad variable. */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = ServerEnvSchema.safeParse({
    SUPABASE_URL: source.SUPABASE_URL || undefined,
    SUPABASE_PUBLISHABLE_KEY: source.SUPABASE_PUBLISHABLE_KEY || source.SUPABASE_ANON_KEY || undefined,
  });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')} ${issue.message}`);
  throw new Error(
    `The app's environment is incomplete:\n${problems.join('\n')}\n` +
      'Start a local stack (npm run stack) and load its env file (.env), or set these variables.',
  );
}

let cachedEnv: ServerEnv | undefined;

/** The process environment, validated on first use so a misconfigured server fails loudly. */
export function getServerEnv(): ServerEnv {
  cachedEnv ??= parseServerEnv(process.env);
  return cachedEnv;
}
