// The steps a person takes on the auth pages, written once so each test reads as a story.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TestShopper } from './browser.ts';

/** The optional "about you" part of the sign-up form (after email and password): the names. */
export async function fillSignupDetailsStep(page: Page, shopper: TestShopper): Promise<void> {
  await page.getByLabel('First name', { exact: true }).fill(shopper.firstName);
  await page.getByLabel('Last name', { exact: true }).fill(shopper.lastName);
}

/** The sign-up form's required part: email and password (the caller presses "Create account"). */
export async function fillSignupAccountStep(page: Page, shopper: TestShopper): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(shopper.email);
  await page.getByLabel('Password', { exact: true }).fill(shopper.password);
  await page.getByLabel('Confirm password', { exact: true }).fill(shopper.password);
  await page.getByLabel('I accept the terms of service and the privacy notice.').check();
}

/** The whole open-mode sign-up form, names included, up to the "Create account" button. */
export async function fillSignupForm(page: Page, shopper: TestShopper): Promise<void> {
  await fillSignupAccountStep(page, shopper);
  await fillSignupDetailsStep(page, shopper);
}

export async function signUp(page: Page, shopper: TestShopper): Promise<void> {
  await page.goto('/signup');
  await fillSignupForm(page, shopper);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/account');
}

/** On a phone the account menu sits in the header's menu: opens that first when it is closed. */
export async function openSiteMenu(page: Page): Promise<void> {
  const button = page.getByRole('banner').getByRole('button', { name: 'Menu', exact: true });
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) === 'false') await button.click();
}

/** Opens the header's account menu (a <details>) unless it is open. */
export async function openAccountMenu(page: Page): Promise<void> {
  await openSiteMenu(page);
  const menu = page.getByRole('banner').getByTestId('account-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
}

export async function signOut(page: Page): Promise<void> {
  await openAccountMenu(page);
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
}

/** The header names the signed-in account. */
export async function expectSignedInAs(page: Page, email: string): Promise<void> {
  await page.getByRole('banner').getByTestId('account-menu').locator('summary').filter({ hasText: `Signed in as ${email}` }).waitFor();
  assert.equal(await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).count(), 0);
}

export async function expectSignedOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
  assert.equal(await page.getByRole('banner').getByTestId('account-menu').count(), 0);
}
