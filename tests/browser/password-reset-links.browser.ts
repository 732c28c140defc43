// Both links of the password-reset mail work (issue #19): the main one goes through Auth's
// /verify (PKCE: Auth sends a one-time code back to the app, the verifier is the cookie the
// forgot-password page set), and a link may land on /reset-password itself, with `?code=` or
// with `?token_hash=…&type=recovery`. Before the fix the page ignored the code and said the
// fresh link had expired.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { signOut, signUp } from './support/auth-flows.ts';
import { createTestShopper, startBrowserForFile, withPage, type TestShopper } from './support/browser.ts';
import { fetchLatestMail } from './support/mail.ts';

const browser = startBrowserForFile();

/** Focus moves once the reply has rendered: wait for it rather than read it once. */
async function expectFocused(locator: Locator, what: string): Promise<void> {
  const element = await locator.elementHandle();
  await locator
    .page()
    .waitForFunction((node) => node === document.activeElement, element, { timeout: 5000 })
    .catch(() => assert.fail(`${what} has focus`));
}

async function askForResetLink(page: Page, shopper: TestShopper): Promise<string[]> {
  await page.goto('/en/forgot-password');
  await page.getByLabel('Email', { exact: true }).fill(shopper.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await page.getByRole('status').filter({ hasText: 'a reset link is on its way' }).waitFor();
  return (await fetchLatestMail(shopper.email, 'recovery')).links;
}

async function chooseNewPassword(page: Page, password: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Save new password' }).click();
  await page.waitForURL('**/account?saved=password');
}

test('the mail\'s main link (through Auth, PKCE code) leads to choosing a new password', async (t) => {
  const shopper = createTestShopper('reset-main');
  await withPage(t, browser(), async (page) => {
    await signUp(page, shopper);
    await signOut(page);
    const [authLink] = await askForResetLink(page, shopper);
    assert.match(authLink, /\/auth\/v1\/verify\?/);
    await page.goto(authLink);
    await page.waitForURL('**/en/reset-password');

    // The rules are checked on the server (the page loads no zod): a refused password gets the
    // summary, which takes focus, and the message on its field.
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Confirm new password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Save new password' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: 'New password: Password must be at least 8 characters.' }).waitFor();
    await expectFocused(summary, 'the error summary');
    assert.equal(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('New password', { exact: true }).inputValue(), 'short', 'with JavaScript the field keeps what was typed');
    await chooseNewPassword(page, `${shopper.password}-main`);
  });
});

test('/reset-password takes a PKCE code itself, once', async (t) => {
  const shopper = createTestShopper('reset-direct');
  await withPage(t, browser(), async (page) => {
    await signUp(page, shopper);
    await signOut(page);

    // Auth's verify answers with a redirect carrying the code; land it on the reset page.
    const [authLink] = await askForResetLink(page, shopper);
    const verified = await fetch(authLink, { redirect: 'manual' });
    const code = new URL(verified.headers.get('location') ?? '').searchParams.get('code');
    assert.ok(code, 'Auth sent a PKCE code back');
    await page.goto(`/en/reset-password?${new URLSearchParams({ code })}`);
    await page.waitForURL((url) => url.pathname === '/en/reset-password' && url.search === '');
    await chooseNewPassword(page, `${shopper.password}-code`);
    await signOut(page);

    // A used code says so instead of offering a form that cannot work.
    await page.goto(`/en/reset-password?${new URLSearchParams({ code })}`);
    await page.getByRole('alert').filter({ hasText: 'already used, has expired, or was opened in another browser' }).waitFor();

  });
});

test('/reset-password takes a token hash itself (an email template pointing at the page)', async (t) => {
  const shopper = createTestShopper('reset-hash');
  await withPage(t, browser(), async (page) => {
    await signUp(page, shopper);
    await signOut(page);
    const links = await askForResetLink(page, shopper);
    const tokenHash = new URL(links[1]).searchParams.get('token_hash');
    assert.ok(tokenHash);
    await page.goto(`/en/reset-password?${new URLSearchParams({ token_hash: tokenHash, type: 'recovery' })}`);
    await chooseNewPassword(page, `${shopper.password}-hash`);
  });
});
