// One i18next instance per locale for loaders, actions, mails and meta, built once at startup.
// They are never switched to another language, so concurrent requests in different languages
// cannot disturb each other. Loaders and actions translate with `fixedT(locale, ns)`.
// Components render with the translator (app/i18n/translator.ts), on the server too, so the
// server's HTML and the browser's first render come from the same code.
import { createInstance, type i18n, type TFunction } from 'i18next';
import { LOCALES, type Locale, type Namespace } from './locales';
import { i18nextOptions } from './options';
import { ALL_RESOURCES, MESSAGES } from './resources.server';
import { createTranslator, type Translator } from './translator';

const instances = new Map<Locale, i18n>(
  LOCALES.map((locale) => {
    const instance = createInstance();
    void instance.init({ ...i18nextOptions, lng: locale, resources: ALL_RESOURCES });
    return [locale, instance];
  }),
);

const translators = new Map<Locale, Translator>(LOCALES.map((locale) => [locale, createTranslator(locale, MESSAGES[locale])]));

/** The translator server rendering gives components: every namespace of the locale. */
export function serverTranslator(locale: Locale): Translator {
  return translators.get(locale)!;
}

export function serverI18n(locale: Locale): i18n {
  return instances.get(locale)!;
}

export function fixedT<N extends Namespace>(locale: Locale, ns: N): TFunction<N> {
  return serverI18n(locale).getFixedT(locale, ns);
}
