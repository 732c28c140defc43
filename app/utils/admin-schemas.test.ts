import { describe, expect, it } from 'vitest';
import { fixedT } from '~/i18n/i18n.server';
import { accountIdSchema, couponCodeSchema, paymentReferenceSchema, reasonSchema, wholeNumberSchema } from './admin-schemas';

const t = fixedT('en', 'admin');

describe('admin form schemas (the SQL limits)', () => {
  it('wants a reason of 1-1000 characters after trimming', () => {
    expect(reasonSchema(t).safeParse('  ').success).toBe(false);
    expect(reasonSchema(t).safeParse('x'.repeat(1001)).success).toBe(false);
    expect(reasonSchema(t).parse('  paid at the counter ')).toBe('paid at the counter');
  });

  it('wants a payment reference of 1-200 characters', () => {
    expect(paymentReferenceSchema(t).safeParse('').success).toBe(false);
    expect(paymentReferenceSchema(t).safeParse('r'.repeat(201)).success).toBe(false);
    expect(paymentReferenceSchema(t).parse(' BANK-123 ')).toBe('BANK-123');
  });

  it('reads a coupon code typed with spaces, dashes or lower case', () => {
    expect(couponCodeSchema(t).parse('abcd efgh-jkmn pqrs')).toBe('ABCDEFGHJKMNPQRS');
    const short = couponCodeSchema(t).safeParse('ABCD-EFGH');
    expect(short.success).toBe(false);
    expect(short.error?.issues[0].message).toBe('A coupon code has 16 letters and digits.');
    expect(couponCodeSchema(t).safeParse(' - ').error?.issues[0].message).toBe('Type the coupon code.');
  });

  it('wants an account id shaped like a uuid', () => {
    expect(accountIdSchema(t).safeParse('not-an-id').success).toBe(false);
    expect(accountIdSchema(t).parse(' 0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d ')).toBe('0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d');
  });

  it('reads a whole number from a number input, with one message for every way it is wrong', () => {
    const stock = wholeNumberSchema('Enter a whole number from 0 to 10.', { min: 0, max: 10 });
    expect(stock.parse('7')).toBe(7);
    expect(stock.parse('0')).toBe(0);
    for (const wrong of ['', undefined, 'seven', '2.5', '-1', '11']) {
      expect(stock.safeParse(wrong).error?.issues.map((issue) => issue.message)).toEqual(['Enter a whole number from 0 to 10.']);
    }
  });
});
