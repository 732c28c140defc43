// The server's i18next options (loaders, actions, mails, meta: app/i18n/i18n.server.ts). Pages
// render with the translator (app/i18n/translator.ts), which reads messages the way these options
// say; app/i18n/translator.test.ts compares the two with exactly these options.
import type { InitOptions } from 'i18next';
import { DEFAULT_LOCALE, LOCALES, NAMESPACES } from './locales';

export const i18nextOptions = {
  supportedLngs: [...LOCALES],
  // The missing-keys test (app/i18n/messages.test.ts) keeps every locale complete, so nothing
  // falls back in practice (the translator has no fallback: pages carry one locale's messages).
  fallbackLng: DEFAULT_LOCALE,
  // zh-TW is a language of its own here, not a region of zh (there is no zh to fall back to).
  load: 'currentOnly',
  lowerCaseLng: false,
  ns: [...NAMESPACES],
  defaultNS: 'common',
  // React escapes what it renders; escaping here too would show "&amp;" in product names.
  interpolation: { escapeValue: false },
  returnNull: false,
  // Resources are passed in, so initialisation finishes synchronously, at startup.
  initImmediate: false,
} satisfies InitOptions;
