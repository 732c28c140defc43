// The admin area in the browser, signed in as the seeded admin (admin@example.com):
//  - members, guests and visitors get the 404 page on every /admin route, and no "Admin" link;
//  - the admin marks a member's payment and approves the enrollment on the event's page; the
//    member gets the approval mail with the coupon; each step leaves its audit row;
//  - at the venue, the admin checks the coupon in by typing it (any case, spaces) and sees the
//    member; a second check-in of the same code is refused;
//  - support for a member: found by a Korean-format phone, phone changed, a coupon used by
//    mistake made usable again, a password-reset mail sent, a duplicate account merged in, and
//    an account deleted behind a confirmation; each with its reason in audit_log;
//  - an order shipped with a tracking note, stock set and an invite code disabled, each audited.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { createAuthUsers } from '../support/fixtures.ts';
import { stackEnv } from '../support/stack-env.ts';
import { signUp } from './support/auth-flows.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { createTestShopper, startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();
const env = stackEnv();
const tag = crypto.randomBytes(3).toString('hex');
const db = new pg.Client({ connectionString: env.DATABASE_URL });
const ADMIN = { email: 'admin@example.com', password: 'password123' };
const ADMIN_PATHS = [
  '/admin', '/admin/events', '/admin/check-in', '/admin/members', '/admin/orders', '/admin/stock', '/admin/invitations', '/admin/audit',
  `/admin/events/${crypto.randomUUID()}`, `/admin/members/${crypto.randomUUID()}`,
];

before(async () => {
  await db.connect();
});

after(async () => {
  await db.query(`delete from auth.users where email like $1`, [`%-${tag}@support.test`]);
  const mine = `select id from public.events where slug like 'e2e-admin-${tag}-%'`;
  await db.query(`update public.events set cancelled_at = now() where slug like 'e2e-admin-${tag}-%' and cancelled_at is null`);
  await db.query(`delete from public.coupons where event_id in (${mine})`);
  await db.query(`delete from public.enrollments where event_id in (${mine})`);
  await db.query(`delete from public.events where slug like 'e2e-admin-${tag}-%'`);
  await db.end();
});

async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('banner').getByRole('link', { name: 'Admin', exact: true }).waitFor();
}

async function expectNotFound(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  assert.equal(response?.status(), 404, `${path} is a 404`);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
}

