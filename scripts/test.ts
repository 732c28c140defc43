// npm test: every suite, on the `test` stack (own cluster and ports, never the dev data):
// types, lint, generated-types drift, advisors, pgTAP, vitest (unit + integration through
// supabase-js against the running stand-in), the resilience suite (the test database restarts
// under the stand-in), browser tests against the built app. Then the database suites again on
// `test17`, PostgreSQL 17 (the major hosted projects run; `test` is Debian's 15).
// Safe while a dev stack runs; idempotent; starts what it needs and stops what it started.
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startMailer, type RunningMailer } from '../mailer/mailer.ts';
import { startLocalApi, type RunningApi } from './local-stack/api/main.ts';
import { isClusterRunning, stopCluster } from './lib/cluster.ts';
import { appEnv, readStackEnv } from './lib/env-file.ts';
import { runTool, runToolHoldingOutput, startTool, stopProcess, waitForHttp } from './lib/processes.ts';
import { appBuildEnv, getProfile, type StackProfile } from './lib/profile.ts';
import { remoteFlag, runSupabase } from './lib/supabase-cli.ts';
import { browserPackages, ensureDebianPackages } from './lib/system.ts';
import { resetDatabase } from './db.ts';
import { checkTypesAreCurrent } from './gen-types.ts';
import { runDatabaseTests } from './test-db.ts';

const profile = getProfile('test');
const profile17 = getProfile('test17');
const build = appBuildEnv(profile);
const testEnv = { STACK_PROFILE: profile.name };

interface Step {
  name: string;
  /** The step's work; a `beside` step has none of its own. */
  run?: () => Promise<boolean | void> | boolean | void;
  /**
   * Instead of `run`: a tool that needs no stack (types, lint) starts at once and runs beside
   * the steps after it, its output held; the run waits for it before the first step marked
   * `afterBesideSteps` (and at the end), then prints its output and result in its place.
   */
  beside?: { tool: string; args: string[] };
  /** Waits for the `beside` steps first (a step whose timings must not share the machine with them). */
  afterBesideSteps?: boolean;
  /** A failed setup step makes the steps after it in the same part meaningless. */
  setup?: boolean;
  /** Which stack the step runs on; a failed setup step skips the rest of its part only. */
  part: 'PostgreSQL 15' | 'PostgreSQL 17';
}

interface RunningStack {
  api: RunningApi;
  mailer: RunningMailer;
}

const runningStacks: RunningStack[] = [];
let app: ChildProcess | undefined;
const clustersThatWereRunning = new Set([profile, profile17].filter(isClusterRunning).map((p) => p.name));

/** The stand-in and the mailer on a profile's database, as `npm run stack` runs them. */
async function startApiAndMailer(stackProfile: StackProfile): Promise<void> {
  const api = await startLocalApi(stackProfile);
  // The test stack sends its mail like any other; mailer tests pause it (the viewer's API).
  const env = readStackEnv(stackProfile);
  const mailer = startMailer({
    databaseUrl: env.DATABASE_URL, smtpUrl: env.SMTP_URL, appUrl: env.APP_URL,
    supabaseUrl: env.SUPABASE_URL, supabaseAnonKey: env.SUPABASE_ANON_KEY, log: () => {},
  });
  api.attachMailer(mailer);
  runningStacks.push({ api, mailer });
}

async function stopApisAndMailers(): Promise<void> {
  for (const stack of runningStacks.splice(0)) {
    await stack.mailer.stop();
    await stack.api.stop();
  }
}

function advisorsStep(stackProfile: StackProfile, namePrefix = ''): Omit<Step, 'part'> {
  return {
    name: `${namePrefix}advisors (supabase db advisors --level warn --fail-on warn)`,
    run: () => {
      runSupabase(['db', 'advisors', remoteFlag(stackProfile), '--type', 'all', '--level', 'warn', '--fail-on', 'warn']);
    },
  };
}

