import { describe, expect, it } from 'vitest';
import { localizedPath, splitLocalePath, toLocale } from './locales';

describe('locales in URLs', () => {
  it('reads a locale segment case-insensitively and refuses others', () => {
    expect(toLocale('zh-tw')).toBe('zh-TW');
    expect(toLocale('TH')).toBe('th');
    expect(toLocale('fr')).toBeNull();
    expect(toLocale('cart')).toBeNull();
    expect(toLocale('')).toBeNull();
  });

  it('prefixes paths, the home page without a trailing slash', () => {
    expect(localizedPath('th', '/')).toBe('/th');
    expect(localizedPath('ko', '/cart')).toBe('/ko/cart');
    expect(localizedPath('zh-TW', '/?q=1')).toBe('/zh-TW?q=1');
    expect(localizedPath('en', '/products/xx99-mark-two-headphones')).toBe('/en/products/xx99-mark-two-headphones');
  });

  it('splits a path into its locale and the rest', () => {
    expect(splitLocalePath('/th/cart')).toEqual({ locale: 'th', rest: '/cart' });
    expect(splitLocalePath('/zh-TW')).toEqual({ locale: 'zh-TW', rest: '/' });
    expect(splitLocalePath('/ko/')).toEqual({ locale: 'ko', rest: '/' });
    expect(splitLocalePath('/cart')).toEqual({ locale: null, rest: '/cart' });
    expect(splitLocalePath('/')).toEqual({ locale: null, rest: '/' });
    // A segment that only starts like a locale is not one.
    expect(splitLocalePath('/thai/x')).toEqual({ locale: null, rest: '/thai/x' });
  });
});
