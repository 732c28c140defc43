// The pages server/page-cache.js may keep for a few seconds and hand to the next anonymous
// visitor: the catalog (home, a category, a product, in a language), and only when their answer
// is public (app/utils/cache-control.ts decides that). Other public pages (events, with their
// seats left) are rendered for every request. server/index.js reads this through the app's
// server entry (app/entry.server.tsx re-exports it).
import { splitLocalePath } from '~/i18n/locales';

const SHARED_CACHE_PATHS = [/^\/$/, /^\/categories\/[^/]+$/, /^\/products\/[^/]+$/];

/** True for a catalog page in a language (`/en`, `/th/categories/headphones`, `/ko/products/x`). */
export function isSharedCachePath(pathname: string): boolean {
  const { locale, rest } = splitLocalePath(pathname);
  return locale !== null && SHARED_CACHE_PATHS.some((pattern) => pattern.test(rest));
}