async function auditCount(action: string, targetId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from public.audit_log where action = $1 and target_id = $2`, [action, targetId]);
  return rows[0].n;
}

test('visitors, guests and members get a 404 on every admin page and see no Admin link', async (t) => {
  await withPage(t, browser(), async (page) => {
    for (const path of ADMIN_PATHS) await expectNotFound(page, path);
    await signUp(page, createTestShopper('notadmin'));
    assert.equal(await page.getByRole('banner').getByRole('link', { name: 'Admin', exact: true }).count(), 0);
    for (const path of ADMIN_PATHS) await expectNotFound(page, path);
    // Posting to an admin action as a member is refused the same way.
    const response = await page.request.post('/en/admin/check-in', { form: { code: 'AAAA-AAAA-AAAA-AAAA' } });
    assert.equal(response.status(), 404);
  });
});

test('an admin marks a payment, approves, and checks the coupon in once at the venue', async (t) => {
  const slug = `e2e-admin-${tag}-fee`;
  const name = `Admin test night ${tag}`;
  const { rows: [event] } = await db.query<{ id: string }>(
    `insert into public.events (slug, name, description, starts_at, ends_at, location, capacity, fee, published)
     values ($1, $2, 'Made by the admin browser test.', now() + interval '7 days', now() + interval '7 days 2 hours', 'Test hall', 5, 30, true)
     returning id`,
    [slug, name],
  );
  const member = createTestShopper('adminflow');
  await withPage(t, browser(), async (memberPage) => {
    await signUp(memberPage, member);
    await memberPage.goto(`/events/${slug}`);
    await memberPage.getByRole('button', { name: 'Enroll', exact: true }).click();
    await memberPage.getByTestId('event-notice').filter({ hasText: 'enrolled' }).waitFor();
  });
  const { rows: [enrollment] } = await db.query<{ id: string }>(
    `select en.id from public.enrollments en join auth.users u on u.id = en.user_id where en.event_id = $1 and u.email = $2`,
    [event.id, member.email],
  );

  await withPage(t, browser(), async (page) => {
    await signInAsAdmin(page);
    await page.getByRole('banner').getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    assert.match(await page.getByTestId('attention-awaitingPayment').innerText(), /payment/);
    await expectNoAxeViolations(page, 'the admin dashboard');

    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Events' }).click();
    // The list counts in the database: one pending, none waitlisted or approved, one payment awaited.
    const listedRow = page.locator(`[data-testid="admin-event-row"][data-slug="${slug}"]`);
    await listedRow.waitFor();
    const listed = listedRow.locator('td');
    assert.deepEqual((await listed.allInnerTexts()).slice(2), ['1', '0', '0', '1']);
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Enrollments: ${name}` }).waitFor();
    const row = page.locator(`[data-enrollment="${enrollment.id}"]`);
    // Awaiting payment: no approve button yet.
    assert.equal(await row.getByRole('button', { name: 'Approve' }).count(), 0, 'no approval before the payment is recorded');

    // A reason is required (zod, then the database).
    await row.getByText('Mark paid, reject or cancel').click();
    await row.getByLabel('Payment reference').fill('BANK-778');
    await row.getByRole('button', { name: 'Mark paid' }).click();
    await page.waitForLoadState('networkidle');
    assert.equal(await auditCount('enrollment.marked_paid', enrollment.id), 0);
    await row.getByLabel('Payment reference').fill('BANK-778');
    await row.locator(`#paid-reason-${enrollment.id}`).fill('Transfer seen on the bank statement');
    await row.getByRole('button', { name: 'Mark paid' }).click();
    await page.getByRole('status').filter({ hasText: 'Payment recorded.' }).waitFor();
    assert.match(await page.locator(`[data-enrollment="${enrollment.id}"]`).getByTestId('admin-payment').innerText(), /Paid \(BANK-778\)/);
    assert.equal(await auditCount('enrollment.marked_paid', enrollment.id), 1);
    await expectNoAxeViolations(page, 'an event\'s enrollments');

    await page.locator(`[data-enrollment="${enrollment.id}"]`).getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved' }).waitFor();
    assert.equal(await page.locator(`[data-enrollment="${enrollment.id}"]`).getAttribute('data-status'), 'approved');
    assert.equal(await auditCount('enrollment.status_changed', enrollment.id), 1);
    const { rows: [coupon] } = await db.query<{ code: string }>('select code from public.coupons where enrollment_id = $1', [enrollment.id]);

    // The member hears about it.
    let mailed = false;
    for (let attempt = 0; attempt < 80 && !mailed; attempt += 1) {
      const messages = (await (await fetch(`${env.MAIL_URL}/api/messages?${new URLSearchParams({ to: member.email })}`)).json()) as Array<{ kind: string; text: string }>;
      mailed = messages.some((message) => message.kind === 'enrollment_approved' && message.text.includes(coupon.code));
      if (!mailed) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.ok(mailed, 'the approval mail with the coupon code reached the member');

    // Check-in at the venue, typed as staff might: lower case, spaces instead of dashes.
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Check-in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check-in' }).waitFor();
    await expectNoAxeViolations(page, 'the check-in page');
    await page.getByLabel('Coupon code').fill('abc');
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByText('A coupon code has 16 letters and digits.').waitFor();
    await page.getByLabel('Coupon code').fill(coupon.code.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Check in' }).click();
    const result = page.getByTestId('check-in-result');
    await result.getByText('Checked in', { exact: true }).waitFor();
    assert.match(await result.getByTestId('check-in-member').innerText(), /Ada/);
    const used = await db.query('select used_at from public.coupons where enrollment_id = $1', [enrollment.id]);
    assert.notEqual(used.rows[0].used_at, null);

    await page.getByLabel('Coupon code').fill(coupon.code);
    await page.getByRole('button', { name: /Check in/ }).click();
    await result.getByText('This coupon has already been used.').waitFor();
  });
});

