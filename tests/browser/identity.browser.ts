// Accounts beyond the first visit: invite-only sign-up, a guest keeping their user id, editing
// the profile, resetting a forgotten password through the mail viewer, deleting the account.
// Setup that no page offers (the signup_mode switch, invite codes, reading auth.users) is done
// as `postgres` straight in the database, the way an operator does it in Studio.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { createServerClient } from '@supabase/ssr';
import type { WebSocketLikeConstructor } from '@supabase/supabase-js';
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
import { fetchLatestMail } from './support/mail.ts';

const browser = startBrowserForFile();

class NoRealtime {
  constructor() {
    throw new Error('Realtime is not used by these tests.');
  }
}
const env = stackEnv();
let db: pg.Client;

before(async () => {
  db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
});
after(async () => {
  await db?.end();
});

async function setSignupMode(mode: 'open' | 'invite_only'): Promise<void> {
  await db.query('update public.app_settings set signup_mode = $1', [mode]);
}

/** Runs `body` with invite-only sign-up on, and always switches it back. */
async function withInviteOnlySignup(body: () => Promise<void>): Promise<void> {
  const { rows } = await db.query<{ signup_mode: string }>('select signup_mode from public.app_settings');
  const previous = rows[0]?.signup_mode === 'invite_only' ? 'invite_only' : 'open';
  await setSignupMode('invite_only');
  try {
    await body();
  } finally {
    await setSignupMode(previous);
  }
}

