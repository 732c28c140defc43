import { describe, expect, it } from 'vitest';
import { formatPrice } from './money';

describe('formatPrice', () => {
  it('shows dollars with a thousands separator and two decimals', () => {
    expect(formatPrice(1199)).toBe('$1,199.00');
    expect(formatPrice(3499.5)).toBe('$3,499.50');
    expect(formatPrice(12345678.9)).toBe('$12,345,678.90');
  });

  it('rounds to the cent the way the database stores it', () => {
    expect(formatPrice(0.5)).toBe('$0.50');
    expect(formatPrice(19.999)).toBe('$20.00');
  });
});
