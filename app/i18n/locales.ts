// The store's languages, and how a locale appears in a URL. Every page lives under its locale's
// path prefix (/en/…, /th/…, /ko/…, /zh-TW/…): one URL per language, so any cache keyed by URL
// (the browser's, a CDN's) can never hand a page to someone in the wrong language. A path without
// a prefix is answered by a redirect to the visitor's language (app/i18n/negotiate.server.ts).
//
// To add a language: add it here and to INTL_LOCALE/DEFAULT_TIME_ZONE/LOCALE_NAMES, add its
// message files under app/locales/<code>/ (the missing-keys test lists what is still missing),
// import them in app/i18n/resources.server.ts, and add it to the database's `public.locale` enum
// with a new migration, `alter type public.locale add value '<code>'` (README: "Languages").

export const LOCALES = ['en', 'th', 'ko', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  th: 'ไทย',
  ko: '한국어',
  'zh-TW': '繁體中文',
};

/**
 * The BCP 47 tag Intl formats with. Thai readers expect the Buddhist era in dates (2569 for
 * 2026); the calendar is named explicitly rather than left to the runtime's defaults.
 */
export const INTL_LOCALE: Record<Locale, string> = {
  en: 'en-US',
  th: 'th-TH-u-ca-buddhist',
  ko: 'ko-KR',
  'zh-TW': 'zh-TW',
};

/** Until the browser has told us its zone (the `tz` cookie), times are shown in this one. */
export const DEFAULT_TIME_ZONE: Record<Locale, string> = {
  en: 'UTC',
  th: 'Asia/Bangkok',
  ko: 'Asia/Seoul',
  'zh-TW': 'Asia/Taipei',
};

export const NAMESPACES = ['common', 'catalog', 'cart', 'account', 'events', 'admin', 'validation', 'errors'] as const;

/** Messages only the admin area reads: its pages carry them, the shop's pages do not. */
export const ADMIN_NAMESPACE = 'admin';
export type Namespace = (typeof NAMESPACES)[number];

const byLowerCase = new Map<string, Locale>(LOCALES.map((locale) => [locale.toLowerCase(), locale]));

/** The locale a URL segment or a stored value names (case-insensitive: zh-tw is zh-TW), or null. */
export function toLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  return byLowerCase.get(value.toLowerCase()) ?? null;
}

/** `/th/cart` for `/cart` in Thai; `/th` for the home page. `path` must start with "/". */
export function localizedPath(locale: Locale, path: string): string {
  if (path === '/' || path === '') return `/${locale}`;
  if (path.startsWith('/?') || path.startsWith('/#')) return `/${locale}${path.slice(1)}`;
  return `/${locale}${path}`;
}

/** The locale a path starts with (exactly as written, or null) and the path after it. */
export function splitLocalePath(pathname: string): { locale: Locale | null; rest: string } {
  const match = /^\/([^/?#]+)(.*)$/.exec(pathname);
  const locale = match ? toLocale(match[1]) : null;
  if (!locale || !match) return { locale: null, rest: pathname };
  const rest = match[2] === '' ? '/' : match[2];
  return { locale, rest: rest.startsWith('/') ? rest : `/${rest}` };
}