/** Rows in audit_log about `targetId` that carry exactly `reason`. */
async function auditedWith(targetId: string, reason: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from public.audit_log where target_id = $1 and reason = $2`, [targetId, reason]);
  return rows[0].n;
}

test('an admin handles support requests for a member from the member page', async (t) => {
  const digits = String(Math.floor(10_000_000 + Math.random() * 89_999_999));
  const [memberId] = await createAuthUsers(db, [`minji-${tag}@support.test`], {
    first_name: 'Minji', last_name: `Kim${tag}`, phone: `+8210${digits}`,
  });
  const [duplicateId] = await createAuthUsers(db, [`minji-old-${tag}@support.test`], { first_name: 'Minji', last_name: `Kim${tag}` });
  const [leavingId] = await createAuthUsers(db, [`leaving-${tag}@support.test`], { first_name: 'Leaving', last_name: `Soon${tag}` });
  // A coupon the member used by mistake, and an order on the duplicate account.
  const { rows: [event] } = await db.query<{ id: string }>(
    `insert into public.events (slug, name, description, starts_at, ends_at, location, capacity, published)
     values ($1, $1, 'Support test.', now() + interval '7 days', now() + interval '7 days 2 hours', 'Test hall', 5, true) returning id`,
    [`e2e-admin-${tag}-coupon`],
  );
  await db.query(`insert into public.enrollments (event_id, user_id) values ($1, $2)`, [event.id, memberId]);
  await db.query(`update public.enrollments set status = 'approved' where event_id = $1 and user_id = $2`, [event.id, memberId]);
  await db.query(`update public.coupons set used_at = now() where event_id = $1 and user_id = $2`, [event.id, memberId]);
  const { rows: [coupon] } = await db.query<{ id: string }>(`select id from public.coupons where event_id = $1 and user_id = $2`, [event.id, memberId]);

  await withPage(t, browser(), async (page) => {
    await signInAsAdmin(page);
    await page.goto('/admin/members');
    // The phone as the member says it on the phone: national form with dashes.
    await page.getByLabel('Search', { exact: true }).fill(`010-${digits.slice(0, 4)}-${digits.slice(4)}`);
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByTestId('member-results');
    await results.getByText(`minji-${tag}@support.test`).waitFor();
    await expectNoAxeViolations(page, 'member search results');
    await results.getByRole('link', { name: new RegExp(`Kim${tag}`) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Member: .*Kim${tag}`) }).waitFor();
    await expectNoAxeViolations(page, 'a member page');

    // Phone change, with a reason.
    const profile = page.getByTestId('profile-form');
    await profile.getByLabel('Phone', { exact: true }).fill('+82 10 5555 0101');
    await profile.getByLabel('Reason').fill('Member called from the new number, verified birthday');
    await profile.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    const { rows: [saved] } = await db.query<{ phone: string }>('select phone from public.profiles where id = $1', [memberId]);
    assert.equal(saved.phone, '+821055550101');
    assert.ok((await auditedWith(memberId, 'Member called from the new number, verified birthday')) >= 1, 'the phone change is audited with its reason');

    // The coupon used by mistake.
    await page.locator(`#coupon-reason-${coupon.id}`).fill('Pressed "use coupon" at home by mistake');
    await page.getByRole('button', { name: 'Make the coupon usable again' }).click();
    await page.getByRole('status').filter({ hasText: 'The coupon is usable again.' }).waitFor();
    const { rows: [reset] } = await db.query<{ used_at: string | null }>('select used_at from public.coupons where id = $1', [coupon.id]);
    assert.equal(reset.used_at, null);
    assert.equal(await auditedWith(coupon.id, 'Pressed "use coupon" at home by mistake'), 1);

    // A password-reset mail, through Auth.
    await page.locator('#reset-reason').fill('Forgot the password, verified by phone');
    await page.getByRole('button', { name: 'Send the password-reset mail' }).click();
    await page.getByRole('status').filter({ hasText: 'password-reset mail is on its way' }).waitFor();
    let recovered = false;
    for (let attempt = 0; attempt < 80 && !recovered; attempt += 1) {
      const messages = (await (await fetch(`${env.MAIL_URL}/api/messages?${new URLSearchParams({ to: `minji-${tag}@support.test` })}`)).json()) as Array<{ kind: string }>;
      recovered = messages.some((message) => message.kind === 'recovery');
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.ok(recovered, "Auth's recovery mail reached the member");

    // The duplicate account, merged in (the box must be ticked).
    await page.getByLabel("The other account's id").fill(duplicateId);
    await page.locator('#merge-reason').fill('Same person signed up twice, confirmed by email');
    await page.getByRole('button', { name: 'Merge and delete the other account' }).click();
    await page.getByText('Tick the box to confirm.').waitFor();
    await page.getByLabel('I checked that both accounts belong to this member.').check();
    await page.locator('#merge-reason').fill('Same person signed up twice, confirmed by email');
    await page.getByRole('button', { name: 'Merge and delete the other account' }).click();
    await page.getByRole('status').filter({ hasText: 'merged into this one' }).waitFor();
    const { rows: gone } = await db.query('select 1 from auth.users where id = $1', [duplicateId]);
    assert.equal(gone.length, 0, 'the duplicate account is gone');

    // Deleting another account, behind the confirmation.
    await page.goto(`/admin/members/${leavingId}`);
    await page.locator('#delete-reason').fill('Asked for deletion by mail, verified');
    await page.getByLabel('The member asked for the deletion and I checked it was them.').check();
    await page.getByRole('button', { name: 'Delete the account' }).click();
    await page.waitForURL((url) => url.pathname === '/en/admin/members' && url.searchParams.get('deleted') === '1');
    await page.getByRole('status').filter({ hasText: 'The account was deleted.' }).waitFor();
    const { rows: deleted } = await db.query('select 1 from auth.users where id = $1', [leavingId]);
    assert.equal(deleted.length, 0);
  });
});

