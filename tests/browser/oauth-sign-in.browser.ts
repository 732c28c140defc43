// Sign in with LINE and Kakao end to end (issue #18), through the app's buttons, the stand-in's
// Auth (/authorize → provider → /callback → PKCE code) and the local OpenID provider's page,
// where a person types the identity the provider sends:
//   - a new LINE user (no email, as LINE may send none) gets a profile made by the database from
//     the claims (name, picture), places an order, and signing in again is the same user;
//   - in invite-only mode a new Kakao user is created but is not a member: the event page refuses
//     the enrollment and points to the account page, where the code is redeemed; then it enrolls.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { stackEnv } from '../support/stack-env.ts';
import { signOut } from './support/auth-flows.ts';
import { startBrowserForFile, withPage } from './support/browser.ts';
import { withSignupMode } from './support/identity.ts';

const browser = startBrowserForFile();
const env = stackEnv();
const tag = crypto.randomBytes(3).toString('hex');
const db = new pg.Client({ connectionString: env.DATABASE_URL });

before(async () => {
  await db.connect();
});

after(async () => {
  const mine = `select id from public.events where slug = 'oauth-${tag}'`;
  await db.query(`update public.events set cancelled_at = now() where slug = 'oauth-${tag}' and cancelled_at is null`);
  await db.query(`delete from public.enrollments where event_id in (${mine})`);
  await db.query(`delete from public.events where slug = 'oauth-${tag}'`);
  await db.end();
});

interface TypedIdentity {
  name: string;
  key: string;
  email?: string;
  picture?: string;
}

/** From the login page: the provider's button, the provider's page, back in the app signed in. */
async function continueWith(page: Page, provider: 'LINE' | 'Kakao', identity: TypedIdentity): Promise<void> {
  await page.goto('/en/login');
  await page.getByRole('link', { name: `Continue with ${provider}` }).click();
  const appOrigin = new URL(env.APP_URL).origin;
  await page.waitForURL((url) => url.pathname.startsWith('/interaction/') || (url.origin === appOrigin && !url.pathname.startsWith('/auth/') && !url.pathname.endsWith('/login')));
  // A provider that still has a session signs the person in again without asking, as LINE does.
  if (new URL(page.url()).origin === appOrigin) {
    await page.getByRole('banner').getByTestId('account-menu').waitFor();
    return;
  }
  // The provider's page (scripts/local-stack/identity-provider/page.ts): type the identity.
  const field = (name: string) => page.locator(`input[name="${name}"]`);
  await field('name').fill(identity.name);
  await field('picture').fill(identity.picture ?? '');
  await field('email').fill(identity.email ?? '');
  if (identity.email) await field('email_verified').check();
  await field('key').fill(identity.key);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.origin === appOrigin && !url.pathname.startsWith('/auth/'));
  await page.getByRole('banner').getByTestId('account-menu').waitFor();
}

