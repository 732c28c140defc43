// Events in the browser, on events of their own (made in SQL, as an admin would in Studio):
//  - a member enrolls, is approved in Studio (SQL as postgres), gets the mail with the coupon,
//    sees the coupon and its QR code, and uses it once behind a confirmation;
//  - a full event puts the next member on the waitlist; when the first cancels (behind a
//    confirmation), the waitlisted member moves up and is mailed;
//  - a visitor is asked to sign in, a guest to create an account;
//  - the whole enroll → cancel path works without JavaScript, and the pages pass axe at
//    phone width (screenshots in test-results/events/).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { stackEnv } from '../support/stack-env.ts';
import { signUp } from './support/auth-flows.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { createTestShopper, resultsDir, startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();
const env = stackEnv();
const tag = crypto.randomBytes(3).toString('hex');
const db = new pg.Client({ connectionString: env.DATABASE_URL });
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

before(async () => {
  await db.connect();
});

after(async () => {
  // Cancelling an event cancels its enrollments (nobody is promoted), so the rows can go.
  const mine = `select id from public.events where slug like 'e2e-${tag}-%'`;
  await db.query(`update public.events set cancelled_at = now() where slug like 'e2e-${tag}-%' and cancelled_at is null`);
  await db.query(`delete from public.coupons where event_id in (${mine})`);
  await db.query(`delete from public.enrollments where event_id in (${mine})`);
  await db.query(`delete from public.events where slug like 'e2e-${tag}-%'`);
  await db.end();
});

/** A published event of our own, a week ahead; `name` is unique to this run. */
async function createEvent(label: string, capacity: number, fee: number | null = null): Promise<{ slug: string; name: string }> {
  const slug = `e2e-${tag}-${label}`;
  const name = `Test ${label} night ${tag}`;
  await db.query(
    `insert into public.events (slug, name, description, starts_at, ends_at, location, capacity, fee, published)
     values ($1, $2, 'An evening made by the browser tests.', now() + interval '7 days', now() + interval '7 days 2 hours',
             'Test hall, Bangkok', $3, $4, true)`,
    [slug, name, capacity, fee],
  );
  return { slug, name };
}

/** What an admin does in Studio: edit the enrollment's status in the table editor. */
async function setStatusAsStudio(email: string, slug: string, status: string): Promise<void> {
  const { rowCount } = await db.query(
    `update public.enrollments en set status = $3
       from public.events e, auth.users u
      where e.id = en.event_id and u.id = en.user_id and e.slug = $1 and u.email = $2 and en.status <> 'cancelled'`,
    [slug, email, status],
  );
  assert.equal(rowCount, 1, `one live enrollment of ${email} in ${slug}`);
}

interface Mail {
  kind: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
}

/** The mail of `kind` to `email`, waiting for the mailer to send it (it polls the outbox). */
async function waitForMail(email: string, kind: string): Promise<Mail> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${env.MAIL_URL}/api/messages?${new URLSearchParams({ to: email })}`);
    const found = ((await response.json()) as Mail[]).find((message) => message.kind === kind);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No ${kind} mail reached ${email} within 20 s`);
}

async function openEvent(page: Page, name: string): Promise<void> {
  await page.goto('/events');
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Presses the button and waits for the new page (the URL changes before it renders). */
async function enroll(page: Page, button: 'Enroll' | 'Join the waitlist' = 'Enroll'): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForURL(/[?&]enrolled=/);
  await page.getByTestId('event-notice').filter({ hasText: /enrolled|waitlist/ }).waitFor();
}

function statusBadge(page: Page) {
  return page.getByTestId('my-enrollment').getByTestId('enrollment-status');
}

async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(resultsDir, 'events');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

