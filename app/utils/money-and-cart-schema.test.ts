import { describe, expect, it } from 'vitest';
import { CartActionSchema } from '~/utils/cart-schema';
import { formatRemaining } from '~/components/cart/hold-countdown';
import { formatCents, previewOrderTotals } from '~/utils/money';

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
    expect(formatCents(129_700)).toBe('$1,297.00');
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
});

describe('formatRemaining', () => {
  it('counts down in minutes and seconds and never below zero', () => {
    expect(formatRemaining(30 * 60_000)).toBe('30:00');
    expect(formatRemaining(61_001)).toBe('1:02');
    expect(formatRemaining(-5_000)).toBe('0:00');
  });
});
