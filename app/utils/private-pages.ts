// Pages that show one person's data (account, orders, cart, checkout, favorites). Their
// documents and their `?_data=` answers must never be stored by any cache, the browser's
// included: a shared computer's back button or a proxy must not show them to the next person.
// app/entry.server.tsx applies this to every document and data response.

export const PRIVATE_PAGE_CACHE_CONTROL = 'private, no-store';

const PRIVATE_PATHS = [/^\/account(\/|$)/, /^\/orders(\/|$)/, /^\/cart\/?$/, /^\/checkout\/?$/, /^\/favorites\/?$/];

/** True for a path whose page shows someone's own data. */
export function isPrivatePath(pathname: string): boolean {
  return PRIVATE_PATHS.some((pattern) => pattern.test(pathname));
}

/** Marks a response of a private page as never storable (the stricter value always wins). */
export function applyPrivatePageHeaders(request: Request, headers: Headers): void {
  if (!isPrivatePath(new URL(request.url).pathname)) return;
  headers.set('Cache-Control', PRIVATE_PAGE_CACHE_CONTROL);
  headers.delete('Expires');
  headers.append('Vary', 'Cookie');
}