test('a member enrolls, is approved in Studio, gets the coupon by mail and uses it once', async (t) => {
  const event = await createEvent('approved', 5);
  const member = createTestShopper('enrolls');
  await withPage(t, browser(), async (page) => {
    await signUp(page, member);
    await page.getByRole('banner').getByRole('link', { name: 'Events' }).click();
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    const card = page.getByTestId('event-card').filter({ hasText: event.name });
    assert.match(await card.innerText(), /5 seats left/);

    await openEvent(page, event.name);
    await enroll(page);
    await page.getByRole('status').filter({ hasText: "You're enrolled" }).waitFor();
    assert.equal(await statusBadge(page).getAttribute('data-status'), 'pending');
    assert.match(await page.getByTestId('event-seats').innerText(), /4 of 5 left/);

    // A second press (a stale tab) gives back the same enrollment, not a second seat or an error.
    await page.goto(`/events/${event.slug}`);
    const { rows: before } = await db.query(`select count(*)::int as n from public.enrollments en join public.events e on e.id = en.event_id where e.slug = $1`, [event.slug]);
    assert.equal(before[0].n, 1);

    await setStatusAsStudio(member.email, event.slug, 'approved');
    const { rows } = await db.query<{ code: string }>(
      `select c.code from public.coupons c join public.events e on e.id = c.event_id where e.slug = $1`, [event.slug]);
    const code = rows[0].code;

    const mail = await waitForMail(member.email, 'enrollment_approved');
    assert.match(mail.subject, new RegExp(event.name));
    assert.ok(mail.text.includes(code), 'the approval mail carries the coupon code');

    await page.goto(`/events/${event.slug}`);
    assert.equal(await statusBadge(page).getAttribute('data-status'), 'approved');
    await page.getByRole('link', { name: 'See your coupon' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your events' }).waitFor();
    const coupon = page.getByTestId('enrollment-card').filter({ hasText: event.name }).getByTestId('coupon');
    assert.equal((await coupon.getByTestId('coupon-code').innerText()).trim(), code);
    assert.equal(await coupon.getByRole('img', { name: `QR code of coupon ${code}` }).locator('svg').count(), 1, 'a QR code drawn as inline SVG');

    // "Use coupon" asks first; "Not now" leaves it usable.
    await coupon.getByRole('link', { name: 'Use coupon' }).click();
    const confirm = coupon.getByTestId('use-confirm');
    await confirm.getByText('Staff will see it as used; this cannot be undone.').waitFor();
    await confirm.getByRole('link', { name: 'Not now' }).click();
    await coupon.getByRole('link', { name: 'Use coupon' }).waitFor();
    const unused = await db.query(`select used_at from public.coupons where code = $1`, [code]);
    assert.equal(unused.rows[0].used_at, null, '"Not now" did not use it');

    await coupon.getByRole('link', { name: 'Use coupon' }).click();
    await coupon.getByRole('button', { name: 'Yes, use it now' }).click();
    await page.getByRole('status').filter({ hasText: 'Coupon used' }).waitFor();
    const used = page.getByTestId('enrollment-card').filter({ hasText: event.name }).getByTestId('coupon');
    await used.getByTestId('coupon-used').waitFor();
    assert.equal(await used.getByRole('link', { name: 'Use coupon' }).count(), 0, 'a used coupon offers no second use');
    assert.equal(await used.getByTestId('coupon-qr').count(), 0, 'a used coupon shows no QR code');
    const after = await db.query(`select used_at from public.coupons where code = $1`, [code]);
    assert.notEqual(after.rows[0].used_at, null);
  });
});

test('a full event waitlists the next member, who moves up and is mailed when the first cancels', async (t) => {
  const event = await createEvent('full', 1);
  const first = createTestShopper('first');
  const second = createTestShopper('second');
  await withPage(t, browser(), async (firstPage) => {
    await signUp(firstPage, first);
    await openEvent(firstPage, event.name);
    await enroll(firstPage);

    await withPage(t, browser(), async (secondPage) => {
      await signUp(secondPage, second);
      await secondPage.goto('/events');
      assert.match(await secondPage.getByTestId('event-card').filter({ hasText: event.name }).innerText(), /Full — join the waitlist/);
      await openEvent(secondPage, event.name);
      await enroll(secondPage, 'Join the waitlist');
      await secondPage.getByRole('status').filter({ hasText: 'number 1 in line' }).waitFor();
      assert.equal(await statusBadge(secondPage).getAttribute('data-status'), 'waitlisted');

      // The first member cancels, behind a confirmation that can be declined.
      await firstPage.goto(`/events/${event.slug}`);
      await firstPage.getByRole('link', { name: 'Cancel my enrollment' }).click();
      await firstPage.getByTestId('cancel-confirm').getByRole('link', { name: 'No, keep it' }).click();
      await firstPage.getByRole('link', { name: 'Cancel my enrollment' }).click();
      await firstPage.getByRole('button', { name: 'Yes, cancel my enrollment' }).click();
      await firstPage.getByRole('status').filter({ hasText: 'Your enrollment is cancelled.' }).waitFor();
      assert.equal(await statusBadge(firstPage).getAttribute('data-status'), 'cancelled');

      const mail = await waitForMail(second.email, 'enrollment_promoted');
      assert.match(mail.subject, new RegExp(event.name));
      await secondPage.reload();
      assert.equal(await statusBadge(secondPage).getAttribute('data-status'), 'pending', 'the waitlisted member moved up');
    });

    // The member who cancelled may enroll again: the seat is taken now, so at the back of the line.
    await enroll(firstPage, 'Join the waitlist');
    assert.equal(await statusBadge(firstPage).getAttribute('data-status'), 'waitlisted');
  });
});

test('a visitor is asked to sign in and a guest to create an account', async (t) => {
  const event = await createEvent('visitor', 10);
  await withPage(t, browser(), async (page) => {
    await page.goto(`/events/${event.slug}`);
    const ask = page.getByTestId('enroll-sign-in');
    assert.match(await ask.innerText(), /Events are for members/);
    assert.equal(await page.getByRole('button', { name: 'Enroll' }).count(), 0);
    await ask.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/en/login' && url.searchParams.get('redirectTo') === `/en/events/${event.slug}`);

    // Adding to the cart makes the visitor a guest (an anonymous user).
    const { rows } = await db.query<{ slug: string }>('select slug from public.products where stock > 10 order by slug limit 1');
    await page.goto(`/products/${rows[0].slug}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByTestId('cart-link').filter({ hasText: '1' }).waitFor();
    await page.goto(`/events/${event.slug}`);
    const guest = page.getByTestId('enroll-guest');
    assert.match(await guest.innerText(), /Create an account/);
    await guest.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL('**/signup');
  });
});

test('enrolling in an event with a fee and cancelling work without JavaScript', async (t) => {
  const event = await createEvent('nojs', 3, 45);
  const member = createTestShopper('nojs');
  await withPage(
    t,
    browser(),
    async (page) => {
      await signUp(page, member);
      await openEvent(page, event.name);
      await enroll(page);
      assert.equal(await statusBadge(page).getAttribute('data-status'), 'pending');
      const instructions = page.getByTestId('payment-instructions');
      assert.match(await instructions.innerText(), /\$45\.00 per seat/);
      assert.match((await instructions.getByTestId('payment-reference').innerText()).trim(), /^EV-[0-9A-F]{8}$/);

      await page.getByRole('link', { name: 'Cancel my enrollment' }).click();
      await page.getByTestId('cancel-confirm').waitFor();
      await page.getByRole('button', { name: 'Yes, cancel my enrollment' }).click();
      await page.waitForURL(/[?&]cancelled=1/);
      assert.equal(await statusBadge(page).getAttribute('data-status'), 'cancelled');

      await page.goto('/account/events');
      const card = page.getByTestId('enrollment-card').filter({ hasText: event.name });
      assert.equal(await card.getByTestId('enrollment-status').getAttribute('data-status'), 'cancelled');
    },
    { javaScriptEnabled: false },
  );
});

test('the events pages pass axe at phone width, with a coupon on the account page', async (t) => {
  const event = await createEvent('phone', 3, 45);
  const member = createTestShopper('phone');
  await withPage(
    t,
    browser(),
    async (page) => {
      await signUp(page, member);
      await page.goto('/events');
      await expectNoAxeViolations(page, 'the events page');
      await screenshot(page, 'events-phone');
      await openEvent(page, event.name);
      await enroll(page);
      await expectNoAxeViolations(page, 'an event page with payment instructions');
      await screenshot(page, 'event-enrolled-phone');
      await page.getByRole('link', { name: 'Cancel my enrollment' }).click();
      await page.getByTestId('cancel-confirm').waitFor();
      await expectNoAxeViolations(page, 'the cancel confirmation');

      await db.query(
        `update public.enrollments en set payment_status = 'paid', payment_reference = 'BANK-1', paid_at = now()
           from public.events e where e.id = en.event_id and e.slug = $1`, [event.slug]);
      await setStatusAsStudio(member.email, event.slug, 'approved');
      await page.goto('/account/events');
      const coupon = page.getByTestId('enrollment-card').filter({ hasText: event.name }).getByTestId('coupon');
      await coupon.getByRole('link', { name: 'Use coupon' }).click();
      await coupon.getByTestId('use-confirm').waitFor();
      await expectNoAxeViolations(page, 'the account events page with a coupon and its confirmation');
      await screenshot(page, 'account-events-coupon-phone');
    },
    phone,
  );
});
