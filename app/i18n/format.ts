// Numbers, money, dates and names for a reader's locale. The store has one currency (US dollars,
// VAT included) in every language; Intl only decides how an amount is written ("$1,199.00" in
// English, "US$1,199.00" in Thai, Korean and Chinese, where a bare "$" would be ambiguous).
// Dates are shown in the reader's time zone and calendar (Buddhist era in Thai) and stored and
// submitted as ISO 8601 everywhere else. Formatters are built once per locale and zone.
import { INTL_LOCALE, type Locale } from './locales';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    cache.set(key, formatter);
  }
  return formatter;
}

/** An amount in US dollars, always with cents. */
export function formatMoney(amount: number, locale: Locale): string {
  return cached(`money:${locale}`, () =>
    new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  ).format(amount);
}

export function formatNumber(value: number, locale: Locale): string {
  return cached(`number:${locale}`, () => new Intl.NumberFormat(INTL_LOCALE[locale])).format(value);
}

export type DateStyle = 'date' | 'dateTime' | 'time' | 'longDate';

const dateStyles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  longDate: { dateStyle: 'long' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  time: { timeStyle: 'short' },
};

/** A moment (ISO string or Date) as the reader writes it, in their zone. */
export function formatDateTime(value: string | Date, locale: Locale, timeZone: string, style: DateStyle = 'dateTime'): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return cached(`date:${locale}:${timeZone}:${style}`, () =>
    new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...dateStyles[style], timeZone }),
  ).format(date);
}

/** True when `timeZone` is an IANA zone this runtime knows (a cookie is user input). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export interface PersonName {
  givenName?: string | null;
  familyName?: string | null;
}

// Han, Hangul and kana: names written in these scripts take no space between family and given name.
const eastAsianScript = /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\s]+$/u;

/**
 * A full name in the order of the reader's language (DESIGN §3): family name first in Korean
 * and Chinese ("김민준", "王小明", "Kim Minjun"), given name first otherwise ("Somchai Jaidee").
 */
export function formatPersonName({ givenName, familyName }: PersonName, locale: Locale): string {
  const given = givenName?.trim() ?? '';
  const family = familyName?.trim() ?? '';
  if (!given || !family) return given || family;
  const familyFirst = locale === 'ko' || locale === 'zh-TW';
  const [first, second] = familyFirst ? [family, given] : [given, family];
  const joiner = familyFirst && eastAsianScript.test(first) && eastAsianScript.test(second) ? '' : ' ';
  return `${first}${joiner}${second}`;
}

/** Whether a form asks for the family name before the given name in this language. */
export function asksFamilyNameFirst(locale: Locale): boolean {
  return locale === 'ko' || locale === 'zh-TW';
}
