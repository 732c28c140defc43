// A shopper's first visit: the store renders, they create an account, see themselves signed in,
// sign out and back in, and get readable answers when something is wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { createTestShopper, startBrowserForFile, withPage } from './support/browser.ts';
import {
  expectSignedInAs,
  expectSignedOut,
  fillSignupAccountStep,
  fillSignupDetailsStep,
  fillSignupForm,
  signOut,
  signUp,
} from './support/auth-flows.ts';

const browser = startBrowserForFile();

/** Focus moves once the reply has rendered: wait for it rather than read it once. */
async function expectFocused(locator: Locator, what: string): Promise<void> {
  const element = await locator.elementHandle();
  await locator
    .page()
    .waitForFunction((node) => node === document.activeElement, element, { timeout: 5000 })
    .catch(() => assert.fail(`${what} has focus`));
}

test('the home page shows the store, and an unknown address gets a real 404 page', async (t) => {
  await withPage(t, browser(), async (page) => {
    const response = await page.goto('/');
    assert.equal(response?.status(), 200);
    await page.getByRole('heading', { level: 1, name: 'Sound worth listening to' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Headphones' }).waitFor();
    await page.getByRole('contentinfo').waitFor();
    await expectSignedOut(page);

    const missing = await page.goto('/no-such-page');
    assert.equal(missing?.status(), 404);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assert.doesNotMatch(await page.content(), /at \S+ \(.*:\d+:\d+\)/, 'no stack trace on the page');
  });
});

test('a shopper signs up, is signed in, signs out and signs in again with the keyboard', async (t) => {
  const shopper = createTestShopper();
  await withPage(t, browser(), async (page) => {
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'Create account' }).click();
    await page.waitForURL('**/signup');
    await fillSignupForm(page, shopper);
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.waitForURL('**/account');
    await expectSignedInAs(page, shopper.email);
    assert.equal(await page.getByTestId('account-email').textContent(), shopper.email);

    await signOut(page);
    await expectSignedOut(page);
    // Signed out for real: the account page now sends us to sign in.
    await page.goto('/account');
    await page.waitForURL('**/en/login?redirectTo=%2Fen%2Faccount');

    // Keyboard only: type, Tab to the next field, Enter to submit.
    await page.getByLabel('Email', { exact: true }).focus();
    await page.keyboard.type(shopper.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(shopper.password);
    await page.keyboard.press('Enter');

    await page.waitForURL('**/account');
    await expectSignedInAs(page, shopper.email);
    // The session survives a full reload (it lives in cookies the server reads).
    await page.reload();
    await expectSignedInAs(page, shopper.email);
  });
});

test('a wrong password gets a readable error and keeps the email; the right one signs in', async (t) => {
  const shopper = createTestShopper();
  await withPage(t, browser(), async (page) => {
    await signUp(page, shopper);
    await signOut(page);

    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(shopper.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-right-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' });
    await summary.waitFor();
    // The refusal comes from Auth, through the server: the summary at the top takes focus.
    await expectFocused(summary, 'the error summary');
    assert.equal(await page.getByLabel('Email', { exact: true }).inputValue(), shopper.email);
    await expectSignedOut(page);

    await page.getByLabel('Password', { exact: true }).fill(shopper.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/en');
    await expectSignedInAs(page, shopper.email);
  });
});

test('sign-in is checked on the server: an empty or malformed form gets a focused summary and field messages, with and without JavaScript', async (t) => {
  for (const javaScriptEnabled of [true, false]) {
    await withPage(
      t,
      browser(),
      async (page) => {
        await page.goto('/th/login');
        await page.getByRole('main').getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
        // Messages in the page's language, from the server's schema (the page loads no zod).
        const summary = page.getByRole('alert').filter({ hasText: 'พบปัญหา' });
        await summary.waitFor();
        for (const message of ['โปรดกรอกอีเมลของคุณ', 'โปรดกรอกรหัสผ่านของคุณ']) {
          await summary.getByRole('link', { name: message }).waitFor();
        }
        const email = page.getByLabel('อีเมล', { exact: true });
        assert.equal(await email.getAttribute('aria-invalid'), 'true');
        if (javaScriptEnabled) await expectFocused(summary, 'the error summary');
        // Each summary entry leads to its field.
        assert.equal(await summary.getByRole('link', { name: 'โปรดกรอกอีเมลของคุณ' }).getAttribute('href'), `#${await email.getAttribute('id')}`);

        await email.fill('not-an-address');
        await page.getByLabel('รหัสผ่าน', { exact: true }).fill('whatever-it-is');
        await page.getByRole('main').getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
        await page.getByText('โปรดกรอกอีเมลให้ถูกต้อง เช่น name@example.com', { exact: true }).waitFor();
        // What was typed comes back, except the password.
        assert.equal(await email.inputValue(), 'not-an-address');
        assert.equal(await page.getByLabel('รหัสผ่าน', { exact: true }).inputValue(), javaScriptEnabled ? 'whatever-it-is' : '');
      },
      { javaScriptEnabled },
    );
  }
});

test('signing up with an email already in use says so on the email field', async (t) => {
  const shopper = createTestShopper();
  await withPage(t, browser(), async (page) => {
    await signUp(page, shopper);
    await signOut(page);

    await page.goto('/signup');
    await fillSignupForm(page, { ...shopper, firstName: 'Grace' });
    await page.getByRole('button', { name: 'Create account' }).click();

    const email = page.getByLabel('Email', { exact: true });
    const error = page.getByText('This email is already in use.', { exact: true });
    await error.waitFor();
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    const errorId = await error.evaluate((node) => node.closest('[id]')?.id);
    assert.ok(errorId, 'the error text has an id');
    assert.match((await email.getAttribute('aria-describedby')) ?? '', new RegExp(`\\b${errorId}\\b`));
    // What the person typed is kept; focus lands on the error summary, whose entry leads to the field.
    assert.equal(await email.inputValue(), shopper.email);
    const summary = page.locator('.error-summary');
    assert.equal(await summary.evaluate((node) => node === document.activeElement), true);
    assert.equal(await summary.getByRole('link').getAttribute('href'), '#signup-account-email');
    assert.equal(page.url().endsWith('/signup'), true);
    // The optional details typed in the same form are kept too.
    assert.equal(await page.getByLabel('First name', { exact: true }).inputValue(), 'Grace');
  });
});

test('the forms work without JavaScript', async (t) => {
  const shopper = createTestShopper('nojs');
  await withPage(
    t,
    browser(),
    async (page) => {
      await page.goto('/signup');
      // Email and password come first; the names are optional and never refused when empty.
      await fillSignupDetailsStep(page, shopper);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Enter your email address.', { exact: true }).waitFor();
      for (const label of ['First name', 'Last name']) {
        assert.equal(await page.getByLabel(label, { exact: true }).getAttribute('aria-invalid'), null, label);
      }
      assert.equal(await page.getByLabel('First name', { exact: true }).inputValue(), shopper.firstName);
      for (const label of ['Email', 'Password', 'Confirm password']) {
        assert.equal(await page.getByLabel(label, { exact: true }).getAttribute('aria-invalid'), 'true', label);
      }

      await fillSignupAccountStep(page, { ...shopper, password: 'short' });
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Password must be at least 8 characters.', { exact: true }).waitFor();
      assert.equal(await page.getByLabel('Email', { exact: true }).inputValue(), shopper.email);
      // The server re-renders what was typed, except passwords: those are never sent back.
      assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
      assert.equal(await page.getByLabel('Confirm password', { exact: true }).inputValue(), '');

      await fillSignupAccountStep(page, shopper);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL('**/account');
      await expectSignedInAs(page, shopper.email);

      await signOut(page);
      await expectSignedOut(page);
    },
    { javaScriptEnabled: false },
  );
});
