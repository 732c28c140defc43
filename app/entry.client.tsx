// The browser's entry: the translator gets the page's language and its messages from the document
// (app/root.tsx put them there) before React hydrates, so the first client render reads exactly
// like the server's (which renders with the same translator, app/i18n/translator.ts). Another
// language is always a new document (the switcher reloads), so this one translator never changes.
import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { DEFAULT_LOCALE, toLocale } from '~/i18n/locales';
import { TranslatorProvider } from '~/i18n/react';
import { createTranslator, type LocaleMessages } from '~/i18n/translator';

const element = document.getElementById('i18n-messages');
const { locale, resources } = JSON.parse(element?.textContent || '{}') as { locale?: string; resources?: LocaleMessages };
const translator = createTranslator(toLocale(locale) ?? DEFAULT_LOCALE, resources ?? {});

startTransition(() => {
  hydrateRoot(
    document,
    <TranslatorProvider translator={translator}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </TranslatorProvider>,
  );
});
