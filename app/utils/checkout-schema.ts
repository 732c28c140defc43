// The checkout form, checked in the browser (early feedback) and on the server before
// place_order is called. The limits are place_order's own checks (20261121000420_orders.sql),
// counted the way PostgreSQL counts (characters, not UTF-16 units), so a value this schema
// accepts is never refused by the database for its shape, and the reverse.
import { z } from '~/utils/zod';
import { describeUntypedText, isTypedText } from '~/utils/typed-text';

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

/** char_length(): characters (code points), which is what the SQL limits count. */
function countCharacters(value: string): number {
  return [...value].length;
}

// Conform turns empty inputs into `undefined`, so "required" is the missing-value message.
function requiredText(label: string, missing: string, max: number, tooLong: string, min = 1) {
  return z
    .string({ error: missing })
    .trim()
    .refine((value) => countCharacters(value) >= min, missing)
    .refine((value) => countCharacters(value) <= max, tooLong)
    .refine((value) => isTypedText(value), describeUntypedText(label));
}

const MISSING_CHECKOUT_KEY = 'This checkout form is out of date. Reload the page and try again.';

const CustomerFieldsSchema = z.object({
  idempotencyKey: z
    .string({ error: MISSING_CHECKOUT_KEY })
    .trim()
    .min(CHECKOUT_LIMITS.idempotencyKeyMin, MISSING_CHECKOUT_KEY)
    .max(CHECKOUT_LIMITS.idempotencyKeyMax, MISSING_CHECKOUT_KEY),
  name: requiredText('Your name', 'Enter your name.', CHECKOUT_LIMITS.nameMax, `Name must be at most ${CHECKOUT_LIMITS.nameMax} characters.`),
  email: z
    .string({ error: 'Enter your email address.' })
    .trim()
    .toLowerCase()
    .refine((value) => countCharacters(value) <= CHECKOUT_LIMITS.emailMax, `Email must be at most ${CHECKOUT_LIMITS.emailMax} characters.`)
    .refine((value) => EMAIL_PATTERN.test(value), 'Enter a valid email address, like name@example.com.')
    .refine((value) => isTypedText(value), describeUntypedText('The email address')),
  phone: z
    .string()
    .trim()
    .regex(PHONE_PATTERN, 'Enter a valid phone number: 6 to 20 digits, spaces, + ( ) or -.')
    .optional(),
  address: requiredText('The address', 'Enter your street address.', CHECKOUT_LIMITS.addressMax, `Address must be at most ${CHECKOUT_LIMITS.addressMax} characters.`),
  zip: requiredText('The ZIP code', 'Enter a ZIP code.', CHECKOUT_LIMITS.zipMax, `ZIP code must be at most ${CHECKOUT_LIMITS.zipMax} characters.`, CHECKOUT_LIMITS.zipMin),
  city: requiredText('The city', 'Enter your city.', CHECKOUT_LIMITS.cityMax, `City must be at most ${CHECKOUT_LIMITS.cityMax} characters.`),
  country: requiredText('The country', 'Enter your country.', CHECKOUT_LIMITS.countryMax, `Country must be at most ${CHECKOUT_LIMITS.countryMax} characters.`),
});

// One option per payment method, so the e-money fields are checked together with every other
// field (a refinement on the whole object would only run once everything else is valid). Both
// e-money fields are always in the page (it works without JavaScript); for cash they are ignored.
export const CheckoutFormSchema = z.discriminatedUnion(
  'paymentMethod',
  [
    CustomerFieldsSchema.extend({
      paymentMethod: z.literal('emoney'),
      // Spaces are allowed while typing ("123 456 789"); place_order strips them too.
      emoneyNumber: z
        .string({ error: 'Enter your e-Money number.' })
        .transform((value) => value.replace(/\s/g, ''))
        .pipe(z.string().regex(EMONEY_NUMBER_PATTERN, 'The e-Money number must be 9 digits.')),
      emoneyPin: z.string({ error: 'Enter your e-Money PIN.' }).trim().regex(EMONEY_PIN_PATTERN, 'The e-Money PIN must be 4 digits.'),
    }),
    CustomerFieldsSchema.extend({
      paymentMethod: z.literal('cash'),
      emoneyNumber: z.string().optional(),
      emoneyPin: z.string().optional(),
    }),
  ],
  { error: 'Choose e-Money or Cash on Delivery.' },
);

export type CheckoutForm = z.output<typeof CheckoutFormSchema>;

/** The place_order arguments for a valid form; e-money details only travel for e-money. */
export function toPlaceOrderArgs(form: CheckoutForm) {
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
    ...(form.paymentMethod === 'emoney' ? { emoney_number: form.emoneyNumber, emoney_pin: form.emoneyPin } : {}),
  };
}