async function createInvitation(options: { maxUses?: number } = {}): Promise<string> {
  const code = `TEST-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
  await db.query('insert into public.invitations (code, max_uses, note) values ($1, $2, $3)', [
    code,
    options.maxUses ?? null,
    'browser test',
  ]);
  return code;
}

async function submitInviteStep(page: Page, code: string): Promise<void> {
  await page.getByLabel('Invite code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

async function expectFieldError(page: Page, label: string, message: string): Promise<void> {
  await page.getByText(message, { exact: true }).waitFor();
  assert.equal(await page.getByLabel(label, { exact: true }).getAttribute('aria-invalid'), 'true', label);
}

async function signIn(page: Page, shopper: Pick<TestShopper, 'email' | 'password'>): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(shopper.email);
  await page.getByLabel('Password', { exact: true }).fill(shopper.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('invite-only: a wrong code gets its reason; a valid one admits the shopper and is used up', async (t) => {
  const shopper = createTestShopper('invited');
  await withInviteOnlySignup(async () => {
    const code = await createInvitation({ maxUses: 1 });
    await withPage(t, browser(), async (page) => {
      await page.goto('/signup');
      await page.getByRole('heading', { name: 'Step 1 of 2: Invite code' }).waitFor();

      await submitInviteStep(page, 'NO-SUCH-CODE-1234');
      await expectFieldError(page, 'Invite code', 'That invite code does not exist. Check it and try again.');
      assert.equal(await page.getByLabel('Invite code', { exact: true }).inputValue(), 'NO-SUCH-CODE-1234');

      await submitInviteStep(page, 'ab');
      await expectFieldError(page, 'Invite code', 'Invite codes are at least 4 characters.');

      // Codes are case-insensitive.
      await submitInviteStep(page, code.toLowerCase());
      await page.getByLabel('First name', { exact: true }).waitFor();
      await page.getByLabel('Phone (optional)', { exact: true }).fill('+44 20 7946 0958');
      await page.getByLabel('Birthday (optional)', { exact: true }).fill('1990-12-10');
      await page.getByLabel('Account type', { exact: true }).selectOption('business');
      await fillSignupDetailsStep(page, shopper);
      await fillSignupAccountStep(page, shopper);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL('**/account');
      await expectSignedInAs(page, shopper.email);
      await signOut(page);

      // The profile came from the sign-up metadata, linked to the invitation that was consumed.
      const { rows } = await db.query(
        `select p.first_name, p.phone, p.birthday::text, p.account_type, i.code, i.use_count
           from public.profiles p join auth.users u on u.id = p.id join public.invitations i on i.id = p.invitation_id
          where u.email = $1`,
        [shopper.email],
      );
      assert.deepEqual(rows, [
        { first_name: 'Ada', phone: '+442079460958', birthday: '1990-12-10', account_type: 'business', code, use_count: 1 },
      ]);

      // A single-use code admits nobody else.
      await page.goto('/signup');
      await submitInviteStep(page, code);
      await expectFieldError(page, 'Invite code', 'That invite code has already been used.');
    });
  });
});

test('invite-only: a code used up while the shopper fills the form is reported on the code field', async (t) => {
  const shopper = createTestShopper('raced');
  await withInviteOnlySignup(async () => {
    const code = await createInvitation({ maxUses: 1 });
    await withPage(t, browser(), async (page) => {
      await page.goto('/signup');
      await submitInviteStep(page, code);
      await fillSignupDetailsStep(page, shopper);
      await fillSignupAccountStep(page, shopper);
      // Someone else takes the last use before this shopper presses the button.
      await db.query('update public.invitations set use_count = max_uses where code = $1', [code]);
      await page.getByRole('button', { name: 'Create account' }).click();

      await expectFieldError(page, 'Invite code', 'That invite code has already been used.');
      assert.equal(await page.getByLabel('Invite code', { exact: true }).evaluate((node) => node === document.activeElement), true);
      await expectSignedOut(page);
      const { rowCount } = await db.query('select 1 from auth.users where email = $1', [shopper.email]);
      assert.equal(rowCount, 0, 'no account was created');
    });
  });
});

/** A guest session made the way the storefront makes one, as cookies for the browser. */
async function becomeGuest(): Promise<{ guestId: string; cookies: Map<string, string> }> {
  const jar = new Map<string, string>();
  const guestClient = createServerClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    // Node 20 has no WebSocket, and this client never subscribes to Realtime.
    realtime: { transport: NoRealtime as unknown as WebSocketLikeConstructor },
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => jar.set(name, value)),
    },
  });
  const { data, error } = await guestClient.auth.signInAnonymously();
  assert.ifError(error);
  assert.ok(data.user?.id);
  return { guestId: data.user.id, cookies: jar };
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

test('invite-only: a guest needs a code to become an account, and keeps their user id with it', async (t) => {
  const shopper = createTestShopper('guest-invited');
  const { guestId, cookies } = await becomeGuest();
  await withInviteOnlySignup(async () => {
    const code = await createInvitation({ maxUses: 1 });
    await withPage(t, browser(), async (page) => {
      await page.context().addCookies([...cookies].map(([name, value]) => ({ name, value, url: getBaseUrl(), sameSite: 'Lax' as const })));
      await page.goto('/signup');
      await page.getByRole('heading', { name: 'Step 1 of 2: Invite code' }).waitFor();

      // The code is taken by someone else while this guest fills the form: told so, still a guest.
      await submitInviteStep(page, code);
      await fillSignupDetailsStep(page, shopper);
      await fillSignupAccountStep(page, shopper);
      await db.query('update public.invitations set use_count = max_uses where code = $1', [code]);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expectFieldError(page, 'Invite code', 'That invite code has already been used.');
      const guest = await db.query('select is_anonymous, email from auth.users where id = $1', [guestId]);
      assert.deepEqual(guest.rows, [{ is_anonymous: true, email: null }], 'the guest is still a guest');

      // With a fresh code the same guest becomes the account, and the code is consumed.
      const fresh = await createInvitation({ maxUses: 1 });
      await submitInviteStep(page, fresh);
      await fillSignupDetailsStep(page, shopper);
      await fillSignupAccountStep(page, shopper);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL('**/account');
      await expectSignedInAs(page, shopper.email);
      const { rows } = await db.query(
        `select u.id, u.is_anonymous, i.code, i.use_count from auth.users u join public.profiles p on p.id = u.id
           join public.invitations i on i.id = p.invitation_id where u.email = $1`,
        [shopper.email],
      );
      assert.deepEqual(rows, [{ id: guestId, is_anonymous: false, code: fresh, use_count: 1 }]);
    });
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
