// Applies the catalog caching rule (./cache-control.ts) to a loader's response headers, after the
// loader's Supabase calls ran (they may have asked for no-store while refreshing the session).
import { decideCatalogCacheControl } from './cache-control';
import { listAuthCookieNames } from './supabase.server';

export function setCatalogCacheHeaders(request: Request, headers: Headers): void {
  headers.set(
    'Cache-Control',
    decideCatalogCacheControl({
      hasSessionCookie: listAuthCookieNames(request).length > 0,
      supabaseCacheControl: headers.get('Cache-Control'),
    }),
  );
  headers.set('Vary', 'Cookie');
}
