// The checkout form, checked on the server before place_order is called (the page itself loads
// no zod: see app/components/form-reply.tsx). The limits are place_order's own checks
// (checkout-rules.ts), counted the way PostgreSQL counts (characters, not UTF-16 units), so a value
// this schema accepts is never refused by the database for its shape, and the reverse.
// Every message says what the field needs ("ZIP code must be 2–20 characters."), not just that
// something is wrong; the schema is built with the page's translators (`fixedT(locale, 'cart')`
// and `fixedT(locale, 'validation')` in the action), so each is a sentence in the shopper's
// language. The phone rule is the shared one (phone-schema.ts), the same as the account page's.
import type { TFunction } from 'i18next';
import { z } from '~/utils/zod';
import { isTypedText } from '~/utils/typed-text';
import { CHECKOUT_LIMITS, SHIPPING_COUNTRIES } from '~/utils/checkout-rules';
import { phoneNumberSchema } from '~/utils/phone-schema';

// The same patterns as the SQL (POSIX [[:space:]] is \s here).
const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const EMONEY_NUMBER_PATTERN = /^[0-9]{9}$/;
const EMONEY_PIN_PATTERN = /^[0-9]{4}$/;

/** char_length(): characters (code points), which is what the SQL limits count. */
function countCharacters(value: string): number {
  return [...value].length;
}

type CartT = TFunction<'cart'>;

/**
 * The typed-text fields, each with two messages: its length rule (cart:checkout.errors.<field>Length,
 * for a missing, short or long value alike, since the rule is the fix) and <field>Untyped.
 */
type TextField = 'name' | 'address' | 'zip' | 'city';

// Conform turns empty inputs into `undefined`, which is a value of length 0 here.
function requiredText(t: CartT, field: TextField, max: number, min = 1) {
  const length = t(`checkout.errors.${field}Length`, { min, max });
  return z
    .string({ error: length })
    .trim()
    .refine((value) => countCharacters(value) >= min && countCharacters(value) <= max, length)
    .refine((value) => isTypedText(value), t(`checkout.errors.${field}Untyped`));
}

function customerFieldsSchema(t: CartT, tValidation: TFunction<'validation'>) {
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
      .refine((value) => value.length > 0, t('checkout.errors.emailMissing'))
      .refine((value) => countCharacters(value) <= CHECKOUT_LIMITS.emailMax, t('checkout.errors.emailTooLong', { max: CHECKOUT_LIMITS.emailMax }))
      .refine((value) => EMAIL_PATTERN.test(value), t('checkout.errors.emailInvalid'))
      .refine((value) => isTypedText(value), t('checkout.errors.emailUntyped')),
    phone: phoneNumberSchema(tValidation),
    address: requiredText(t, 'address', CHECKOUT_LIMITS.addressMax),
    zip: requiredText(t, 'zip', CHECKOUT_LIMITS.zipMax, CHECKOUT_LIMITS.zipMin),
    city: requiredText(t, 'city', CHECKOUT_LIMITS.cityMax),
    country: z.enum(SHIPPING_COUNTRIES, { error: t('checkout.errors.countryInvalid') }),
  });
}

// One option per payment method, so the e-money fields are checked together with every other
// field (a refinement on the whole object would only run once everything else is valid). Both
// e-money fields are always in the page (it works without JavaScript); for cash they are ignored.
export function createCheckoutFormSchema(t: CartT, tValidation: TFunction<'validation'>) {
  const customerFields = customerFieldsSchema(t, tValidation);
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
