import { describe, expect, it } from 'vitest';
import { formatRemaining } from '~/components/cart/hold-countdown';
import { fixedT } from '~/i18n/i18n.server';
import { createCartActionSchema } from '~/utils/cart-schema';
import { previewOrderTotals } from '~/utils/money';

const CartActionSchema = createCartActionSchema(fixedT('en', 'cart'));

describe('previewOrderTotals', () => {
  it('matches place_order: VAT included at 20/120 rounded half up, flat shipping added', () => {
    // 449 + 2 × 399 = 1247; VAT = round(1247 × 20 / 120, 2) = 207.83; grand = 1297.
    expect(
      previewOrderTotals([
        { unitPrice: 449, quantity: 1 },
        { unitPrice: 399, quantity: 2 },
      ]),
    ).toEqual({ subtotalCents: 124_700, shippingCents: 5_000, vatCents: 20_783, grandTotalCents: 129_700 });
    // 0.03 × 20 / 120 = 0.005 → 0.01 (half away from zero, like PostgreSQL's round(numeric)).
    expect(previewOrderTotals([{ unitPrice: 0.03, quantity: 1 }]).vatCents).toBe(1);
    expect(previewOrderTotals([])).toEqual({ subtotalCents: 0, shippingCents: 0, vatCents: 0, grandTotalCents: 0 });
  });
});

describe('CartActionSchema', () => {
  const productId = 'e006101f-3ee6-41ad-82e1-1e78b91e9a16';
  it('accepts add (1-1000), set (0-1000) and remove', () => {
    expect(CartActionSchema.parse({ intent: 'add', productId, quantity: '2' })).toEqual({ intent: 'add', productId, quantity: 2 });
    expect(CartActionSchema.parse({ intent: 'set', productId, quantity: '0' })).toEqual({ intent: 'set', productId, quantity: 0 });
    expect(CartActionSchema.parse({ intent: 'remove', productId })).toEqual({ intent: 'remove', productId });
  });
  it('refuses what reserve_stock would refuse', () => {
    for (const input of [
      { intent: 'add', productId, quantity: '0' },
      { intent: 'add', productId, quantity: '1.5' },
      { intent: 'set', productId, quantity: '1001' },
      { intent: 'set', productId, quantity: '-1' },
      { intent: 'add', productId: 'not-a-uuid', quantity: '1' },
      { intent: 'buy', productId, quantity: '1' },
    ]) {
      expect(CartActionSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);
    }
  });
  it('says why in the shopper’s language', () => {
    const messageOf = (schema: typeof CartActionSchema, input: Record<string, unknown>) => {
      const result = schema.safeParse(input);
      return result.success ? null : result.error.issues[0]?.message;
    };
    expect(messageOf(CartActionSchema, { intent: 'add', productId, quantity: '0' })).toBe('Add at least 1.');
    expect(messageOf(CartActionSchema, { intent: 'set', productId, quantity: '1001' })).toBe('You can hold at most 1000.');
    expect(messageOf(CartActionSchema, { intent: 'add', productId: 'not-a-uuid', quantity: '1' })).toBe('This product does not exist (any more).');
    const korean = createCartActionSchema(fixedT('ko', 'cart'));
    expect(messageOf(korean, { intent: 'set', productId, quantity: '-1' })).toBe('수량은 0보다 작을 수 없습니다.');
  });
});

describe('formatRemaining', () => {
  it('counts down in minutes and seconds and never below zero', () => {
    expect(formatRemaining(30 * 60_000, 'en')).toBe('30:00');
    expect(formatRemaining(61_001, 'en')).toBe('1:02');
    expect(formatRemaining(-5_000, 'en')).toBe('0:00');
  });
  it('writes the digits the reader’s language uses (Western digits in all four)', () => {
    expect(formatRemaining(9 * 60_000 + 5_000, 'th')).toBe('9:05');
    expect(formatRemaining(125_000_000, 'zh-TW')).toBe('2083:20');
  });
});
