// The checkout form, checked in the browser (early feedback) and on the server before
// place_order is called. The limits are place_order's own checks (20261121000420_orders.sql),
// counted the way PostgreSQL counts (characters, not UTF-16 units), so a value this schema
// accepts is never refused by the database for its shape, and the reverse.
// The schema is built with the page's translator (`useTranslation('cart').t` in the page,
// `fixedT(locale, 'cart')` in the action), so every message is a sentence in the shopper's
// language, in the browser's checks and in the server's answer alike.
import type { TFunction } from 'i18next';
import { z } from '~/utils/zod';
import { isTypedText } from '~/utils/typed-text';

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

type CartT = TFunction<'cart'>;

/** The typed-text fields, each with its three messages (cart:checkout.errors.<field>Missing/TooLong/Untyped). */
type TextField = 'name' | 'address' | 'zip' | 'city' | 'country';

// Conform turns empty inputs into `undefined`, so "required" is the missing-value message.
function requiredText(t: CartT, field: TextField, max: number, min = 1) {
  const missing = t(`checkout.errors.${field}Missing`);
  return z
    .string({ error: missing })
    .trim()
    .refine((value) => countCharacters(value) >= min, missing)
    .refine((value) => countCharacters(value) <= max, t(`checkout.errors.${field}TooLong`, { max }))
    .refine((value) => isTypedText(value), t(`checkout.errors.${field}Untyped`));
}

function customerFieldsSchema(t: CartT) {
  const stale = t('checkout.errors.staleForm');
  return z.object({
    idempotencyKey: z
      .string({ error: stale })
      .trim()
      .min(CHECKOUT_LIMITS.idempotencyKeyMin, stale)
      .max(CHECKOUT_LIMITS.idempotencyKeyMax, stale),
    name: requiredText(t, 'name', CHECKOUT_LIMITS.nameMax),
    email: z
      .string({ error: t('checkout.errors.emailMissing') })
      .trim()
      .toLowerCase()
      .refine((value) => countCharacters(value) <= CHECKOUT_LIMITS.emailMax, t('checkout.errors.emailTooLong', { max: CHECKOUT_LIMITS.emailMax }))
      .refine((value) => EMAIL_PATTERN.test(value), t('checkout.errors.emailInvalid'))
      .refine((value) => isTypedText(value), t('checkout.errors.emailUntyped')),
    phone: z.string().trim().regex(PHONE_PATTERN, t('checkout.errors.phoneInvalid')).optional(),
    address: requiredText(t, 'address', CHECKOUT_LIMITS.addressMax),
    zip: requiredText(t, 'zip', CHECKOUT_LIMITS.zipMax, CHECKOUT_LIMITS.zipMin),
    city: requiredText(t, 'city', CHECKOUT_LIMITS.cityMax),
    country: requiredText(t, 'country', CHECKOUT_LIMITS.countryMax),
  });
}

// One option per payment method, so the e-money fields are checked together with every other
// field (a refinement on the whole object would only run once everything else is valid). Both
// e-money fields are always in the page (it works without JavaScript); for cash they are ignored.
export function createCheckoutFormSchema(t: CartT) {
  const customerFields = customerFieldsSchema(t);
  return z.discriminatedUnion(
    'paymentMethod',
    [
      customerFields.extend({
        paymentMethod: z.literal('emoney'),
        // Spaces are allowed while typing ("123 456 789"); place_order strips them too.
        emoneyNumber: z
          .string({ error: t('checkout.errors.emoneyNumberMissing') })
          .transform((value) => value.replace(/\s/g, ''))
          .pipe(z.string().regex(EMONEY_NUMBER_PATTERN, t('checkout.errors.emoneyNumberInvalid'))),
        emoneyPin: z
          .string({ error: t('checkout.errors.emoneyPinMissing') })
          .trim()
          .regex(EMONEY_PIN_PATTERN, t('checkout.errors.emoneyPinInvalid')),
      }),
      customerFields.extend({
        paymentMethod: z.literal('cash'),
        emoneyNumber: z.string().optional(),
        emoneyPin: z.string().optional(),
      }),
    ],
    { error: t('checkout.errors.paymentMethod') },
  );
}

type CheckoutForm = z.output<ReturnType<typeof createCheckoutFormSchema>>;

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
