// Pages that show one person's data (account, orders, cart, checkout, favorites) and the admin area. Their
// documents and their `?_data=` answers must never be stored by any cache, the browser's
// included: a shared computer's back button or a proxy must not show them to the next person.
// server/index.js applies this to every response of such a path (documents, ?_data= answers,
// redirects, errors), just before its head goes out; it reads the list through the app's server
// entry (app/entry.server.tsx re-exports it).

export const PRIVATE_PAGE_CACHE_CONTROL = 'private, no-store';

import { splitLocalePath } from '~/i18n/locales';

// Paths after the locale prefix (/th/cart is /cart); /account/export has none.
const PRIVATE_PATHS = [/^\/admin(\/|$)/, /^\/account(\/|$)/, /^\/orders(\/|$)/, /^\/cart\/?$/, /^\/checkout\/?$/, /^\/favorites\/?$/];

/** True for a path whose page shows someone's own data. */
export function isPrivatePath(pathname: string): boolean {
  const { rest } = splitLocalePath(pathname);
  return PRIVATE_PATHS.some((pattern) => pattern.test(rest));
}
