// The browser's entry: i18next gets the page's language and its messages from the document
// (app/root.tsx put them there) before React hydrates, so the first client render reads exactly
// like the server's. Another language is always a new document (the switcher reloads), so this
// one instance never changes language.
import { RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, toLocale } from '~/i18n/locales';
import { i18nextOptions } from '~/i18n/options';

const element = document.getElementById('i18n-messages');
const { locale, resources } = JSON.parse(element?.textContent || '{}') as { locale?: string; resources?: Record<string, object> };
const lng = toLocale(locale) ?? DEFAULT_LOCALE;

void i18next.use(initReactI18next).init({ ...i18nextOptions, fallbackLng: false, lng, resources: { [lng]: resources ?? {} } });

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18next}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </I18nextProvider>,
  );
});
