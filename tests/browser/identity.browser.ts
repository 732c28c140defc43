// Accounts beyond the first visit: a guest keeping their user id, editing the profile, resetting
// a forgotten password through the mail viewer, changing the password, deleting the account,
// the terms at sign-up. (Invite-only sign-up, a stack-wide switch, is identity-invite-only.)
// What no page shows (reading auth.users) is read as `postgres` straight from the database,
// the way an operator does it in Studio.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { stackEnv } from '../support/stack-env.ts';
import {
  expectSignedInAs,
  expectSignedOut,
  fillSignupAccountStep,
  fillSignupDetailsStep,
  signOut,
  signUp,
} from './support/auth-flows.ts';
import { createTestShopper, getBaseUrl, startBrowserForFile, withPage, type TestShopper } from './support/browser.ts';
import { becomeGuest, expectFieldError } from './support/identity.ts';
import { fetchLatestMail } from './support/mail.ts';

const browser = startBrowserForFile();
let db: pg.Client;

before(async () => {
  db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
  await db.connect();
});
after(async () => {
  await db?.end();
});

async function signIn(page: Page, shopper: Pick<TestShopper, 'email' | 'password'>): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(shopper.email);
  await page.getByLabel('Password', { exact: true }).fill(shopper.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a guest who signs up keeps the same user id (and so their orders)', async (t) => {
  const shopper = createTestShopper('guest');
  const { guestId, cookies } = await becomeGuest();

  await withPage(t, browser(), async (page) => {
    await page.context().addCookies([...cookies].map(([name, value]) => ({ name, value, url: getBaseUrl(), sameSite: 'Lax' as const })));
    await page.goto('/signup');
    await page.getByRole('heading', { level: 1, name: 'Save your orders: create an account' }).waitFor();
    await fillSignupDetailsStep(page, shopper);
    await fillSignupAccountStep(page, shopper);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/account');
    await expectSignedInAs(page, shopper.email);

    const { rows } = await db.query(
      `select u.id, u.is_anonymous, p.first_name, p.last_name from auth.users u join public.profiles p on p.id = u.id
        where u.email = $1`,
      [shopper.email],
    );
    assert.deepEqual(rows, [{ id: guestId, is_anonymous: false, first_name: 'Ada', last_name: 'Lovelace' }]);

    // A real account now: it signs in with the password it chose.
    await signOut(page);
    await signIn(page, shopper);
    await page.waitForURL((url) => url.pathname === '/en');
    await expectSignedInAs(page, shopper.email);
  });
});

test('a shopper edits their profile; bad values get field errors; saved values persist', async (t) => {
  const shopper = createTestShopper('profile');
  await withPage(t, browser(), async (page) => {
    await signUp(page, shopper);
    const details = page.getByRole('region', { name: 'Your details' });
    assert.equal(await details.getByLabel('First name', { exact: true }).inputValue(), 'Ada');

    await details.getByLabel('Phone (optional)', { exact: true }).fill('12345');
    await details.getByRole('button', { name: 'Save details' }).click();
    await expectFieldError(
      page,
      'Phone (optional)',
      'Phone number must start with + and the country code, 7–15 digits in all, like +44 20 7946 0958.',
    );

    await details.getByLabel('First name', { exact: true }).fill('  Augusta Ada ');
    await details.getByLabel('Last name', { exact: true }).fill('King');
    await details.getByLabel('Display name (optional)', { exact: true }).fill('Countess of Lovelace');
    await details.getByLabel('Phone (optional)', { exact: true }).fill('+1 (555) 010-0199');
    await details.getByLabel('Birthday (optional)', { exact: true }).fill('1915-12-10');
    await details.getByLabel('Account type', { exact: true }).selectOption('business');
    await details.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('status').filter({ hasText: 'Your details are saved.' }).waitFor();

    await page.reload();
    assert.equal(await details.getByLabel('First name', { exact: true }).inputValue(), 'Augusta Ada');
    assert.equal(await details.getByLabel('Last name', { exact: true }).inputValue(), 'King');
    assert.equal(await details.getByLabel('Display name (optional)', { exact: true }).inputValue(), 'Countess of Lovelace');
    assert.equal(await details.getByLabel('Phone (optional)', { exact: true }).inputValue(), '+15550100199');
    assert.equal(await details.getByLabel('Birthday (optional)', { exact: true }).inputValue(), '1915-12-10');
    assert.equal(await details.getByLabel('Account type', { exact: true }).inputValue(), 'business');
  });
});


