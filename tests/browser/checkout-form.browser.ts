// The checkout form is checked on the server and says what each field needs: a refused submit
// brings an error summary on top (focused, each problem a link to its field) and the message
// under each field, in the page's language; the country is a list of codes named in that
// language; the phone follows the one shared rule; and a shopper's next checkout starts with
// the details of their last order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import thCart from '../../app/locales/th/cart.json' with { type: 'json' };
import thValidation from '../../app/locales/th/validation.json' with { type: 'json' };
import { startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();

async function holdAndOpenCheckout(page: Page, lang: 'en' | 'th'): Promise<void> {
  // The hold is the shopper's whatever the language; the English page names its button.
  await page.goto('/en/products/pebble-e1-earphones');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.waitForURL('**/cart?added=*');
  await page.goto(`/${lang}/checkout`);
}

/** The text of a field's own error message (the element its aria-describedby names). */
async function messageOf(page: Page, label: string): Promise<string> {
  const field = page.getByLabel(label, { exact: true });
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id.endsWith('-error'));
  assert.equal(ids.length, 1, `${label} has an error message tied to it`);
  return ((await page.locator(`#${ids[0]}`).textContent()) ?? '').trim();
}

test('a refused checkout lists every problem on top and under each field, saying what the field needs; the next order starts from the last address', async (t) => {
  await withPage(t, browser(), async (page) => {
    await holdAndOpenCheckout(page, 'en');
    // Nothing to fill in from before: a first order.
    assert.equal(await page.getByTestId('last-address').count(), 0);
    const country = page.getByLabel('Country', { exact: true });
    // A list of ISO codes, named in English, starting with a prompt.
    assert.equal(await country.evaluate((select) => select.tagName), 'SELECT');
    assert.equal(await country.locator('option[value="TH"]').textContent(), 'Thailand');
    assert.equal(await country.locator('option[value="KR"]').textContent(), 'South Korea');
    assert.equal(await country.locator('option').first().textContent(), 'Choose a country');

    await page.getByLabel('Name', { exact: true }).fill('Pim Example');
    await page.getByLabel('Email address').fill('pim.checkout@example.com');
    await page.getByLabel('Phone number (optional)').fill('081 234 5678');
    await page.getByLabel('Address', { exact: true }).fill('9 Soi Example');
    await page.getByLabel('ZIP code').fill('1');
    await page.getByLabel('City').fill('Bangkok');
    await page.getByLabel('Cash on Delivery').check();
    await page.getByRole('button', { name: 'Continue & pay' }).click();

    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Check these fields before placing the order' }) });
    await summary.waitFor();
    assert.equal(await summary.evaluate((element) => element === document.activeElement), true, 'the summary takes focus');
    const zipRule = 'ZIP code must be 2–20 characters.';
    const countryRule = 'Country must be one from the list (we ship only to those).';
    const phoneRule = 'Phone number must start with + and the country code, 7–15 digits in all, like +44 20 7946 0958.';
    assert.deepEqual(await summary.getByRole('link').allTextContents(), [
      `Phone number (optional): ${phoneRule}`,
      `ZIP code: ${zipRule}`,
      `Country: ${countryRule}`,
    ]);
    assert.equal(await summary.getByRole('link', { name: /^ZIP code:/ }).getAttribute('href'), '#checkout-form-zip');
    assert.equal(await messageOf(page, 'ZIP code'), zipRule);
    assert.equal(await messageOf(page, 'Country'), countryRule);
    assert.equal(await messageOf(page, 'Phone number (optional)'), phoneRule);
    // What was typed stays.
    assert.equal(await page.getByLabel('Address', { exact: true }).inputValue(), '9 Soi Example');

    await page.getByLabel('Phone number (optional)').fill('+66 81 234 5678');
    await page.getByLabel('ZIP code').fill('10110');
    await country.selectOption('TH');
    await page.getByRole('button', { name: 'Continue & pay' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);
    // The order shows the country by name, and the phone in the one stored form.
    await page.getByText('Pim Example, 9 Soi Example, 10110 Bangkok, Thailand').waitFor();
    await page.getByText('pim.checkout@example.com, +66812345678').waitFor();

    // The next order starts with these details.
    await holdAndOpenCheckout(page, 'en');
    await page.getByTestId('last-address').filter({ hasText: 'Filled in from your last order.' }).waitFor();
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Pim Example');
    assert.equal(await page.getByLabel('Email address').inputValue(), 'pim.checkout@example.com');
    assert.equal(await page.getByLabel('Phone number (optional)').inputValue(), '+66812345678');
    assert.equal(await page.getByLabel('Address', { exact: true }).inputValue(), '9 Soi Example');
    assert.equal(await page.getByLabel('ZIP code').inputValue(), '10110');
    assert.equal(await page.getByLabel('City').inputValue(), 'Bangkok');
    assert.equal(await page.getByLabel('Country', { exact: true }).inputValue(), 'TH');
  });
});

test('in Thai the countries are named in Thai and every message is Thai, with the limits', async (t) => {
  await withPage(t, browser(), async (page) => {
    await holdAndOpenCheckout(page, 'th');
    const country = page.getByLabel(thCart.checkout.country, { exact: true });
    assert.equal(await country.locator('option[value="TH"]').textContent(), 'ไทย');
    assert.equal(await country.locator('option[value="JP"]').textContent(), 'ญี่ปุ่น');

    await page.getByLabel(thCart.checkout.phone, { exact: true }).fill('0812345678');
    await page.getByLabel(thCart.checkout.zip, { exact: true }).fill('1');
    await page.getByLabel(thCart.paymentMethod.cash, { exact: true }).check();
    await page.getByRole('button', { name: thCart.checkout.submit }).click();

    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: thCart.checkout.summaryTitle }) });
    await summary.waitFor();
    assert.equal(await messageOf(page, thCart.checkout.zip), 'รหัสไปรษณีย์ต้องมีความยาว 2–20 ตัวอักษร');
    assert.equal(await messageOf(page, thCart.checkout.name), 'ชื่อต้องมีความยาว 1–100 ตัวอักษร');
    assert.equal(await messageOf(page, thCart.checkout.phone), thValidation.phone.invalid);
    assert.equal(await messageOf(page, thCart.checkout.country), thCart.checkout.errors.countryInvalid);
    assert.equal(await summary.getByRole('link').count(), 7, 'name, email, phone, address, ZIP, city and country');
  });
});

test('without JavaScript the server answers the same: summary, messages, and what was typed', async (t) => {
  await withPage(
    t,
    browser(),
    async (page) => {
      await holdAndOpenCheckout(page, 'en');
      await page.getByLabel('Name', { exact: true }).fill('No Script');
      await page.getByLabel('ZIP code').fill('x');
      await page.getByLabel('Country', { exact: true }).selectOption('JP');
      await page.getByLabel('Cash on Delivery').check();
      await page.getByRole('button', { name: 'Continue & pay' }).click();
      await page.getByRole('heading', { name: 'Check these fields before placing the order' }).waitFor();
      assert.equal(await messageOf(page, 'ZIP code'), 'ZIP code must be 2–20 characters.');
      assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'No Script');
      assert.equal(await page.getByLabel('Country', { exact: true }).inputValue(), 'JP');
    },
    { javaScriptEnabled: false },
  );
});
