import { describe, expect, it } from 'vitest';
import { formatMoney } from '~/i18n/format';
import { toCents } from './money';

describe('toCents', () => {
  it('turns dollars into whole cents, rounding the way the database stores them', () => {
    expect(toCents(1199)).toBe(119_900);
    expect(toCents(3499.5)).toBe(349_950);
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(toCents(19.999)).toBe(2_000);
  });

  it('gives amounts that read the same in every language once formatted', () => {
    expect(formatMoney(toCents(19.999) / 100, 'en')).toBe('$20.00');
    expect(formatMoney(toCents(12345678.9) / 100, 'en')).toBe('$12,345,678.90');
    expect(formatMoney(toCents(0.5) / 100, 'th')).toBe('US$0.50');
  });
});
