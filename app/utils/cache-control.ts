// Who may cache a catalog page. The page itself is the same for every visitor, but the layout
// around it is not: a signed-in shopper (or a guest with a cart) sees their email and cart count.
// So a shared cache may keep a page only for visitors without a session, and every answer carries
// `Vary: Cookie` so a cache never hands the anonymous copy to someone who has a session cookie.

/** Anonymous catalog pages: fresh for a minute, then served stale while a cache refetches. */
export const PUBLIC_CATALOG_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';
/** Pages rendered for a session: the browser may keep them, but must ask again before reuse. */
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';

export function decideCatalogCacheControl({
  hasSessionCookie,
  supabaseCacheControl,
}: {
  /** The request carried a Supabase auth cookie (signed in, guest, or mid-sign-in). */
  hasSessionCookie: boolean;
  /** Cache-Control Supabase asked for while this request ran (set when it wrote a cookie). */
  supabaseCacheControl: string | null;
}): string {
  // Supabase says no-store when it sets or clears a session cookie: that response must never be
  // stored, whoever asked.
  if (supabaseCacheControl && cacheStrictness(supabaseCacheControl) === 2) return supabaseCacheControl;
  if (hasSessionCookie) return PRIVATE_CACHE_CONTROL;
  return PUBLIC_CATALOG_CACHE_CONTROL;
}

// 2: must not be stored; 1: only the browser may keep it; 0: anyone may.
function cacheStrictness(value: string): 0 | 1 | 2 {
  if (/\bno-store\b/i.test(value)) return 2;
  if (/\bprivate\b/i.test(value)) return 1;
  return 0;
}

/** The strictest of several Cache-Control values (root layout and page each decide their own). */
export function pickStricterCacheControl(...values: (string | null)[]): string | null {
  let chosen: string | null = null;
  for (const value of values) {
    if (!value) continue;
    if (chosen === null || cacheStrictness(value) > cacheStrictness(chosen)) chosen = value;
  }
  return chosen;
}

/**
 * Document headers of a catalog route: the stricter of what the root (Supabase's no-store when
 * the session changed) and the page's loader decided, plus Vary: Cookie. Set-Cookie is carried
 * over by Remix itself.
 */
export function mergeCatalogDocumentHeaders({
  loaderHeaders,
  parentHeaders,
}: {
  loaderHeaders: Headers;
  parentHeaders: Headers;
}): Headers {
  const headers = new Headers();
  const cacheControl = pickStricterCacheControl(parentHeaders.get('Cache-Control'), loaderHeaders.get('Cache-Control'));
  if (cacheControl) headers.set('Cache-Control', cacheControl);
  for (const name of ['Expires', 'Pragma']) {
    const value = parentHeaders.get(name) ?? loaderHeaders.get(name);
    if (value) headers.set(name, value);
  }
  headers.set('Vary', 'Cookie');
  return headers;
}
