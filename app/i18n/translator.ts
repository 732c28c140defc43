// The translator components use, on the server and in the browser alike: it reads the messages
// the way i18next does (app/i18n/options.ts) for exactly the features our message files use, so a
// page needs no i18next in its JavaScript. Loaders, actions, mails and meta keep i18next
// (app/i18n/i18n.server.ts); app/i18n/translator.test.ts renders every message with both and
// expects the same text.
//
// Supported: nested keys ("cart.title"), {{name}} placeholders (values inserted once, as text;
// `interpolation: { escapeValue: true }` per call HTML-escapes them), and plurals by `count`
// (key_zero for 0, then key_<Intl.PluralRules category>, then the plain key). Anything else i18next
// would do (nesting $t(), formatters {{x, number}}, {{- raw}}, context, ns: prefixes, returnObjects)
// is refused loudly: a warning in development and the key shown, so it is seen rather than
// silently rendered differently on one side.
import type { TFunction } from 'i18next';
import type { Locale, Namespace } from './locales';

export type LocaleMessages = Partial<Record<Namespace, Record<string, unknown>>>;

export interface TranslateOptions {
  count?: unknown;
  interpolation?: { escapeValue?: boolean };
  [value: string]: unknown;
}

export interface Translator {
  locale: Locale;
  messages: LocaleMessages;
  /** The t function for one namespace (the same function every call, so it can sit in deps). */
  fixedT<N extends Namespace>(ns: N): TFunction<N>;
  translate(ns: Namespace, key: string, options?: TranslateOptions): string;
}

// Options i18next gives a meaning to and this translator does not implement.
const UNSUPPORTED_OPTIONS = ['context', 'ns', 'lng', 'lngs', 'returnObjects', 'returnDetails', 'joinArrays', 'defaultValue', 'ordinal', 'replace', 'postProcess', 'keyPrefix', 'fallbackLng', 'nsSeparator', 'keySeparator'];
// Message syntax i18next reads and this translator does not: nesting, unescaped values, formatters, deep values.
const UNSUPPORTED_SYNTAX = /\$t\(|\{\{-|\{\{[^}]*[,.][^}]*\}\}/;
const PLACEHOLDER = /\{\{(.+?)\}\}/g;
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '/': '&#x2F;' };

/** A development warning; the message is built only then (production builds drop it, text and all). */
export function warnUnsupported(message: () => string): void {
  if (process.env.NODE_ENV !== 'production') console.warn(`translator: ${message()}`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"'/]/g, (char) => HTML_ESCAPES[char]);
}

/**
 * `{{name}}` → the value of `name`, left to right, inserted text never read again. Like i18next:
 * a value that is absent and not even a key of `values` leaves the placeholder as it is; one that
 * is present but undefined or null reads as ''; anything else is turned into text.
 */
export function interpolate(text: string, values: Record<string, unknown>, escapeValue: boolean): string {
  return text.replace(PLACEHOLDER, (placeholder, rawName: string) => {
    const name = rawName.trim();
    const value = values[name];
    if (value === undefined && !Object.prototype.hasOwnProperty.call(values, name)) return placeholder;
    const textValue = value == null ? '' : '' + (value as string);
    return escapeValue ? escapeHtml(textValue) : textValue;
  });
}

function lookup(messages: Record<string, unknown> | undefined, key: string): unknown {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export function createTranslator(locale: Locale, messages: LocaleMessages): Translator {
  const plurals = new Intl.PluralRules(locale);
  const fixed = new Map<Namespace, TFunction<Namespace>>();

  function translate(ns: Namespace, key: string, options: TranslateOptions = {}): string {
    if (typeof key !== 'string' || key.includes(':') || (options !== null && typeof options !== 'object')) {
      warnUnsupported(() => `unsupported call t(${JSON.stringify(key)}) in ${ns}`);
      return String(key);
    }
    const unsupported = UNSUPPORTED_OPTIONS.filter((name) => options[name] !== undefined);
    if (unsupported.length > 0 || Object.keys(options.interpolation ?? {}).some((name) => name !== 'escapeValue')) {
      warnUnsupported(() => `unsupported option ${unsupported.join(', ') || 'interpolation'} for ${ns}:${key}`);
      return key;
    }
    const namespace = messages[ns];
    // i18next's order: key_zero (count 0 only), key_<plural category>, then the key itself.
    const candidates = [key];
    const { count } = options;
    if (count !== undefined && typeof count !== 'string') {
      candidates.unshift(`${key}_${plurals.select(count as number)}`);
      if (count === 0) candidates.unshift(`${key}_zero`);
    }
    let message: unknown;
    for (const candidate of candidates) {
      message = lookup(namespace, candidate);
      if (message !== undefined && message !== null) break;
    }
    if (typeof message !== 'string') {
      warnUnsupported(() => (message == null ? `missing message ${locale}/${ns}:${key}` : `${locale}/${ns}:${key} is not a text`));
      return key;
    }
    if (UNSUPPORTED_SYNTAX.test(message)) {
      warnUnsupported(() => `${locale}/${ns}:${key} uses i18next syntax this translator does not read: ${message}`);
      return key;
    }
    return interpolate(message, options, options.interpolation?.escapeValue ?? false);
  }

  return {
    locale,
    messages,
    translate,
    fixedT<N extends Namespace>(ns: N): TFunction<N> {
      let t = fixed.get(ns);
      if (!t) {
        t = ((key: string, options?: TranslateOptions) => translate(ns, key, options)) as unknown as TFunction<Namespace>;
        fixed.set(ns, t);
      }
      return t as unknown as TFunction<N>;
    },
  };
}
