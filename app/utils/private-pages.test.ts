import { describe, expect, it } from 'vitest';
import { isPrivatePath } from './private-pages';

describe('isPrivatePath', () => {
  it('covers the pages that show one person\'s data', () => {
    for (const path of ['/account', '/account/delete', '/account/export', '/orders', '/orders/123', '/cart', '/checkout', '/favorites']) {
      expect(isPrivatePath(path), path).toBe(true);
      // In every language (and in any spelling of the prefix the app would redirect from).
      for (const prefix of ['/en', '/th', '/ko', '/zh-TW', '/zh-tw']) {
        if (path !== '/account/export') expect(isPrivatePath(`${prefix}${path}`), `${prefix}${path}`).toBe(true);
      }
    }
  });

  it('leaves the catalog and the sign-in pages alone', () => {
    for (const path of ['/', '/products/aria-one', '/categories/headphones', '/login', '/signup', '/accountant', '/cartography']) {
      expect(isPrivatePath(path), path).toBe(false);
      expect(isPrivatePath(`/th${path}`), `/th${path}`).toBe(false);
    }
  });
});
