// The translator (app/i18n/translator.ts, app/i18n/react.tsx) against real i18next and
// react-i18next with the app's own options: every key of every namespace in every language,
// with sample values for each of its placeholders and counts 0, 1, 2, 5 and 21, must read the
// same; so must every message through <Trans>, with an element for each of its tags. What the
// translator refuses (i18next features our messages do not use) is checked to fail loudly.
import { createInstance, type i18n as I18n } from 'i18next';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Trans as ReactI18nextTrans } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCALES, NAMESPACES, type Locale, type Namespace } from './locales';
import { i18nextOptions } from './options';
import { Trans, TranslatorProvider, useTranslation } from './react';
import { ALL_RESOURCES, MESSAGES } from './resources.server';
import { createTranslator, type TranslateOptions } from './translator';

const COUNTS = [0, 1, 2, 5, 21];
const PLURAL_SUFFIX = /^(.*)_(zero|one|two|few|many|other)$/;

function flatten(messages: unknown, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(messages as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const [inner, text] of flatten(value, path)) entries.set(inner, text);
    else entries.set(path, value as string);
  }
  return entries;
}

function i18nextFor(locale: Locale): I18n {
  const instance = createInstance();
  void instance.init({ ...i18nextOptions, lng: locale, resources: ALL_RESOURCES });
  return instance;
}

const placeholderNames = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((match) => match[1]))];

/** Value sets for a message's placeholders: plain words, text with HTML and `$` specials, numbers, empty values, none. */
function valueSets(names: string[]): Array<Record<string, unknown>> {
  const each = (value: (name: string, index: number) => unknown) => Object.fromEntries(names.map((name, index) => [name, value(name, index)]));
  return [
    each((name) => `«${name}»`),
    each((name) => `Tom & "Jerry" <b>${name}</b> 'x' a/b $& $1 $$ ;`),
    each((_, index) => (index % 2 === 0 ? 1199.5 : 0)),
    each((_, index) => (index % 2 === 0 ? null : undefined)),
    {},
  ];
}

/** Each way the app calls t for a message key: the key itself, and the plural's base key with counts. */
function calls(key: string, keys: Map<string, string>): Array<{ key: string; count?: number }> {
  const plural = PLURAL_SUFFIX.exec(key);
  const forms = [{ key }, ...COUNTS.map((count) => ({ key, count }))];
  if (plural && keys.has(`${plural[1]}_other`)) forms.push(...COUNTS.map((count) => ({ key: plural[1], count })));
  return forms;
}

// Keys with no message of their own (a plural's base key called without a count) are compared
// too: both sides show the key, and the translator's warning about it would only be noise here.
/** Static markup of a Trans (theirs or ours), props built from data. */
const markup = (component: unknown, props: Record<string, unknown>) =>
  renderToStaticMarkup(createElement(component as (props: Record<string, unknown>) => ReactElement, props));

const quietWarnings = () => vi.spyOn(console, 'warn').mockImplementation(() => {});

afterEach(() => vi.restoreAllMocks());