test('a new LINE user without an email gets a profile from the claims, orders, and is the same user next time', async (t) => {
  const identity = { name: `Somchai ${tag}`, key: `line-${tag}`, picture: `https://profile.line-scdn.test/${tag}.png` };
  await withPage(t, browser(), async (page) => {
    await continueWith(page, 'LINE', identity);
    const { rows: [first] } = await db.query<{ user_id: string; display_name: string; avatar_url: string; email: string | null; identities: number }>(
      `select p.id as user_id, p.display_name, p.avatar_url, u.email,
              (select count(*)::int from auth.identities i where i.user_id = u.id and i.provider = 'custom:line') as identities
         from auth.identities i join auth.users u on u.id = i.user_id join public.profiles p on p.id = u.id
        where i.provider = 'custom:line' and i.identity_data ->> 'name' = $1`,
      [identity.name],
    );
    assert.ok(first, 'the database made the profile');
    assert.equal(first.display_name, identity.name);
    assert.equal(first.avatar_url, identity.picture);
    assert.equal(first.email, null, 'LINE sent no email');
    assert.equal(first.identities, 1);

    await page.goto('/en/products/pebble-e1-earphones');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL('**/cart?added=*');
    await page.goto('/en/checkout');
    await page.getByLabel('Name', { exact: true }).fill(identity.name);
    await page.getByLabel('Email address').fill(`somchai.${tag}@example.com`);
    await page.getByLabel('Address', { exact: true }).fill('99 Sukhumvit Road');
    await page.getByLabel('ZIP code').fill('10110');
    await page.getByLabel('City').fill('Bangkok');
    await page.getByLabel('Country').selectOption('TH');
    await page.getByLabel('Cash on Delivery').check();
    await page.getByRole('button', { name: 'Continue & pay' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);
    const { rows: orders } = await db.query('select 1 from public.orders where user_id = $1', [first.user_id]);
    assert.equal(orders.length, 1, 'the order belongs to the LINE user');

    await signOut(page);
    await continueWith(page, 'LINE', identity);
    const { rows: again } = await db.query<{ user_id: string }>(
      `select i.user_id from auth.identities i where i.provider = 'custom:line' and i.identity_data ->> 'name' = $1`, [identity.name]);
    assert.deepEqual(again, [{ user_id: first.user_id }], 'the same identity is the same user, with one identity row');
  });
});

test('invite-only: a new Kakao user is asked for a code and can enroll only after redeeming it', async (t) => {
  const code = `KAKAO-${tag}`.toUpperCase();
  const email = `kakao.${tag}@example.com`;
  await db.query('insert into public.invitations (code, max_uses, note) values ($1, 1, $2)', [code, 'oauth browser test']);
  await db.query(
    `insert into public.events (slug, name, description, starts_at, ends_at, location, capacity, published)
     values ($1, $2, 'For the OAuth browser test.', now() + interval '7 days', now() + interval '7 days 2 hours', 'Seoul', 10, true)`,
    [`oauth-${tag}`, `OAuth night ${tag}`],
  );
  await withSignupMode(db, 'invite_only', async () => {
    await withPage(t, browser(), async (page) => {
      await continueWith(page, 'Kakao', { name: `김민준 ${tag}`, key: `kakao-${tag}`, email });

      await page.goto(`/en/events/oauth-${tag}`);
      await page.getByRole('button', { name: 'Enroll', exact: true }).click();
      await page.getByText('Events are for members. Redeem an invite code on your account page to enroll.').waitFor();
      assert.equal(await db.query('select 1 from public.enrollments e join auth.users u on u.id = e.user_id where u.email = $1', [email])
        .then((r) => r.rowCount), 0, 'nothing enrolled');

      await page.goto('/en/account');
      await page.getByRole('heading', { name: 'Redeem an invite code' }).waitFor();
      await page.getByLabel('Invite code', { exact: true }).fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Redeem code' }).click();
      await page.getByText('Your invite code is redeemed: you can now enroll in events.').waitFor();

      await page.goto(`/en/events/oauth-${tag}`);
      await page.getByRole('button', { name: 'Enroll', exact: true }).click();
      await page.waitForURL(/[?&]enrolled=/);
      const { rows } = await db.query<{ status: string; provider: string }>(
        `select e.status, u.raw_app_meta_data ->> 'provider' as provider from public.enrollments e join auth.users u on u.id = e.user_id
          where u.email = $1`, [email]);
      assert.deepEqual(rows, [{ status: 'pending', provider: 'kakao' }]);
    });
  });
});

test('a guest with a cart who signs in with LINE keeps the cart', async (t) => {
  await withPage(t, browser(), async (page) => {
    await page.goto('/en/products/pebble-e1-earphones');
    const name = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL('**/cart?added=*');

    await continueWith(page, 'LINE', { name: `Guest Buyer ${tag}`, key: `line-guest-${tag}` });
    await page.goto('/en/cart');
    await page.getByTestId('moved-cart').filter({ hasText: '2 units from your guest cart are in your cart now' }).waitFor();
    assert.equal(await page.getByLabel(`Quantity of ${name}`).inputValue(), '2');
    const { rows } = await db.query<{ quantity: number }>(
      `select r.quantity from public.stock_reservations r join auth.identities i on i.user_id = r.user_id
        where i.provider = 'custom:line' and i.identity_data ->> 'name' = $1`, [`Guest Buyer ${tag}`]);
    assert.deepEqual(rows, [{ quantity: 2 }], 'the LINE account holds what the guest held');
  });
});
