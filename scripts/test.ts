// npm test: every suite, on the `test` stack (own cluster and ports, never the dev data):
// types, lint, generated-types drift, advisors, pgTAP, vitest (unit + integration through
// supabase-js against the running stand-in), the resilience suite (the test database restarts
// under the stand-in), browser tests against the built app.
// Safe while a dev stack runs; idempotent; starts what it needs and stops what it started.
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startMailer, type RunningMailer } from '../mailer/mailer.ts';
import { startLocalApi, type RunningApi } from './local-stack/api/main.ts';
import { isClusterRunning, stopCluster } from './lib/cluster.ts';
import { appEnv, readStackEnv } from './lib/env-file.ts';
import { runTool, startTool, stopProcess, waitForHttp } from './lib/processes.ts';
import { appBuildEnv, getProfile } from './lib/profile.ts';
import { remoteFlag, runSupabase } from './lib/supabase-cli.ts';
import { browserPackages, ensureDebianPackages } from './lib/system.ts';
import { resetDatabase } from './db.ts';
import { checkTypesAreCurrent } from './gen-types.ts';
import { runDatabaseTests } from './test-db.ts';

const profile = getProfile('test');
const build = appBuildEnv(profile);
const testEnv = { STACK_PROFILE: profile.name };

interface Step {
  name: string;
  run: () => Promise<boolean | void> | boolean | void;
  /** A failed setup step makes the steps after it meaningless. */
  setup?: boolean;
}

let api: RunningApi | undefined;
let mailer: RunningMailer | undefined;
let app: ChildProcess | undefined;
const databaseWasRunning = isClusterRunning(profile);

const steps: Step[] = [
  { name: 'typecheck', run: () => runTool('tsc', ['--noEmit']) },
  { name: 'lint', run: () => runTool('eslint', ['.', '--max-warnings=0']) },
  { name: 'database reset (migrations + seed via supabase db reset)', setup: true, run: () => resetDatabase(profile) },
  { name: 'generated types match the migrations', run: () => checkTypesAreCurrent(profile) },
  {
    name: 'advisors (supabase db advisors --level warn --fail-on warn)',
    run: () => {
      runSupabase(['db', 'advisors', remoteFlag(profile), '--type', 'all', '--level', 'warn', '--fail-on', 'warn']);
    },
  },
  { name: 'pgTAP (pg_prove supabase/tests)', run: () => runDatabaseTests(profile, { reset: false }) },
  {
    name: 'local API stand-in and mailer',
    setup: true,
    run: async () => {
      api = await startLocalApi(profile);
      // The test stack sends its mail like any other; mailer tests pause it (the viewer's API).
      const env = readStackEnv(profile);
      mailer = startMailer({
        databaseUrl: env.DATABASE_URL, smtpUrl: env.SMTP_URL, appUrl: env.APP_URL,
        supabaseUrl: env.SUPABASE_URL, supabaseAnonKey: env.SUPABASE_ANON_KEY, log: () => {},
      });
      api.attachMailer(mailer);
    },
  },
  { name: 'vitest (unit, stand-in conformance, integration)', run: () => runTool('vitest', ['run'], testEnv) },
  // Restarts the test database under the running stand-in, so it runs alone, after the rest.
  {
    name: 'resilience (database restarts under the stand-in)',
    run: () => runTool('vitest', ['run', '--config', 'tests/resilience/vitest.config.ts'], testEnv),
  },
  {
    name: 'app build and server',
    setup: true,
    run: async () => {
      ensureDebianPackages(browserPackages);
      if (!(await runTool('remix', ['build'], build.env))) return false;
      const env = readStackEnv(profile);
      app = startTool('node', ['server/index.js', build.serverFile], { ...appEnv(env), NODE_ENV: 'production' }, path.join(profile.dir, 'app.log'));
      await waitForHttp(env.APP_URL);
    },
  },
  // Needs the app served, so it runs after the step above (its files are *.spec.ts, see its config).
  {
    name: 'app over HTTP (security headers, private pages, actions refuse bodies that are no form)',
    run: () => runTool('vitest', ['run', '--config', 'tests/app-http/vitest.config.ts'], testEnv),
  },
  { name: 'browser tests (Chromium)', run: () => runTool('tsx', ['scripts/test-browser.ts'], testEnv) },
];

async function cleanUp(): Promise<void> {
  await stopProcess(app);
  await mailer?.stop();
  await api?.stop();
  if (!databaseWasRunning) stopCluster(profile);
}

async function main(): Promise<number> {
  const results: { name: string; ok: boolean; seconds: number }[] = [];
  const started = Date.now();
  for (const step of steps) {
    console.log(`\n━━ ${step.name}`);
    const stepStart = Date.now();
    let ok: boolean;
    try {
      ok = (await step.run()) !== false;
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      ok = false;
    }
    results.push({ name: step.name, ok, seconds: (Date.now() - stepStart) / 1000 });
    if (!ok && step.setup) break;
  }
  await cleanUp();
  console.log('\n━━ Summary');
  for (const result of results) {
    console.log(`${result.ok ? 'ok  ' : 'FAIL'}  ${result.name} (${result.seconds.toFixed(1)}s)`);
  }
  const failed = results.filter((result) => !result.ok).length;
  const skipped = steps.length - results.length;
  console.log(`Total ${((Date.now() - started) / 1000).toFixed(0)}s`);
  console.log(`suites: ${results.length - failed} passed, ${failed + skipped} failed`);
  return failed + skipped === 0 ? 0 : 1;
}

process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));
main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error);
    await cleanUp();
    process.exit(1);
  },
);