test('a forgotten password is reset through the emailed link, and the new one signs in', async (t) => {
  const shopper = createTestShopper('reset');
  const newPassword = `${shopper.password}-new`;
  await withPage(t, browser(), async (page) => {
    await signUp(page, shopper);
    await signOut(page);

    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByLabel('Email', { exact: true }).fill(shopper.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('status').filter({ hasText: 'a reset link is on its way' }).waitFor();

    // The mail's app link points at Auth's site_url; open the same path on the app under test.
    const mail = await fetchLatestMail(shopper.email, 'recovery');
    const appLink = new URL(mail.links[1]);
    assert.equal(appLink.pathname, '/auth/confirm');
    await page.goto(appLink.pathname + appLink.search);
    await page.waitForURL('**/reset-password');
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();

    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirm new password', { exact: true }).fill('something else entirely');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expectFieldError(page, 'Confirm new password', 'The passwords do not match.');
    await page.getByLabel('Confirm new password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.waitForURL('**/account?saved=password');
    await page.getByRole('status').filter({ hasText: 'Your password is changed.' }).waitFor();
    await expectSignedInAs(page, shopper.email);

    // The link worked once; the old password no longer does, the new one does.
    await page.goto(appLink.pathname + appLink.search);
    await page.getByRole('heading', { level: 1, name: 'We could not confirm that link' }).waitFor();
    await signOut(page);
    await signIn(page, shopper);
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' }).waitFor();
    await signIn(page, { email: shopper.email, password: newPassword });
    await page.waitForURL((url) => url.pathname === '/en');
    await expectSignedInAs(page, shopper.email);
  });
});

test('a signed-in shopper changes their password on the account page', async (t) => {
  const shopper = createTestShopper('change');
  const newPassword = `${shopper.password}-changed`;
  await withPage(t, browser(), async (page) => {
    await signUp(page, shopper);
    const section = page.getByRole('region', { name: 'Change password' });
    await section.getByLabel('New password', { exact: true }).fill('short');
    await section.getByLabel('Confirm new password', { exact: true }).fill('short');
    await section.getByRole('button', { name: 'Change password' }).click();
    await expectFieldError(page, 'New password', 'Password must be at least 8 characters.');

    await section.getByLabel('New password', { exact: true }).fill(newPassword);
    await section.getByLabel('Confirm new password', { exact: true }).fill(newPassword);
    await section.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password is changed.' }).waitFor();

    await signOut(page);
    await signIn(page, { email: shopper.email, password: newPassword });
    await page.waitForURL((url) => url.pathname === '/en');
    await expectSignedInAs(page, shopper.email);
  });
});

test('a shopper deletes their account after confirming; it can no longer sign in', async (t) => {
  const shopper = createTestShopper('delete');
  await withPage(t, browser(), async (page) => {
    await signUp(page, shopper);
    await page.getByRole('link', { name: 'Delete my account…' }).click();
    await page.waitForURL('**/account/delete');

    await page.getByLabel('Type DELETE to confirm', { exact: true }).fill('delete');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expectFieldError(page, 'Type DELETE to confirm', 'Type DELETE in capital letters to confirm.');
    const { rowCount: stillThere } = await db.query('select 1 from auth.users where email = $1', [shopper.email]);
    assert.equal(stillThere, 1, 'nothing is deleted without the confirmation');

    await page.getByLabel('Type DELETE to confirm', { exact: true }).fill('DELETE');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL('**/account/deleted');
    await page.getByRole('heading', { level: 1, name: 'Your account has been deleted' }).waitFor();
    await expectSignedOut(page);
    const { rowCount } = await db.query('select 1 from auth.users where email = $1', [shopper.email]);
    assert.equal(rowCount, 0);

    await signIn(page, shopper);
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' }).waitFor();
    await expectSignedOut(page);
  });
});

test('signing up needs the terms ticked; the acceptance is recorded and the member downloads their data', async (t) => {
  const shopper = createTestShopper('consenting');
  await withPage(t, browser(), async (page) => {
    await page.goto('/signup');
    await fillSignupDetailsStep(page, shopper);
    await fillSignupAccountStep(page, shopper);
    await page.getByLabel('I accept the terms of service and the privacy notice.').uncheck();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectFieldError(page, 'I accept the terms of service and the privacy notice.',
      'Accept the terms of service and the privacy notice to create an account.');
    await expectSignedOut(page);

    await page.getByLabel('Password', { exact: true }).fill(shopper.password);
    await page.getByLabel('Confirm password', { exact: true }).fill(shopper.password);
    await page.getByLabel('I accept the terms of service and the privacy notice.').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/account');

    const { rows } = await db.query(
      `select c.document, c.version = s.terms_version as current from public.consents c join auth.users u on u.id = c.user_id
         cross join public.app_settings s where u.email = $1 order by c.document`,
      [shopper.email],
    );
    assert.deepEqual(rows, [{ document: 'privacy', current: true }, { document: 'terms', current: true }]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()]);
    assert.match(download.suggestedFilename(), /^audio-store-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const exported = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(exported.account.email, shopper.email);
    assert.equal(exported.profile.first_name, 'Ada');
    assert.equal(exported.consents.length, 2);
  });
});
