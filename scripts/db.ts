// npm run db:start | db:stop | db:reset | db:status  [--profile=dev|test]
import { bootstrapCluster, isClusterRunning, runAsSuperuser, startCluster, stopCluster } from './lib/cluster.ts';
import { writeStackEnv } from './lib/env-file.ts';
import { databaseUrl, profileFromArgs, type StackProfile } from './lib/profile.ts';
import { remoteFlag, runSupabase } from './lib/supabase-cli.ts';

export async function startDatabase(profile: StackProfile): Promise<void> {
  await startCluster(profile);
  await bootstrapCluster(profile);
  await writeStackEnv(profile);
}

/**
 * Applies supabase/migrations and supabase/seed.sql with the real CLI, then puts back what the
 * reset removes but the image provides (pgTAP and the other extensions; the roles survive).
 */
export async function resetDatabase(profile: StackProfile, options: { seed?: boolean } = {}): Promise<void> {
  await startDatabase(profile);
  // The CLI drops non-Supabase extensions as postgres; on Supabase's image supautils lets it,
  // here only the superuser may, so pgTAP goes first and comes back with the bootstrap.
  await runAsSuperuser(profile, 'drop extension if exists pgtap cascade');
  const args = ['db', 'reset', remoteFlag(profile), '--yes'];
  if (options.seed === false) args.push('--no-seed');
  runSupabase(args, { capture: true });
  await bootstrapCluster(profile);
}

async function main(): Promise<void> {
  const [command] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const profile = profileFromArgs(process.argv);
  switch (command) {
    case 'start':
      await startDatabase(profile);
      console.log(`Database ready: ${databaseUrl(profile)}`);
      break;
    case 'reset':
      await resetDatabase(profile, { seed: !process.argv.includes('--no-seed') });
      console.log(`Database reset with migrations and seed: ${databaseUrl(profile)}`);
      break;
    case 'stop':
      stopCluster(profile);
      console.log(`Database (${profile.name}) stopped.`);
      break;
    case 'status':
      console.log(isClusterRunning(profile) ? `running on ${databaseUrl(profile)}` : 'stopped');
      break;
    default:
      throw new Error('Usage: tsx scripts/db.ts start|stop|reset|status [--profile=dev|test] [--no-seed]');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
