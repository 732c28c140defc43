// npm run test:db [--profile=test] [--no-reset] [files…]
// Runs supabase/tests with pg_prove exactly as `supabase test db` does: pgtap in `extensions`,
// connected as postgres, `--ext .pg --ext .sql -r supabase/tests`. Resets the profile's
// database first (migrations + seed) unless --no-reset.
import { spawnSync } from 'node:child_process';
import { databaseUrl, getProfile, profileFromArgs, projectRoot, type StackProfile } from './lib/profile.ts';
import { resetDatabase, startDatabase } from './db.ts';

export async function runDatabaseTests(profile: StackProfile, options: { reset: boolean; files?: string[] }): Promise<void> {
  if (options.reset) await resetDatabase(profile);
  else await startDatabase(profile);
  const url = new URL(databaseUrl(profile));
  const targets = options.files?.length ? options.files : ['supabase/tests'];
  const result = spawnSync(
    'pg_prove',
    ['--ext', '.pg', '--ext', '.sql', '-r', '--host', url.hostname, '--port', url.port, '--username', 'postgres',
      '--dbname', 'postgres', ...targets],
    { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, PGPASSWORD: 'postgres' } },
  );
  if (result.status !== 0) throw new Error('pgTAP tests failed');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const profile = args.some((arg) => arg.startsWith('--profile=')) ? profileFromArgs(args) : getProfile('test');
  runDatabaseTests(profile, {
    reset: !args.includes('--no-reset'),
    files: args.filter((arg) => !arg.startsWith('--')),
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
