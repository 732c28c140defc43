// npm run stack [--profile=…] [--reset] [--app]: database + API stand-in + mail viewer + mailer, in the
// foreground until Ctrl-C. Prints the env the app and scripts use. --app also builds the app
// and serves it on the profile's app port (for working on a scratch stack).
import { startMailer } from '../mailer/mailer.ts';
import { startLocalApi } from './local-stack/api/main.ts';
import { isClusterRunning, stopCluster } from './lib/cluster.ts';
import { appEnv, readStackEnv } from './lib/env-file.ts';
import { runTool, startTool, stopProcess, waitForHttp } from './lib/processes.ts';
import { appBuildEnv, profileFromArgs } from './lib/profile.ts';
import { resetDatabase, startDatabase } from './db.ts';

async function main(): Promise<void> {
  const profile = profileFromArgs(process.argv);
  const databaseWasRunning = isClusterRunning(profile);
  if (process.argv.includes('--reset')) await resetDatabase(profile);
  else await startDatabase(profile);
  const api = await startLocalApi(profile);
  const env = readStackEnv(profile);
  const mailer = startMailer({
    databaseUrl: env.DATABASE_URL, smtpUrl: env.SMTP_URL, appUrl: env.APP_URL,
    supabaseUrl: env.SUPABASE_URL, supabaseAnonKey: env.SUPABASE_ANON_KEY,
  });
  api.attachMailer(mailer);
  console.log(`Local stack (${profile.name}) is up. Env (also in ${profile.envFile}):`);
  for (const key of ['SUPABASE_URL', 'SUPABASE_PUBLISHABLE_KEY', 'SUPABASE_SECRET_KEY', 'DATABASE_URL', 'MAIL_URL', 'SMTP_URL'] as const) {
    console.log(`  ${key}=${env[key]}`);
  }
  const build = appBuildEnv(profile);
  const app = process.argv.includes('--app') && (await runTool('remix', ['build'], build.env))
    ? startTool('node', ['server/index.js', build.serverFile], { ...appEnv(env), NODE_ENV: 'production' })
    : undefined;
  if (app) {
    await waitForHttp(env.APP_URL);
    console.log(`  APP_URL=${env.APP_URL}`);
  }
  console.log('Press Ctrl-C to stop.');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopProcess(app);
    await mailer.stop();
    await api.stop();
    // Leave a database we did not start running (e.g. one `npm start` in another terminal uses).
    if (!databaseWasRunning) stopCluster(profile);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
