// The checkout form, checked in the browser (early feedback) and on the server before
// place_order is called. The limits are place_order's own checks (20261121000420_orders.sql),
// counted the way PostgreSQL counts (characters, not UTF-16 units), so a value this schema
// accepts is never refused by the database for its shape, and the reverse.
import { z } from 'zod';

export const CHECKOUT_LIMITS = {
  nameMax: 100,
  emailMax: 254,
  addressMax: 200,
  zipMin: 2,
  zipMax: 20,
  cityMax: 100,
  countryMax: 100,
  idempotencyKeyMin: 8,
  idempotencyKeyMax: 100,
} as const;

// The same patterns as the SQL (POSIX [[:space:]] is \s here).
const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{5,19}$/;
const EMONEY_NUMBER_PATTERN = /^[0-9]{9}$/;
const EMONEY_PIN_PATTERN = /^[0-9]{4}$/;

export const PAYMENT_METHODS = ['emoney', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** char_length(): characters (code points), which is what the SQL limits count. */
function countCharacters(value: string): number {
  return [...value].length;
}

// Conform turns empty inputs into `undefined`, so "required" is the missing-value message.
function requiredText(missing: string, max: number, tooLong: string, min = 1) {
  return z
    .string({ error: missing })
    .trim()
    .refine((value) => countCharacters(value) >= min, missing)
    .refine((value) => countCharacters(value) <= max, tooLong);
}

export const CheckoutFormSchema = z
  .object({
    idempotencyKey: z
      .string({ error: 'This checkout form is out of date. Reload the page and try again.' })
      .trim()
      .min(CHECKOUT_LIMITS.idempotencyKeyMin, 'This checkout form is out of date. Reload the page and try again.')
      .max(CHECKOUT_LIMITS.idempotencyKeyMax, 'This checkout form is out of date. Reload the page and try again.'),
    name: requiredText('Enter your name.', CHECKOUT_LIMITS.nameMax, `Name must be at most ${CHECKOUT_LIMITS.nameMax} characters.`),
    email: z
      .string({ error: 'Enter your email address.' })
      .trim()
      .toLowerCase()
      .refine((value) => countCharacters(value) <= CHECKOUT_LIMITS.emailMax, `Email must be at most ${CHECKOUT_LIMITS.emailMax} characters.`)
      .refine((value) => EMAIL_PATTERN.test(value), 'Enter a valid email address, like name@example.com.'),
    phone: z
      .string()
      .trim()
      .regex(PHONE_PATTERN, 'Enter a valid phone number: 6 to 20 digits, spaces, + ( ) or -.')
      .optional(),
    address: requiredText('Enter your street address.', CHECKOUT_LIMITS.addressMax, `Address must be at most ${CHECKOUT_LIMITS.addressMax} characters.`),
    zip: requiredText(
      'Enter a ZIP code.',
      CHECKOUT_LIMITS.zipMax,
      `ZIP code must be at most ${CHECKOUT_LIMITS.zipMax} characters.`,
      CHECKOUT_LIMITS.zipMin,
    ),
    city: requiredText('Enter your city.', CHECKOUT_LIMITS.cityMax, `City must be at most ${CHECKOUT_LIMITS.cityMax} characters.`),
    country: requiredText('Enter your country.', CHECKOUT_LIMITS.countryMax, `Country must be at most ${CHECKOUT_LIMITS.countryMax} characters.`),
    paymentMethod: z.enum(PAYMENT_METHODS, { error: 'Choose e-Money or Cash on Delivery.' }),
    // Spaces are allowed while typing ("123 456 789"); place_order strips them too.
    emoneyNumber: z
      .string()
      .transform((value) => value.replace(/\s/g, ''))
      .optional(),
    emoneyPin: z.string().trim().optional(),
  })
  .superRefine((form, context) => {
    // Both e-money fields are always in the page (it works without JavaScript), but they only
    // count when e-money is chosen.
    if (form.paymentMethod !== 'emoney') return;
    if (!form.emoneyNumber || !EMONEY_NUMBER_PATTERN.test(form.emoneyNumber)) {
      context.addIssue({
        code: 'custom',
        path: ['emoneyNumber'],
        message: form.emoneyNumber ? 'The e-Money number must be 9 digits.' : 'Enter your e-Money number.',
      });
    }
    if (!form.emoneyPin || !EMONEY_PIN_PATTERN.test(form.emoneyPin)) {
      context.addIssue({
        code: 'custom',
        path: ['emoneyPin'],
        message: form.emoneyPin ? 'The e-Money PIN must be 4 digits.' : 'Enter your e-Money PIN.',
      });
    }
  });

export type CheckoutForm = z.output<typeof CheckoutFormSchema>;

/** The place_order arguments for a valid form; e-money details only travel for e-money. */
export function toPlaceOrderArgs(form: CheckoutForm) {
  const isEmoney = form.paymentMethod === 'emoney';
  return {
    idempotency_key: form.idempotencyKey,
    customer_name: form.name,
    customer_email: form.email,
    customer_phone: form.phone ?? '',
    address: form.address,
    zip: form.zip,
    city: form.city,
    country: form.country,
    payment_method: form.paymentMethod,
    ...(isEmoney ? { emoney_number: form.emoneyNumber, emoney_pin: form.emoneyPin } : {}),
  };
}
