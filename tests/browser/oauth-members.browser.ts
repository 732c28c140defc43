// LINE and Kakao accounts in invite-only mode (issue #18): the sign-in pages offer both providers
// as plain forms in their brand colours, an OAuth error comes back as a readable message on the
// login page, and an account that is not a member redeems an invite code on its account page.
// A real OAuth round trip needs a provider; here the non-member is an account signed up while
// sign-up was open (so it has no code), which the database treats exactly like a new LINE or
// Kakao account. Setup no page offers (the mode switch, codes) is done as postgres, as in Studio.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { stackEnv } from '../support/stack-env.ts';
import { signUp } from './support/auth-flows.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { createTestShopper, startBrowserForFile, withPage } from './support/browser.ts';
import { withSignupMode } from './support/identity.ts';

const browser = startBrowserForFile();
let db: pg.Client;

before(async () => {
  db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
  await db.connect();
});
after(async () => {
  await db?.end();
});

test('the login page offers LINE and Kakao on their brand colours, readable, 44 px tall, and says when a sign-in was cancelled', async (t) => {
  await withPage(t, browser(), async (page) => {
    await page.goto('/login?oauth_error=cancelled');
    await page.getByText('Sign-in with LINE or Kakao was cancelled. Try again, or sign in with your email.').waitFor();
    const expected = {
      'Continue with LINE': { background: 'rgb(6, 199, 85)', color: 'rgba(0, 0, 0, 0.85)' },
      'Continue with Kakao': { background: 'rgb(254, 229, 0)', color: 'rgba(0, 0, 0, 0.85)' },
    };
    for (const [name, colours] of Object.entries(expected)) {
      const button = page.getByRole('link', { name, exact: true });
      const style = await button.evaluate((element) => {
        const computed = getComputedStyle(element);
        return { background: computed.backgroundColor, color: computed.color, height: element.getBoundingClientRect().height };
      });
      assert.deepEqual({ background: style.background, color: style.color }, colours, name);
      assert.ok(style.height >= 44, `${name} is ${style.height} px tall`);
    }
    // Each is a plain link that names the provider (works without JavaScript; a form would be
    // stopped by the CSP's form-action at the redirect to Auth).
    const kakao = new URL((await page.getByRole('link', { name: 'Continue with Kakao' }).getAttribute('href')) ?? '', 'http://app');
    assert.equal(kakao.pathname, '/en/auth/oauth');
    assert.equal(kakao.searchParams.get('provider'), 'kakao');
    await expectNoAxeViolations(page, 'the login page with the LINE and Kakao buttons');
  });
});

test('invite-only: an account without a code redeems one on its account page and the form goes away', async (t) => {
  const shopper = createTestShopper('redeemer');
  const code = `REDEEM-${Date.now().toString(36)}`.toUpperCase();
  await db.query('insert into public.invitations (code, max_uses, note) values ($1, 1, $2)', [code, 'browser test']);
  await withPage(t, browser(), async (page) => {
    await withSignupMode(db, 'open', () => signUp(page, shopper));
    assert.equal(await page.getByRole('heading', { name: 'Redeem an invite code' }).count(), 0, 'open mode: no form');

    await withSignupMode(db, 'invite_only', async () => {
      await page.goto('/account');
      await page.getByRole('heading', { name: 'Redeem an invite code' }).waitFor();
      await expectNoAxeViolations(page, 'the account page with the redeem form');

      const field = page.getByLabel('Invite code', { exact: true });
      await field.fill('NO-SUCH-CODE-9876');
      await page.getByRole('button', { name: 'Redeem code' }).click();
      await page.getByText('That invite code does not exist. Check it and try again.', { exact: true }).waitFor();
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      assert.equal(await field.inputValue(), 'NO-SUCH-CODE-9876', 'what was typed is kept');

      await field.fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Redeem code' }).click();
      await page.getByText('Your invite code is redeemed: you can now enroll in events.').waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Redeem an invite code' }).count(), 0, 'a member sees no form');
    });

    const { rows } = await db.query(
      `select i.code, i.use_count from public.profiles p join auth.users u on u.id = p.id
         join public.invitations i on i.id = p.invitation_id where u.email = $1`,
      [shopper.email],
    );
    assert.deepEqual(rows, [{ code, use_count: 1 }]);
  });
});
