// The page's language and the helpers that follow from it, for components.
import { useRouteLoaderData } from '@remix-run/react';
import { useCallback, useMemo } from 'react';
import { formatDateTime, formatMoney, formatNumber, formatPersonName, type DateStyle, type PersonName } from './format';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, localizedPath, toLocale, type Locale } from './locales';
import { useTranslation } from './react';

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return toLocale(i18n.language) ?? DEFAULT_LOCALE;
}

/** `to('/cart')` is `/th/cart` on a Thai page. Every in-app link and form action goes through it. */
export function useLocalizedPath(): (path: string) => string {
  const locale = useLocale();
  return useCallback((path: string) => localizedPath(locale, path), [locale]);
}

/** The zone times are shown in: the browser's (from the `tz` cookie), else the language's default. */
export function useTimeZone(): string {
  const locale = useLocale();
  const root = useRouteLoaderData<{ timeZone?: string }>('root');
  return root?.timeZone ?? DEFAULT_TIME_ZONE[locale];
}

export interface Formatters {
  locale: Locale;
  timeZone: string;
  money: (amount: number) => string;
  cents: (cents: number) => string;
  number: (value: number) => string;
  dateTime: (value: string | Date, style?: DateStyle) => string;
  personName: (name: PersonName) => string;
}

export function useFormat(): Formatters {
  const locale = useLocale();
  const timeZone = useTimeZone();
  return useMemo(
    () => ({
      locale,
      timeZone,
      money: (amount) => formatMoney(amount, locale),
      cents: (cents) => formatMoney(cents / 100, locale),
      number: (value) => formatNumber(value, locale),
      dateTime: (value, style) => formatDateTime(value, locale, timeZone, style),
      personName: (name) => formatPersonName(name, locale),
    }),
    [locale, timeZone],
  );
}
