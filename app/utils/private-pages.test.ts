import { describe, expect, it } from 'vitest';
import { applyPrivatePageHeaders, isPrivatePath } from './private-pages';

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

describe('applyPrivatePageHeaders', () => {
  it('replaces a laxer Cache-Control with private, no-store on private pages only', () => {
    const headers = new Headers({ 'Cache-Control': 'public, max-age=60' });
    applyPrivatePageHeaders(new Request('http://localhost/orders?_data=routes%2Forders'), headers);
    expect(headers.get('Cache-Control')).toBe('private, no-store');
    const catalog = new Headers({ 'Cache-Control': 'public, max-age=60' });
    applyPrivatePageHeaders(new Request('http://localhost/products/x'), catalog);
    expect(catalog.get('Cache-Control')).toBe('public, max-age=60');
  });
});