describe.each(LOCALES)('the translator reads %s as i18next does', (locale) => {
  beforeEach(quietWarnings);
  const i18n = i18nextFor(locale);
  const translator = createTranslator(locale, MESSAGES[locale]);

  it.each(NAMESPACES)('every key of %s, with every kind of value and count, escaped or not', (ns) => {
    const keys = flatten(MESSAGES[locale][ns]);
    const i18nextT = i18n.getFixedT(locale, ns) as unknown as (key: string, options: TranslateOptions) => string;
    const ourT = translator.fixedT(ns) as unknown as (key: string, options: TranslateOptions) => string;
    let compared = 0;
    for (const [key, text] of keys) {
      for (const call of calls(key, keys)) {
        for (const values of valueSets(placeholderNames(text))) {
          for (const escapeValue of [undefined, true]) {
            const options = (): TranslateOptions => ({
              ...values,
              ...(call.count === undefined ? {} : { count: call.count }),
              ...(escapeValue ? { interpolation: { escapeValue } } : {}),
            });
            expect(ourT(call.key, options()), `${locale}/${ns} ${call.key} ${JSON.stringify(options())}`).toBe(i18nextT(call.key, options()));
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(keys.size);
  });
});

/** An element for each tag of the message: `<x>…</x>` gets an empty span, `<x/>` an element with its own text. */
function componentsFor(text: string): Record<string, ReactElement> {
  const components: Record<string, ReactElement> = {};
  for (const [, name, selfClosing] of text.matchAll(/<([A-Za-z][\w-]*)\s*(\/?)>/g)) {
    components[name] = selfClosing ? createElement('em', { 'data-tag': name }, `own text of ${name}`) : createElement('span', { 'data-tag': name });
  }
  return components;
}

describe.each(LOCALES)('<Trans> renders %s as react-i18next does', (locale) => {
  beforeEach(quietWarnings);
  const i18n = i18nextFor(locale);
  const translator = createTranslator(locale, MESSAGES[locale]);

  it.each(NAMESPACES)('every message of %s, its tags as elements, values plain or escaped and unescaped', (ns) => {
    const keys = flatten(MESSAGES[locale][ns]);
    const i18nextT = i18n.getFixedT(locale, ns);
    const ourT = translator.fixedT(ns);
    for (const [key, text] of keys) {
      const components = componentsFor(text);
      const [plain, special] = valueSets(placeholderNames(text));
      // Values with markup in them always go through the escaped path, as the app passes database text.
      const variants = [
        { values: plain },
        { values: special, tOptions: { interpolation: { escapeValue: true } }, shouldUnescape: true },
        ...COUNTS.map((count) => ({ values: plain, count })),
      ];
      for (const plural of [key, PLURAL_SUFFIX.exec(key)?.[1]].filter((k): k is string => k !== undefined && (k === key || keys.has(`${k}_other`)))) {
        for (const variant of variants) {
          const theirs = markup(ReactI18nextTrans, { i18n, t: i18nextT, i18nKey: plural, components, ...variant });
          const ours = markup(Trans, { t: ourT, i18nKey: plural, components, ...variant });
          expect(ours, `${locale}/${ns} ${plural} ${JSON.stringify(variant)}`).toBe(theirs);
        }
      }
    }
  });
});

describe('<Trans> on markup cases the messages may grow into', () => {
  const messages = {
    common: {
      nested: 'Read <terms>the <strong>terms</strong></terms> now',
      spaced: '<a>one</a> <b>two</b>\n<a>three</a>',
      selfClosing: 'Sent to <email/>, <email />.',
      leading: '<a>  padded  </a>x',
      entities: 'Fish &amp; chips &lt;3 &nbsp; &copy;',
      withCount: 'You have {{count}} <a>items</a>',
      replaced: 'Write to <email>the shop</email>',
    },
  };
  const resources = Object.fromEntries(LOCALES.map((locale) => [locale, messages]));
  const instance = createInstance();
  void instance.init({ ...i18nextOptions, lng: 'en', resources });
  const translator = createTranslator('en', messages);
  const components = {
    terms: createElement('a', { href: '/terms' }),
    strong: createElement('strong'),
    a: createElement('i'),
    b: createElement('b'),
    email: createElement('strong', null, 'ada@example.com'),
  };

  it.each(Object.keys(messages.common))('%s', (key) => {
    for (const shouldUnescape of [false, true]) {
      const props = { i18nKey: key, components, shouldUnescape };
      const theirs = markup(ReactI18nextTrans, { ...props, i18n: instance, t: instance.getFixedT('en', 'common') });
      const ours = markup(Trans, { ...props, t: translator.fixedT('common') });
      expect(ours).toBe(theirs);
    }
  });
});

describe('useTranslation', () => {
  it('gives the provider’s language, messages and a t for the namespace', () => {
    const translator = createTranslator('th', MESSAGES.th);
    function Probe() {
      const { t, i18n } = useTranslation('cart');
      return createElement('p', { lang: i18n.language }, `${t('cart.title')}|${Object.keys(i18n.messages).length}`);
    }
    const html = renderToStaticMarkup(createElement(TranslatorProvider, { translator, children: createElement(Probe) }));
    expect(html).toBe(`<p lang="th">${createTranslator('th', MESSAGES.th).translate('cart', 'cart.title')}|${NAMESPACES.length}</p>`);
  });
});

describe('what the translator refuses, loudly', () => {
  const messages = {
    common: {
      nesting: 'See $t(common:other)',
      formatted: 'Total {{amount, number}}',
      raw: 'Raw {{- html}}',
      deep: 'Hi {{user.name}}',
      section: { inner: 'x' },
      unknownTag: 'Click <here>me</here>',
      unclosed: 'Click <a>me',
      other: 'other',
    },
  };
  const translator = createTranslator('en', messages);
  const t = (key: string, options?: TranslateOptions) => translator.translate('common' as Namespace, key, options);

  it.each([
    ['nesting', undefined],
    ['formatted', { amount: 1 }],
    ['raw', { html: '<b>' }],
    ['deep', { user: { name: 'Ada' } }],
    ['section', undefined],
    ['missing.key', undefined],
    ['other', { context: 'male' }],
    ['other', { defaultValue: 'x' }],
    ['other', { ns: 'cart' }],
    ['other', { returnObjects: true }],
    ['common:other', undefined],
  ] as const)('shows the key %s (with %j) and warns', (key, options) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(t(key, options as TranslateOptions | undefined)).toBe(key);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it.each(['unknownTag', 'unclosed'])('<Trans> shows the key %s for markup it cannot read, and warns', (key) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const html = markup(Trans, { t: translator.fixedT('common'), i18nKey: key, components: { a: createElement('a') } });
    expect(html).toBe(key);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('inserts values once: a value that looks like a placeholder stays text (i18next may read it again)', () => {
    const own = createTranslator('en', { common: { pair: '{{a}} and {{b}}' } });
    expect(own.translate('common', 'pair', { a: '{{b}}', b: 'B' })).toBe('{{b}} and B');
  });
});
