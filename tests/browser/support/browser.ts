// Shared pieces for the browser tests: one headless Chromium per test file, a fresh context
// (cookies, storage) per test, a screenshot in test-results/ when a test fails.
import fs from 'node:fs';
import path from 'node:path';
import { after, before, type TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { stackEnv } from '../../support/stack-env.ts';

const projectRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const resultsDir = path.join(projectRoot, 'test-results');

/** The app under test: BROWSER_BASE_URL (set by the runner) or APP_URL of the STACK_PROFILE stack. */
export function getBaseUrl(): string {
  return process.env.BROWSER_BASE_URL || stackEnv().APP_URL;
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Registers before/after hooks for this file's browser; call once at the top of a test file. */
export function startBrowserForFile(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('The browser is not running: call startBrowserForFile() at the top of the test file.');
    return browser;
  };
}

function fileNameFor(testName: string): string {
  return testName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'test';
}

/** Runs `body` with a page in a fresh context; on failure saves a full-page screenshot, then rethrows. */
export async function withPage(
  t: TestContext,
  browser: Browser,
  body: (page: Page) => Promise<void>,
  options: BrowserContextOptions = {},
): Promise<void> {
  // An English-speaking browser in UTC unless a test says otherwise (pages follow Accept-Language).
  const context = await browser.newContext({ baseURL: getBaseUrl(), locale: 'en-US', timezoneId: 'UTC', ...options });
  // Fail in seconds, not the default 30 s: every page here is server-rendered and local.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  try {
    await body(page);
  } catch (error) {
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${fileNameFor(t.name)}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    t.diagnostic(`screenshot: ${path.relative(projectRoot, file)} (page: ${page.url()})`);
    throw error;
  } finally {
    await context.close();
  }
}

/** A new shopper each run, so tests never depend on each other or on seed data. */
export function createTestShopper(label = 'shopper') {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return {
    email: `${label}.${unique}@example.com`,
    password: `listen-closely-${unique}`,
    firstName: 'Ada',
    lastName: 'Lovelace',
  };
}

export type TestShopper = ReturnType<typeof createTestShopper>;
