// The locale of a request, for loaders and actions: the URL's when it has one (every page does),
// else the negotiated one (the few unprefixed routes: /auth/confirm, /logout, /language).
import type { Params } from '@remix-run/react';
import { DEFAULT_TIME_ZONE, toLocale, type Locale } from './locales';
import { isKnownTimeZone } from './format';
import { negotiateLocale } from './negotiate.server';

export async function requestLocale(request: Request, params: Params): Promise<Locale> {
  return toLocale(params.lang) ?? (await negotiateLocale(request));
}

/** The locale in a page's params (the `$lang` layout has already redirected any other value). */
export function pageLocale(params: Params): Locale {
  return toLocale(params.lang) ?? 'en';
}

const timeZoneCookie = /(?:^|;\s*)tz=([^;]*)/;

/** The browser's zone, as the `tz` cookie (set by the page's script) says, else the language's. */
export function requestTimeZone(request: Request, locale: Locale): string {
  const match = timeZoneCookie.exec(request.headers.get('Cookie') ?? '');
  let zone = '';
  try {
    zone = match ? decodeURIComponent(match[1]) : '';
  } catch {
    zone = '';
  }
  return isKnownTimeZone(zone) ? zone : DEFAULT_TIME_ZONE[locale];
}