test('an admin ships an order with a tracking note, sets stock and disables an invite code', async (t) => {
  const { rows: [category] } = await db.query<{ id: string }>('select id from public.categories order by position limit 1');
  // Five units: under what other tests look for (they pick products with more than ten).
  const { rows: [product] } = await db.query<{ id: string }>(
    `insert into public.products (slug, name, category_id, price, stock, position) values ($1, $2, $3, 12.00, 5, 999) returning id`,
    [`e2e-admin-${tag}-cable`, `Test cable ${tag}`, category.id],
  );
  const [buyerId] = await createAuthUsers(db, [`buyer-${tag}@support.test`], { first_name: 'Buyer', last_name: tag });
  // The buyer's order, placed through the RPCs as the buyer (as PostgREST runs them).
  await db.query('begin');
  await db.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: buyerId, role: 'authenticated', aud: 'authenticated', is_anonymous: false })]);
  await db.query('set local role authenticated');
  await db.query('select public.reserve_stock($1, 1)', [product.id]);
  const { rows: [order] } = await db.query<{ id: string; order_number: string }>(
    `select id, order_number from public.place_order(idempotency_key => $1, customer_name => 'Buyer Test', customer_email => $2,
       customer_phone => null, address => '1 Test Road', zip => '10110', city => 'Bangkok', country => 'Thailand', payment_method => 'cash')`,
    [`e2e-${tag}`, `buyer-${tag}@support.test`],
  );
  await db.query('commit');
  await db.query(`update public.orders set status = 'processing' where id = $1`, [order.id]);
  const { rows: [invitation] } = await db.query<{ id: string; code: string }>(
    `insert into public.invitations (note) values ($1) returning id, code`, [`e2e-admin-${tag}`]);

  try {
    await withPage(t, browser(), async (page) => {
      await signInAsAdmin(page);

      // Ship, with the tracking note the customer will read.
      await page.goto(`/admin/orders?${new URLSearchParams({ q: order.order_number })}`);
      const row = page.locator(`[data-order="${order.order_number}"]`);
      await row.getByText('Change the status').click();
      await row.getByLabel('New status').selectOption('shipped');
      await row.getByLabel('Reason or tracking note').fill('Kerry Express TH123456789');
      await row.getByRole('button', { name: 'Change status' }).click();
      await page.getByRole('status').filter({ hasText: `Order ${order.order_number} is now Shipped.` }).waitFor();
      const { rows: [shipped] } = await db.query<{ status: string; reason: string }>(
        `select o.status::text, e.reason from public.orders o join public.order_events e on e.order_id = o.id
          where o.id = $1 order by e.created_at desc, e.id desc limit 1`, [order.id]);
      assert.deepEqual(shipped, { status: 'shipped', reason: 'Kerry Express TH123456789' });
      await expectNoAxeViolations(page, 'the admin orders list');

      // Stock, with a reason.
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Stock' }).click();
      const stockRow = page.locator(`[data-slug="e2e-admin-${tag}-cable"]`);
      await stockRow.getByLabel('New stock').fill('9');
      await stockRow.getByLabel('Reason').fill('Delivery of four cables counted');
      await stockRow.getByRole('button', { name: 'Set stock' }).click();
      await page.getByRole('status').filter({ hasText: `Stock of Test cable ${tag} is now 9.` }).waitFor();
      const { rows: [stocked] } = await db.query<{ stock: number }>('select stock from public.products where id = $1', [product.id]);
      assert.equal(stocked.stock, 9);
      assert.equal(await auditedWith(product.id, 'Delivery of four cables counted'), 1);

      // An invite code that leaked, disabled.
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Invite codes' }).click();
      const code = page.locator(`[data-code="${invitation.code}"]`);
      await code.getByLabel('Reason').fill('Posted on a public forum');
      await code.getByRole('button', { name: 'Disable' }).click();
      await page.getByRole('status').filter({ hasText: 'The code was updated.' }).waitFor();
      const { rows: [disabled] } = await db.query<{ active: boolean }>('select active from public.invitations where id = $1', [invitation.id]);
      assert.equal(disabled.active, false);
      await expectNoAxeViolations(page, 'the invite codes page');

      // The audit log shows the order's change with its note.
      await page.goto(`/admin/audit?${new URLSearchParams({ target: order.id })}`);
      await page.getByTestId('audit-entries').getByText('Kerry Express TH123456789').first().waitFor();
    });
  } finally {
    await db.query('delete from public.orders where id = $1', [order.id]);
    await db.query('delete from public.products where id = $1', [product.id]);
    await db.query('delete from public.invitations where id = $1', [invitation.id]);
  }
});
