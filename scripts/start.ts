// npm start: database → migrations + seed (supabase db reset) → API stand-in + mail viewer + mailer →
// build and serve the app on http://localhost:3000. Ctrl-C stops everything it started.
// npm run dev (--dev): the same, with the app rebuilt and reloaded on change (remix dev).
import type { ChildProcess } from 'node:child_process';
import { startMailer, type RunningMailer } from '../mailer/mailer.ts';
import { startLocalApi, type RunningApi } from './local-stack/api/main.ts';
import { isClusterRunning, isPortFree, stopCluster } from './lib/cluster.ts';
import { appEnv, readStackEnv } from './lib/env-file.ts';
import { runTool, startTool, stopProcess, waitForHttp } from './lib/processes.ts';
import { getProfile } from './lib/profile.ts';
import { resetDatabase } from './db.ts';

const profile = getProfile('dev');
const devMode = process.argv.includes('--dev');

let api: RunningApi | undefined;
let mailer: RunningMailer | undefined;
let app: ChildProcess | undefined;
const databaseWasRunning = isClusterRunning(profile);
let stopping = false;

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stopProcess(app);
  await mailer?.stop();
  await api?.stop();
  if (!databaseWasRunning) stopCluster(profile);
  process.exit(code);
}

async function main(): Promise<void> {
  if (!(await isPortFree(profile.appPort))) {
    throw new Error(
      `Port ${profile.appPort} is taken (is another \`npm start\` running?). Stop it, or find it with: ss -ltnp 'sport = :${profile.appPort}'`,
    );
  }
  console.log('Starting the database and applying migrations + seed …');
  await resetDatabase(profile);
  api = await startLocalApi(profile);
  const env = readStackEnv(profile);
  mailer = startMailer({
    databaseUrl: env.DATABASE_URL, smtpUrl: env.SMTP_URL, appUrl: env.APP_URL,
    supabaseUrl: env.SUPABASE_URL, supabaseAnonKey: env.SUPABASE_ANON_KEY,
  });
  api.attachMailer(mailer);
  if (devMode) {
    // remix dev rebuilds on change and restarts our server (server/index.js); its HMR socket
    // needs a port of its own.
    app = startTool('remix', ['dev', '--port', '3010', '-c', 'node server/index.js build/index.js'], { ...appEnv(env), NODE_ENV: 'development' });
  } else {
    console.log('Building the app …');
    if (!(await runTool('remix', ['build']))) throw new Error('The app build failed; see the output above.');
    app = startTool('node', ['server/index.js', 'build/index.js'], { ...appEnv(env), NODE_ENV: 'production' });
  }
  app.once('exit', (code) => {
    // Ctrl-C reaches the app server too; only an exit we did not ask for is an error.
    if (stopping) return;
    console.error(`The app server exited unexpectedly (${code ?? 'signal'}).`);
    void stopAll(1);
  });
  await waitForHttp(env.APP_URL, 60_000);
  console.log(`
  App          ${env.APP_URL}
  API          ${env.SUPABASE_URL}  (auth: /auth/v1, rest: /rest/v1)
  Mail viewer  ${env.MAIL_URL}  (SMTP ${env.SMTP_URL}; the mailer sends there)
  Database     ${env.DATABASE_URL}
  Env file     ${profile.envFile}

  Demo accounts: admin@example.com / password123 (admin), member@example.com / password123.
  Press Ctrl-C to stop everything.`);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
});
