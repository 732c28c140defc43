import { fixedT } from './i18n.server';
import type { Locale } from './locales';

/** "Cart | Audio store" in the page's language, for a loader to hand to its meta function. */
export function pageTitle(locale: Locale, page: string): string {
  return fixedT(locale, 'common')('site.titleWith', { page });
}
