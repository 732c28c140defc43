// The real Supabase CLI (npm package `supabase`), pointed at a local stack's database.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { databaseUrl, projectRoot, type StackProfile } from './profile.ts';

const cliPath = path.join(projectRoot, 'node_modules', 'supabase', 'dist', 'supabase.js');

export function runSupabase(args: string[], options: { capture?: boolean } = {}): string {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: {
      ...process.env,
      SUPABASE_TELEMETRY_DISABLED: '1',
      DO_NOT_TRACK: '1',
      // The CLI takes a --remote URL on its own configured db port (54322, same as ours) for its
      // Docker database and asks Docker about it. Every call here targets our cluster, so point
      // the CLI's idea of its own database at a port nothing uses.
      SUPABASE_DB_PORT: '65001',
    },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const output = options.capture ? `\n${result.stdout}${result.stderr}` : '';
    throw new Error(`supabase ${args.join(' ')} failed (exit ${result.status})${output}`);
  }
  return result.stdout ?? '';
}

/** The local cluster has no TLS; saying so keeps the CLI from printing a warning into its output. */
export function remoteFlag(profile: StackProfile): string {
  return `--remote=${databaseUrl(profile)}?sslmode=disable`;
}