// Types and lint need no stack: they run beside the database steps (reset, generated types,
// advisors, pgTAP), which mostly wait on PostgreSQL, and are done before vitest starts.
const postgres15Steps: Omit<Step, 'part'>[] = [
  { name: 'typecheck', beside: { tool: 'tsc', args: ['--noEmit'] } },
  { name: 'lint', beside: { tool: 'eslint', args: ['.', '--max-warnings=0'] } },
  { name: 'database reset (migrations + seed via supabase db reset)', setup: true, run: () => resetDatabase(profile) },
  { name: 'generated types match the migrations', run: () => checkTypesAreCurrent(profile) },
  advisorsStep(profile),
  { name: 'pgTAP (pg_prove supabase/tests)', run: () => runDatabaseTests(profile, { reset: false }) },
  {
    name: 'local API stand-in and mailer',
    setup: true,
    afterBesideSteps: true,
    run: () => startApiAndMailer(profile),
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
  {
    name: 'JavaScript per page (production build, gzip; scripts/lib/page-javascript.ts budget)',
    run: () => runTool('tsx', ['scripts/check-page-javascript.ts', `--profile=${profile.name}`]),
  },
  // Needs the app served, so it runs after the step above (its files are *.spec.ts, see its config).
  {
    name: 'app over HTTP (security headers, private pages, actions refuse bodies that are no form)',
    run: () => runTool('vitest', ['run', '--config', 'tests/app-http/vitest.config.ts'], testEnv),
  },
  { name: 'browser tests (Chromium)', run: () => runTool('tsx', ['scripts/test-browser.ts'], testEnv) },
];

// The same database path on PostgreSQL 17: reset (migrations + seed), what reads the catalogs
// (generated types, advisors), pgTAP, the vitest files that reach the database through the
// stand-in, and the resilience suite (17's pg_ctl restarts the database under the stand-in).
// Not again on 17: the unit tests (no database), the install test (its own clone, on scratch6's
// 15), and the app and browser suites (the app talks only to the stand-in, which these files
// already hold to the same answers on 17). Keeps the extra time small.
const postgres17VitestFiles = ['tests/integration', 'tests/local-stack', '--exclude', 'tests/local-stack/install-from-a-private-folder.test.ts'];
const postgres17Steps: Omit<Step, 'part'>[] = [
  {
    name: 'PostgreSQL 17: database reset (migrations + seed via supabase db reset)',
    setup: true,
    run: async () => {
      // The 15 stack's processes are done; the 17 run gets the machine to itself.
      await stopProcess(app);
      app = undefined;
      await stopApisAndMailers();
      await resetDatabase(profile17);
    },
  },
  { name: 'PostgreSQL 17: generated types match the migrations', run: () => checkTypesAreCurrent(profile17) },
  advisorsStep(profile17, 'PostgreSQL 17: '),
  { name: 'PostgreSQL 17: pgTAP (pg_prove supabase/tests)', run: () => runDatabaseTests(profile17, { reset: false }) },
  { name: 'PostgreSQL 17: local API stand-in and mailer', setup: true, run: () => startApiAndMailer(profile17) },
  {
    name: 'PostgreSQL 17: vitest (stand-in conformance, integration)',
    run: () => runTool('vitest', ['run', ...postgres17VitestFiles], { STACK_PROFILE: profile17.name }),
  },
  {
    name: 'PostgreSQL 17: resilience (database restarts under the stand-in)',
    run: () => runTool('vitest', ['run', '--config', 'tests/resilience/vitest.config.ts'], { STACK_PROFILE: profile17.name }),
  },
];

const steps: Step[] = [
  ...postgres15Steps.map((step): Step => ({ part: 'PostgreSQL 15', ...step })),
  ...postgres17Steps.map((step): Step => ({ part: 'PostgreSQL 17', ...step })),
];

async function cleanUp(): Promise<void> {
  await stopProcess(app);
  await stopApisAndMailers();
  for (const stackProfile of [profile, profile17]) {
    if (!clustersThatWereRunning.has(stackProfile.name)) stopCluster(stackProfile);
  }
}

async function main(): Promise<number> {
  const results: { name: string; ok: boolean; seconds: number }[] = [];
  const started = Date.now();
  let failedPart: Step['part'] | undefined;
  // Beside steps still running: each fills its own place in `results` when awaited.
  const besideSteps: { name: string; part: Step['part']; done: Promise<{ ok: boolean; output: string; seconds: number }>; slot: number }[] = [];
  const awaitBesideSteps = async () => {
    for (const beside of besideSteps.splice(0)) {
      const { ok, output, seconds } = await beside.done;
      console.log(`\n━━ ${beside.name} (ran beside the steps above)`);
      process.stdout.write(output);
      results[beside.slot] = { name: beside.name, ok, seconds };
    }
  };
  for (const step of steps) {
    // Also at the end of their part, should a failed setup step have skipped the waiting step.
    if (besideSteps.some((beside) => beside.part !== step.part)) await awaitBesideSteps();
    if (step.part === failedPart) continue;
    if (step.afterBesideSteps) await awaitBesideSteps();
    if (step.beside) {
      const { tool, args } = step.beside;
      const stepStart = Date.now();
      console.log(`\n━━ ${step.name}: started beside the next steps (its output follows when they wait for it)`);
      const done = runToolHoldingOutput(tool, args).then((held) => ({ ...held, seconds: (Date.now() - stepStart) / 1000 }));
      besideSteps.push({ name: step.name, part: step.part, done, slot: results.length });
      results.push({ name: step.name, ok: false, seconds: 0 });
      continue;
    }
    console.log(`\n━━ ${step.name}`);
    const stepStart = Date.now();
    let ok: boolean;
    try {
      ok = (await step.run?.()) !== false;
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      ok = false;
    }
    results.push({ name: step.name, ok, seconds: (Date.now() - stepStart) / 1000 });
    if (!ok && step.setup) failedPart = step.part;
  }
  await awaitBesideSteps();
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
