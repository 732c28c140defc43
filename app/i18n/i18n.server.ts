// One i18next instance per locale for server rendering, built once at startup. They are never
// switched to another language, so concurrent requests in different languages cannot disturb
// each other. Loaders and actions translate with `fixedT(locale, ns)`.
import { createInstance, type i18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale, type Namespace } from './locales';
import { i18nextOptions } from './options';
import { ALL_RESOURCES } from './resources.server';

const instances = new Map<Locale, i18n>(
  LOCALES.map((locale) => {
    const instance = createInstance();
    void instance.use(initReactI18next).init({ ...i18nextOptions, lng: locale, resources: ALL_RESOURCES });
    return [locale, instance];
  }),
);

export function serverI18n(locale: Locale): i18n {
  return instances.get(locale)!;
}

export function fixedT<N extends Namespace>(locale: Locale, ns: N): TFunction<N> {
  return serverI18n(locale).getFixedT(locale, ns);
}
