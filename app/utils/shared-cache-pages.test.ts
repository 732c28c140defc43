import { describe, expect, it } from 'vitest';
import { isSharedCachePath } from './shared-cache-pages';

describe('isSharedCachePath', () => {
  it('is true for the catalog pages in a language', () => {
    for (const path of ['/en', '/en/', '/th/categories/headphones', '/zh-TW/products/aria-one-pro-headphones']) {
      expect(isSharedCachePath(path), path).toBe(true);
    }
  });
  it('is false for every other page, and for paths without a language', () => {
    for (const path of ['/', '/products/x', '/en/cart', '/en/account', '/en/events', '/en/events/x', '/en/search', '/en/products/x/y', '/healthz']) {
      expect(isSharedCachePath(path), path).toBe(false);
    }
  });
});
