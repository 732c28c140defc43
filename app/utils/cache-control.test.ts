import { describe, expect, it } from 'vitest';
import {
  decideCatalogCacheControl,
  mergeCatalogDocumentHeaders,
  pickStricterCacheControl,
  PRIVATE_CACHE_CONTROL,
  PUBLIC_CATALOG_CACHE_CONTROL,
} from './cache-control';

// What @supabase/ssr passes to setAll when it writes or clears a session cookie.
const SUPABASE_NO_STORE = 'private, no-cache, no-store, must-revalidate, max-age=0';

describe('decideCatalogCacheControl', () => {
  it('lets shared caches keep pages for visitors without a session', () => {
    expect(decideCatalogCacheControl({ hasSessionCookie: false, supabaseCacheControl: null })).toBe(
      PUBLIC_CATALOG_CACHE_CONTROL,
    );
  });

  it('keeps pages for a session out of shared caches', () => {
    expect(decideCatalogCacheControl({ hasSessionCookie: true, supabaseCacheControl: null })).toBe(PRIVATE_CACHE_CONTROL);
  });

  it("passes Supabase's no-store on, with or without a session cookie", () => {
    expect(decideCatalogCacheControl({ hasSessionCookie: false, supabaseCacheControl: SUPABASE_NO_STORE })).toBe(
      SUPABASE_NO_STORE,
    );
    expect(decideCatalogCacheControl({ hasSessionCookie: true, supabaseCacheControl: SUPABASE_NO_STORE })).toBe(
      SUPABASE_NO_STORE,
    );
  });
});

describe('pickStricterCacheControl', () => {
  it('prefers no-store over private over public, and ignores missing values', () => {
    expect(pickStricterCacheControl(null, PUBLIC_CATALOG_CACHE_CONTROL)).toBe(PUBLIC_CATALOG_CACHE_CONTROL);
    expect(pickStricterCacheControl(PUBLIC_CATALOG_CACHE_CONTROL, PRIVATE_CACHE_CONTROL)).toBe(PRIVATE_CACHE_CONTROL);
    expect(pickStricterCacheControl(SUPABASE_NO_STORE, PRIVATE_CACHE_CONTROL)).toBe(SUPABASE_NO_STORE);
    expect(pickStricterCacheControl(PRIVATE_CACHE_CONTROL, SUPABASE_NO_STORE)).toBe(SUPABASE_NO_STORE);
    expect(pickStricterCacheControl(null, null)).toBeNull();
  });
});

describe('mergeCatalogDocumentHeaders', () => {
  it('keeps the page public when the root had nothing to say, and varies on Cookie', () => {
    const headers = mergeCatalogDocumentHeaders({
      parentHeaders: new Headers(),
      loaderHeaders: new Headers({ 'Cache-Control': PUBLIC_CATALOG_CACHE_CONTROL }),
    });
    expect(headers.get('Cache-Control')).toBe(PUBLIC_CATALOG_CACHE_CONTROL);
    expect(headers.get('Vary')).toBe('Cookie');
  });

  it("lets the root's no-store (a refreshed session) win over the page's public caching", () => {
    const headers = mergeCatalogDocumentHeaders({
      parentHeaders: new Headers({ 'Cache-Control': SUPABASE_NO_STORE, Expires: '0', Pragma: 'no-cache' }),
      loaderHeaders: new Headers({ 'Cache-Control': PUBLIC_CATALOG_CACHE_CONTROL }),
    });
    expect(headers.get('Cache-Control')).toBe(SUPABASE_NO_STORE);
    expect(headers.get('Expires')).toBe('0');
    expect(headers.get('Pragma')).toBe('no-cache');
  });

  it('sets no Cache-Control when nobody decided one (an error page)', () => {
    const headers = mergeCatalogDocumentHeaders({ parentHeaders: new Headers(), loaderHeaders: new Headers() });
    expect(headers.has('Cache-Control')).toBe(false);
    expect(headers.get('Vary')).toBe('Cookie');
  });
});
