// The one phone rule, for every form that takes a phone number (checkout, the account page,
// signup): the international form, "+", a country code that does not start with 0, 7 to 15
// digits in all (E.164). Spaces, dots, dashes and parentheses may be typed and are removed
// before the value is checked and stored, so "+66 81-234 5678" is kept as "+66812345678".
// The database holds the same rule in one function, private.is_phone_number(), which the CHECKs
// on profiles.phone and orders.customer_phone call (migration 20261202000800). An international
// number is the one form that means the same thing whichever country the order ships to.
import type { TFunction } from 'i18next';
import { z } from '~/utils/zod';

/** The stored form, the same pattern as private.is_phone_number(). */
export const PHONE_PATTERN = /^\+[1-9][0-9]{6,14}$/;

/** What a person may type between the digits; private.normalize_phone() removes the same. */
const PHONE_SEPARATORS = /[\s().-]/g;

export function normalizePhone(value: string): string {
  return value.trim().replace(PHONE_SEPARATORS, '');
}

/**
 * An optional phone field (conform turns an empty input into `undefined`), normalised. The
 * message is validation:phone.invalid, one sentence for every form.
 */
export function phoneNumberSchema(t: TFunction<'validation'>) {
  return z
    .string()
    .transform(normalizePhone)
    .pipe(z.string().regex(PHONE_PATTERN, t('phone.invalid')))
    .optional();
}
