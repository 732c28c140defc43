// Web fonts per language, from the Fontsource packages (Noto, SIL Open Font License), served
// by server/index.js under /fonts/<family>/. English pages use the system fonts and load none.
// The Thai, Korean and Chinese sheets split each font by unicode-range into many small files,
// so a page downloads only the pieces holding the characters it shows.
import type { Locale } from './locales';

export const FONT_PACKAGES = ['noto-sans-thai', 'noto-sans-kr', 'noto-sans-tc'] as const;

const weights = ['400', '700'];

const familyOf: Record<Locale, (typeof FONT_PACKAGES)[number] | null> = {
  en: null,
  th: 'noto-sans-thai',
  ko: 'noto-sans-kr',
  'zh-TW': 'noto-sans-tc',
};

export function fontStylesheets(locale: Locale): string[] {
  const family = familyOf[locale];
  return family ? weights.map((weight) => `/fonts/${family}/${weight}.css`) : [];
}
