import { describe, expect, it } from 'vitest';
import { fixedT } from '~/i18n/i18n.server';
import { createCheckoutFormSchema, toPlaceOrderArgs } from './checkout-schema';

const CheckoutFormSchema = createCheckoutFormSchema(fixedT('en', 'cart'), fixedT('en', 'validation'));

const valid = {
  idempotencyKey: '0b6f7c1e-3f7a-4c55-9f55-1d1f0c3a9b21',
  name: 'Ada Lovelace',
  email: 'Ada@Example.com ',
  phone: '+44 20 7946 0958',
  address: '12 Analytical Row',
  zip: 'EC1A 1BB',
  city: 'London',
  country: 'GB',
  paymentMethod: 'cash',
};

function errorsOf(input: Record<string, unknown>, schema = CheckoutFormSchema): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('CheckoutFormSchema', () => {
  it('accepts a cash checkout, trims and lower-cases the email and ignores e-money fields', () => {
    const result = CheckoutFormSchema.parse({ ...valid, emoneyNumber: 'garbage', emoneyPin: 'x' });
    expect(result.email).toBe('ada@example.com');
    expect(toPlaceOrderArgs(result)).toEqual({
      idempotency_key: valid.idempotencyKey,
      customer_name: 'Ada Lovelace',
      customer_email: 'ada@example.com',
      // The shared phone rule stores the international form without separators.
      customer_phone: '+442079460958',
      address: '12 Analytical Row',
      zip: 'EC1A 1BB',
      city: 'London',
      country: 'GB',
      payment_method: 'cash',
    });
  });

  it('requires a 9-digit number and a 4-digit PIN only for e-money, spaces in the number allowed', () => {
    expect(errorsOf({ ...valid, paymentMethod: 'emoney' })).toEqual({
      emoneyNumber: 'e-Money number is missing: it must be 9 digits.',
      emoneyPin: 'e-Money PIN is missing: it must be 4 digits.',
    });
    expect(errorsOf({ ...valid, paymentMethod: 'emoney', emoneyNumber: '12345678', emoneyPin: '12345' })).toEqual({
      emoneyNumber: 'e-Money number must be exactly 9 digits.',
      emoneyPin: 'e-Money PIN must be exactly 4 digits.',
    });
    const ok = CheckoutFormSchema.parse({ ...valid, paymentMethod: 'emoney', emoneyNumber: '123 456 789', emoneyPin: '0042' });
    expect(toPlaceOrderArgs(ok)).toMatchObject({ payment_method: 'emoney', emoney_number: '123456789', emoney_pin: '0042' });
  });

  it('reports every missing field at once, e-money ones included', () => {
    expect(Object.keys(errorsOf({ idempotencyKey: valid.idempotencyKey, paymentMethod: 'emoney' })).sort()).toEqual(
      ['address', 'city', 'country', 'email', 'emoneyNumber', 'emoneyPin', 'name', 'zip'].sort(),
    );
    expect(errorsOf({ ...valid, paymentMethod: 'card' })).toEqual({ paymentMethod: 'Payment method must be e-Money or Cash on Delivery.' });
  });

  // The limits of place_order (char_length, i.e. characters, not UTF-16 units).
  it.each([
    ['name', 'x'.repeat(100), 'x'.repeat(101)],
    ['name', '🎧'.repeat(100), '🎧'.repeat(101)],
    ['address', 'x'.repeat(200), 'x'.repeat(201)],
    ['zip', 'xx', 'x'],
    ['zip', 'x'.repeat(20), 'x'.repeat(21)],
    ['city', 'x'.repeat(100), 'x'.repeat(101)],
    ['country', 'TH', 'Thailand'],
    ['country', 'TW', 'XX'],
    ['email', `${'a'.repeat(242)}@example.com`, `${'a'.repeat(243)}@example.com`],
    ['phone', '+1234567', '+123456'],
    ['phone', '+1 (555) 010-9999', '02 555 0147'],
    ['idempotencyKey', '12345678', '1234567'],
  ])('%s: accepts %j at the limit and refuses %j', (field, accepted, refused) => {
    expect(errorsOf({ ...valid, [field]: accepted })).toEqual({});
    expect(Object.keys(errorsOf({ ...valid, [field]: refused }))).toEqual([field]);
  });

  it('refuses a NUL, a bell or a bidi override in any typed field, naming the field', () => {
    expect(errorsOf({ ...valid, name: 'Ada\u0000' })).toEqual({ name: 'Your name contains a control or invisible character. Type it again.' });
    expect(errorsOf({ ...valid, address: '12 Row\u0007' })).toEqual({ address: 'The address contains a control or invisible character. Type it again.' });
    expect(errorsOf({ ...valid, city: 'Lon\u202Edon' })).toEqual({ city: 'The city contains a control or invisible character. Type it again.' });
    expect(errorsOf({ ...valid, name: 'สมชาย ใจดี' })).toEqual({});
  });

  it('treats a blank phone as no phone and refuses blank required fields', () => {
    const { phone: _phone, ...withoutPhone } = valid;
    expect(toPlaceOrderArgs(CheckoutFormSchema.parse(withoutPhone)).customer_phone).toBe('');
    expect(errorsOf({ ...valid, name: '   ' })).toEqual({ name: 'Name must be 1–100 characters.' });
    expect(errorsOf({ ...valid, email: 'ada@example' })).toEqual({
      email: 'Email address must look like name@example.com (one @, then a domain with a dot).',
    });
  });

  it('says what each field needs, the limits filled in', () => {
    expect(errorsOf({ ...valid, zip: 'x' })).toEqual({ zip: 'ZIP code must be 2–20 characters.' });
    expect(errorsOf({ ...valid, zip: undefined })).toEqual({ zip: 'ZIP code must be 2–20 characters.' });
    expect(errorsOf({ ...valid, address: 'x'.repeat(201) })).toEqual({ address: 'Address must be 1–200 characters.' });
    expect(errorsOf({ ...valid, country: undefined })).toEqual({ country: 'Country must be one from the list (we ship only to those).' });
    expect(errorsOf({ ...valid, phone: '0812345678' })).toEqual({
      phone: 'Phone number must start with + and the country code, 7–15 digits in all, like +44 20 7946 0958.',
    });
  });
});

describe('CheckoutFormSchema in another language', () => {
  it('says every message in the page’s language, limits included', () => {
    const thai = createCheckoutFormSchema(fixedT('th', 'cart'), fixedT('th', 'validation'));
    const errors = errorsOf({ ...valid, name: 'x'.repeat(101), zip: '1', phone: '081', paymentMethod: 'emoney', emoneyPin: '12' }, thai);
    expect(errors).toEqual({
      name: 'ชื่อต้องมีความยาว 1–100 ตัวอักษร',
      zip: 'รหัสไปรษณีย์ต้องมีความยาว 2–20 ตัวอักษร',
      phone: 'หมายเลขโทรศัพท์ต้องขึ้นต้นด้วย + และรหัสประเทศ รวม 7–15 หลัก เช่น +66 81 234 5678',
      emoneyNumber: 'ยังไม่ได้กรอกหมายเลข e-Money ซึ่งต้องมี 9 หลัก',
      emoneyPin: 'PIN ของ e-Money ต้องมี 4 หลักพอดี',
    });
    const korean = createCheckoutFormSchema(fixedT('ko', 'cart'), fixedT('ko', 'validation'));
    expect(errorsOf({ ...valid, paymentMethod: 'card' }, korean)).toEqual({
      paymentMethod: '결제 방법은 e-Money 또는 수령 시 현금 결제여야 합니다.',
    });
  });
});
