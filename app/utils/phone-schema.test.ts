import { describe, expect, it } from 'vitest';
import { fixedT } from '~/i18n/i18n.server';
import { createCheckoutFormSchema } from './checkout-schema';
import { getProfileFormSchema } from './auth-schemas';
import { normalizePhone, phoneNumberSchema, PHONE_PATTERN } from './phone-schema';

const phone = phoneNumberSchema(fixedT('en', 'validation'));

describe('the one phone rule', () => {
  it('accepts the international form with 7 to 15 digits, separators removed', () => {
    expect(phone.parse('+1234567')).toBe('+1234567');
    expect(phone.parse('+123456789012345')).toBe('+123456789012345');
    expect(phone.parse(' +66 (81) 234-5678 ')).toBe('+66812345678');
    expect(phone.parse('+1.202.555.0147')).toBe('+12025550147');
    expect(phone.parse(undefined)).toBeUndefined();
  });

  it('refuses national numbers, a 0 country code, too few or too many digits, letters', () => {
    for (const value of ['0812345678', '+0812345678', '+123456', '+1234567890123456', '+66 81 CALL ME', '++6681234567']) {
      expect(phone.safeParse(value).success, value).toBe(false);
    }
  });

  it('is the same rule in checkout and on the account page (the same sentence, the same stored form)', () => {
    const checkout = createCheckoutFormSchema(fixedT('ko', 'cart'), fixedT('ko', 'validation')).options[0].shape;
    const profile = getProfileFormSchema(fixedT('ko', 'validation')).shape;
    for (const value of ['+82 10-1234-5678', '010-1234-5678']) {
      const a = checkout.phone.safeParse(value);
      const b = profile.phone.safeParse(value);
      expect(a.success).toBe(b.success);
      if (a.success && b.success) expect(a.data).toBe(b.data);
      else expect(a.error?.issues[0]?.message).toBe(b.error?.issues[0]?.message);
    }
  });

  it('normalises exactly what private.normalize_phone strips', () => {
    expect(normalizePhone(' +82 (10) 1234.5678-9 ')).toBe('+821012345678' + '9');
    expect(PHONE_PATTERN.source).toBe('^\\+[1-9][0-9]{6,14}$');
  });
});
