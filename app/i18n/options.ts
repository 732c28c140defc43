// The i18next options the server and the browser share, so both render the same text.
import type { InitOptions } from 'i18next';
import { DEFAULT_LOCALE, LOCALES, NAMESPACES } from './locales';

export const i18nextOptions = {
  supportedLngs: [...LOCALES],
  // Only for the server's instances: the browser holds one locale, and the missing-keys test
  // (app/i18n/messages.test.ts) keeps every locale complete so nothing falls back in practice.
  fallbackLng: DEFAULT_LOCALE,
  // zh-TW is a language of its own here, not a region of zh (there is no zh to fall back to).
  load: 'currentOnly',
  lowerCaseLng: false,
  ns: [...NAMESPACES],
  defaultNS: 'common',
  // React escapes what it renders; escaping here too would show "&amp;" in product names.
  interpolation: { escapeValue: false },
  returnNull: false,
  // Resources are passed in, so initialisation can finish synchronously (before hydration).
  initImmediate: false,
  react: { useSuspense: false },
} satisfies InitOptions;
