import { describe, expect, it } from 'vitest';
import { isPrivatePath } from './private-pages';

describe('isPrivatePath', () => {
  it('covers the pages that show one person\'s data', () => {
    for (const path of ['/account', '/account/delete', '/account/export', '/orders', '/orders/123', '/cart', '/checkout', '/favorites']) {
      expect(isPrivatePath(path), path).toBe(true);
    }
  });

  it('leaves the catalog and the sign-in pages alone', () => {
    for (const path of ['/', '/products/aria-one', '/categories/headphones', '/login', '/signup', '/accountant', '/cartography']) {
      expect(isPrivatePath(path), path).toBe(false);
    }
  });
});
