// zod schemas of the admin area's forms, with the same limits as the SQL (private.required_reason:
// 1-1000 characters after trimming; payment_reference 1-200; a coupon code is 16 Crockford base32
// characters, typed with or without dashes and spaces, in any case). Built with the page's
// translator, like the shop's schemas, so every message reads in the page's language.
import type { TFunction } from 'i18next';
import { z } from './zod';

type AdminT = TFunction<'admin'>;

export function reasonSchema(t: AdminT) {
  return z
    .string({ error: t('validation.reasonRequired') })
    .trim()
    .min(1, { error: t('validation.reasonRequired') })
    .max(1000, { error: t('validation.reasonTooLong') });
}

export function paymentReferenceSchema(t: AdminT) {
  return z
    .string({ error: t('validation.referenceRequired') })
    .trim()
    .min(1, { error: t('validation.referenceRequired') })
    .max(200, { error: t('validation.referenceTooLong') });
}

/** A coupon code as staff type it: letters and digits count, anything else is dropped. */
export function couponCodeSchema(t: AdminT) {
  return z
    .string({ error: t('validation.codeRequired') })
    .transform((value) => value.replace(/[^0-9a-z]/gi, '').toUpperCase())
    .pipe(z.string().min(1, { error: t('validation.codeRequired') }).length(16, { error: t('validation.codeInvalid') }));
}

export function accountIdSchema(t: AdminT) {
  return z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: t('validation.memberInvalid') });
}

/**
 * A whole number typed into a number input, within [min, max]; one message for every way it can
 * be wrong (empty, not a number, a fraction, out of range), because the input already says which
 * numbers it takes. The routes import this module only from their actions, so zod stays on the
 * server (a route that imports ~/utils/zod itself ships it to the browser).
 */
export function wholeNumberSchema(message: string, { min, max }: { min: number; max: number }) {
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }));
}
