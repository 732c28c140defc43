// npm run test:browser [-- name-filter…]: the browser tests (tests/browser/*.browser.ts) in
// headless Chromium against a running app, through node:test. The app is APP_URL from the env
// file of STACK_PROFILE (default `test`); `npm test` builds and starts it first.
// Prints node:test's spec report, then one summary line; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readStackEnv } from './lib/env-file.ts';
import { profileFromArgs, projectRoot } from './lib/profile.ts';

const browserDir = path.join(projectRoot, 'tests', 'browser');
const resultsDir = path.join(projectRoot, 'test-results');

function findTestFiles(filters: string[]): string[] {
  const files = fs
    .readdirSync(browserDir)
    .filter((name) => name.endsWith('.browser.ts'))
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
    .sort();
  return files.map((name) => path.join('tests', 'browser', name));
}

async function isReachable(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'manual' });
    return response.status < 500;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const profile = profileFromArgs([`--profile=${process.env.STACK_PROFILE ?? 'test'}`]);
  const baseUrl = process.env.BROWSER_BASE_URL || readStackEnv(profile).APP_URL;
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
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
  console.log(`Browser tests against ${baseUrl} (${files.length} file${files.length === 1 ? '' : 's'})`);

  const started = Date.now();
  // One file at a time: each launches its own Chromium, and the app is a single local process.
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files],
    {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ...process.env, BROWSER_BASE_URL: baseUrl, STACK_PROFILE: profile.name },
    },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const passed = run.status === 0;
  if (passed) {
    console.log(`\nBrowser tests PASSED (${files.length} file${files.length === 1 ? '' : 's'}, ${seconds}s)`);
  } else {
    const screenshots = fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir) : [];
    console.log(
      `\nBrowser tests FAILED (${seconds}s)` +
        (screenshots.length ? `; screenshots in test-results/: ${screenshots.join(', ')}` : ''),
    );
  }
  return passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
