// Every locale says everything English says: the same keys (plural forms as each language has
// them), no stray keys, no empty text, the same {{placeholders}}. English itself is checked by
// TypeScript (app/types/i18next.d.ts): a t() call with a key English lacks does not compile.
// The mailer's templates (app/locales/<locale>/mail.json, server-only, never sent to a page) are
// checked the same way.
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '~/utils/error-catalogue';
import { LOCALES, NAMESPACES, type Locale } from './locales';
import { MAIL_MESSAGES } from '../../mailer/messages.ts';
import { MESSAGES as PAGE_MESSAGES } from './resources.server';

const CHECKED_NAMESPACES = [...NAMESPACES, 'mail'] as const;
const MESSAGES = Object.fromEntries(
  LOCALES.map((locale) => [locale, { ...PAGE_MESSAGES[locale], mail: MAIL_MESSAGES[locale] }]),
) as Record<Locale, Record<(typeof CHECKED_NAMESPACES)[number], Record<string, unknown>>>;

const pluralSuffixes = ['zero', 'one', 'two', 'few', 'many', 'other'];
const pluralKey = new RegExp(`^(.*)_(${pluralSuffixes.join('|')})$`);

function flatten(messages: unknown, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const [inner, text] of flatten(value, path)) entries.set(inner, text);
    else entries.set(path, value);
  }
  return entries;
}

/** The keys a locale needs for English's keys: a plural key in every plural form the locale has. */
function requiredKeys(english: Map<string, unknown>, locale: Locale): Map<string, string> {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const required = new Map<string, string>();
  for (const key of english.keys()) {
    const plural = pluralKey.exec(key);
    if (plural && english.has(`${plural[1]}_other`)) {
      for (const category of categories) required.set(`${plural[1]}_${category}`, `${plural[1]}_other`);
    } else {
      required.set(key, key);
    }
  }
  return required;
}

function placeholders(text: unknown): string[] {
  return [...String(text).matchAll(/\{\{\s*([\w.]+)/g)].map((match) => match[1]).sort();
}

describe.each(CHECKED_NAMESPACES)('messages in the %s namespace', (namespace) => {
  const english = flatten(MESSAGES.en[namespace]);

  it.each(LOCALES.filter((locale) => locale !== 'en'))('are complete and nothing else in %s', (locale) => {
    const messages = flatten(MESSAGES[locale][namespace]);
    const required = requiredKeys(english, locale);
    const missing = [...required.keys()].filter((key) => !messages.has(key));
    const stray = [...messages.keys()].filter((key) => !required.has(key));
    expect(missing, `keys missing in ${locale}/${namespace}.json`).toEqual([]);
    expect(stray, `keys in ${locale}/${namespace}.json that English does not have`).toEqual([]);
  });

  it.each(LOCALES)('are non-empty text with English’s placeholders in %s', (locale) => {
    const messages = flatten(MESSAGES[locale][namespace]);
    const required = requiredKeys(english, locale);
    for (const [key, text] of messages) {
      expect(typeof text === 'string' && text.trim() !== '', `${locale}/${namespace}.json ${key} is empty`).toBe(true);
      const source = required.get(key);
      if (source === undefined) continue;
      // A plural form may leave out {{count}} (English "one item" vs "{{count}} items").
      const expected = placeholders(english.get(source)).filter((name) => name !== 'count');
      const actual = placeholders(text).filter((name) => name !== 'count');
      expect(actual, `${locale}/${namespace}.json ${key} placeholders`).toEqual(expected);
    }
  });
});

// <Trans> reads a message's tags with an HTML parser: a tag named like a void element
// (<link>, <img>, <br>…) ends where it starts, and the text meant for it falls out of the link.
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

describe.each(LOCALES)('markup in %s messages', (locale) => {
  it('uses the same tags as English and none named like an HTML void element', () => {
    for (const namespace of CHECKED_NAMESPACES) {
      const english = flatten(MESSAGES.en[namespace]);
      const required = requiredKeys(english, locale);
      for (const [key, text] of flatten(MESSAGES[locale][namespace])) {
        const tags = [...String(text).matchAll(/<\/?([A-Za-z][\w-]*)/g)].map((match) => match[1]);
        expect(tags.filter((tag) => voidElements.has(tag.toLowerCase())), `${locale}/${namespace}.json ${key}`).toEqual([]);
        const source = required.get(key);
        if (source === undefined) continue;
        const englishTags = [...String(english.get(source)).matchAll(/<\/?([A-Za-z][\w-]*)/g)].map((match) => match[1]);
        expect([...tags].sort(), `${locale}/${namespace}.json ${key} tags`).toEqual([...englishTags].sort());
      }
    }
  });
});

describe('the missing-keys check itself', () => {
  it('asks Thai, Korean and Chinese for the one plural form they have, and English for two', () => {
    const english = new Map<string, unknown>([
      ['items_one', 'one item'],
      ['items_other', '{{count}} items'],
      ['title', 'Cart'],
    ]);
    expect([...requiredKeys(english, 'th').keys()].sort()).toEqual(['items_other', 'title']);
    expect([...requiredKeys(english, 'ko').keys()].sort()).toEqual(['items_other', 'title']);
    expect([...requiredKeys(english, 'en').keys()].sort()).toEqual(['items_one', 'items_other', 'title']);
  });
});

describe('database errors', () => {
  it('have a message for every name in the error catalogue', () => {
    const english = flatten(MESSAGES.en.errors);
    const missing = Object.keys(ERROR_CATALOGUE).filter((name) => !english.has(`catalogue.${name}`));
    expect(missing).toEqual([]);
  });
});
