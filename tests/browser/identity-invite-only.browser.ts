// Invite-only sign-up (app_settings.signup_mode = 'invite_only'): a wrong, short or used-up
// code gets its reason on the code field, a valid one admits the shopper and is used up, and a
// guest needs a code to become an account. The switch is stack-wide (every sign-up elsewhere
// would need a code meanwhile), so scripts/test-browser.ts runs this file alone. Setup that no
// page offers (the switch, invite codes) is done as `postgres` straight in the database, the
// way an operator does it in Studio.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { stackEnv } from '../support/stack-env.ts';
import { expectSignedInAs, expectSignedOut, fillSignupAccountStep, fillSignupDetailsStep, signOut } from './support/auth-flows.ts';
import { createTestShopper, getBaseUrl, startBrowserForFile, withPage } from './support/browser.ts';
import { becomeGuest, expectFieldError, withSignupMode } from './support/identity.ts';

const browser = startBrowserForFile();
let db: pg.Client;

before(async () => {
  db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
  await db.connect();
});
after(async () => {
  await db?.end();
});

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

test('invite-only: a wrong code gets its reason; a valid one admits the shopper and is used up', async (t) => {
  const shopper = createTestShopper('invited');
  await withSignupMode(db, 'invite_only', async () => {
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
  await withSignupMode(db, 'invite_only', async () => {
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

test('invite-only: a guest needs a code to become an account, and keeps their user id with it', async (t) => {
  const shopper = createTestShopper('guest-invited');
  const { guestId, cookies } = await becomeGuest();
  await withSignupMode(db, 'invite_only', async () => {
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
