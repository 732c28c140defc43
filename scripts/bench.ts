// npm run bench: starts its own `bench` stack (durable settings, like dev), serves the built app,
// and runs each benchmark with its baseline in the same process. Bounded: a few seconds per cell.
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startLocalApi, type RunningApi } from './local-stack/api/main.ts';
import { isClusterRunning, stopCluster } from './lib/cluster.ts';
import { appEnv, readStackEnv } from './lib/env-file.ts';
import { runTool, startTool, stopProcess, waitForHttp } from './lib/processes.ts';
import { appBuildEnv, databaseUrl, getProfile } from './lib/profile.ts';
import { resetDatabase } from './db.ts';
import { runCatalogPageBenchOnStack } from './bench/catalog-pages.ts';
import { runStockHoldBench } from './bench/stock-holds.ts';
import { runEnrollmentRushBench } from './bench/enrollment-rush.ts';
import { runMyListsBench } from './bench/my-lists.ts';
import { formatPageJavaScript, measurePageJavaScript, routeSourceRendersPage } from './lib/page-javascript.ts';

const profile = getProfile('bench');
const build = appBuildEnv(profile);
let api: RunningApi | undefined;
let app: ChildProcess | undefined;
const databaseWasRunning = isClusterRunning(profile);

async function main(): Promise<void> {
  console.log(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`);
  await resetDatabase(profile);
  api = await startLocalApi(profile);
  const env = readStackEnv(profile);
  if (!(await runTool('remix', ['build'], build.env))) throw new Error('The app build failed.');
  // Bytes, not time: what each page of this build makes the browser download.
  console.log('\nJavaScript per page (gzip, each file once):');
  console.log(formatPageJavaScript(measurePageJavaScript(build.assetsDir, routeSourceRendersPage())));
  app = startTool('node', ['server/index.js', build.serverFile], { ...appEnv(env), NODE_ENV: 'production' }, path.join(profile.dir, 'app.log'));
  await waitForHttp(env.APP_URL);
  await runCatalogPageBenchOnStack(env);
  // Stock holds (ours vs naive and FOR UPDATE baselines), on the same durable database.
  const holds = await runStockHoldBench(databaseUrl(profile));
  const oursOversold = holds.cells.some((cell) => cell.variant === 'ours' && cell.oversold > 0);
  // Enrollment rush (ours vs a FOR UPDATE baseline), then its seats check.
  const rush = await runEnrollmentRushBench(databaseUrl(profile));
  // "List my orders" at 1M orders and "my enrollments" at 100k, through the API stand-in above.
  const lists = await runMyListsBench(profile);
  // A benchmark that broke an invariant is a failed run, whatever its numbers.
  if (oursOversold || holds.integrityProblems.length > 0 || rush.problems.length > 0 || lists.problems.length > 0) process.exitCode = 1;
}

async function cleanUp(): Promise<void> {
  await stopProcess(app);
  await api?.stop();
  if (!databaseWasRunning) stopCluster(profile);
}

main()
  .then(cleanUp)
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await cleanUp();
    process.exit(1);
  });
