// npm run test:browser [-- name-filter…] [--concurrency=N]: the browser tests
// (tests/browser/*.browser.ts) in headless Chromium against a running app, through node:test.
// The app is APP_URL from the env file of STACK_PROFILE (default `test`); `npm test` builds and
// starts it first.
//
// Two files at a time (each its own node:test process and Chromium; BROWSER_TEST_CONCURRENCY or
// --concurrency changes it), then the files that change what every other test sees, one at a
// time with nothing beside them (SERIAL_FILES). Each file's spec report is printed whole when it
// ends, then every file's seconds and one summary line; exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { readStackEnv } from './lib/env-file.ts';
import { runToolHoldingOutput } from './lib/processes.ts';
import { profileFromArgs, projectRoot } from './lib/profile.ts';

const browserDir = path.join(projectRoot, 'tests', 'browser');
const resultsDir = path.join(projectRoot, 'test-results');

/**
 * Files that change stack-wide state other files depend on, with why. They run after the
 * parallel part, alone. A new test that flips an app_settings switch, moves a seed product's
 * stock or clears holds it did not make belongs here (or should make its own product instead).
 */
const SERIAL_FILES: Record<string, string> = {
  'identity-invite-only.browser.ts': 'switches sign-up to invite-only (app_settings.signup_mode): every sign-up elsewhere would fail',
  'oauth-members.browser.ts': 'switches sign-up to invite-only (app_settings.signup_mode)',
  'oauth-sign-in.browser.ts': 'switches sign-up to invite-only (app_settings.signup_mode)',
  'cart-race.browser.ts': 'sets the seed product monolith-s9-speaker to 1 in stock and deletes every hold on it',
  'cart.browser.ts': 'sets the stock of pebble-e1-earphones, which other cart tests add to their carts',
};

/**
 * Started first in the parallel part, longest first, so no long file starts last and runs on
 * alone while the other slot is idle (the rest follow in name order). Seconds one file at a time
 * on a loaded 2-core machine, December 2026: 128, 104, 57, 57; the next is 34.
 */
const LONGEST_FIRST = ['accessibility.browser.ts', 'languages.browser.ts', 'admin.browser.ts', 'layout-shift.browser.ts'];

function findTestFiles(filters: string[]): string[] {
  return fs
    .readdirSync(browserDir)
    .filter((name) => name.endsWith('.browser.ts'))
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
    .sort();
}

async function isReachable(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'manual' });
    return response.status < 500;
  } catch {
    return false;
  }
}

interface FileResult {
  name: string;
  passed: boolean;
  seconds: number;
}

/** One test file in its own node:test process; its report is printed whole when it ends. */
async function runFile(name: string, env: Record<string, string>): Promise<FileResult> {
  const started = Date.now();
  const { ok, output } = await runToolHoldingOutput('node', ['--import', 'tsx', '--test', '--test-reporter=spec', path.join('tests', 'browser', name)], env);
  const seconds = (Date.now() - started) / 1000;
  console.log(`\n── ${name} (${seconds.toFixed(1)}s, ${ok ? 'passed' : 'FAILED'})`);
  process.stdout.write(output);
  return { name, passed: ok, seconds };
}

/** Runs `names` with at most `concurrency` at once, in the order given. */
async function runPool(names: string[], concurrency: number, env: Record<string, string>): Promise<FileResult[]> {
  const queue = [...names];
  const results: FileResult[] = [];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) results.push(await runFile(name, env));
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  return results;
}

function concurrencyFrom(argv: string[]): number {
  const flag = argv.find((arg) => arg.startsWith('--concurrency='))?.split('=')[1] ?? process.env.BROWSER_TEST_CONCURRENCY ?? '2';
  const value = Number(flag);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--concurrency must be a whole number of at least 1, not "${flag}".`);
  return value;
}

async function main(): Promise<number> {
  const profile = profileFromArgs([`--profile=${process.env.STACK_PROFILE ?? 'test'}`]);
  const baseUrl = process.env.BROWSER_BASE_URL || readStackEnv(profile).APP_URL;
  const args = process.argv.slice(2);
  const concurrency = concurrencyFrom(args);
  const filters = args.filter((arg) => !arg.startsWith('--'));
  const files = findTestFiles(filters);
  if (files.length === 0) {
    console.error(`No browser test files match ${filters.join(', ') || '*.browser.ts'} in tests/browser.`);
    return 1;
  }
  if (!(await isReachable(baseUrl))) {
    console.error(
      `The app is not answering at ${baseUrl} (stack profile "${profile.name}").\n` +
        'Start the stack and the app first (npm test does both), or set BROWSER_BASE_URL.',
    );
    return 1;
  }
  fs.rmSync(resultsDir, { recursive: true, force: true });
  const serial = files.filter((name) => name in SERIAL_FILES);
  const parallel = files.filter((name) => !(name in SERIAL_FILES));
  parallel.sort((a, b) => rank(a) - rank(b));
  console.log(
    `Browser tests against ${baseUrl}: ${parallel.length} file${parallel.length === 1 ? '' : 's'} ${concurrency} at a time, ` +
      `then ${serial.length} alone`,
  );
  for (const name of serial) console.log(`  alone: ${name} (${SERIAL_FILES[name]})`);

  const env = { BROWSER_BASE_URL: baseUrl, STACK_PROFILE: profile.name };
  const started = Date.now();
  const results = [...(await runPool(parallel, concurrency, env)), ...(await runPool(serial, 1, env))];
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  console.log('\n── Seconds per file');
  for (const result of [...results].sort((a, b) => b.seconds - a.seconds)) {
    const where = result.name in SERIAL_FILES ? ' (alone)' : '';
    console.log(`${result.passed ? 'ok  ' : 'FAIL'}  ${result.seconds.toFixed(1).padStart(6)}s  ${result.name}${where}`);
  }
  const failed = results.filter((result) => !result.passed).map((result) => result.name);
  const count = `${files.length} file${files.length === 1 ? '' : 's'}`;
  if (failed.length === 0) {
    console.log(`\nBrowser tests PASSED (${count}, ${seconds}s)`);
    return 0;
  }
  const screenshots = fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir) : [];
  console.log(
    `\nBrowser tests FAILED (${failed.join(', ')}; ${count}, ${seconds}s)` +
      (screenshots.length ? `; screenshots in test-results/: ${screenshots.join(', ')}` : ''),
  );
  return 1;
}

function rank(name: string): number {
  const index = LONGEST_FIRST.indexOf(name);
  return index === -1 ? LONGEST_FIRST.length : index;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
