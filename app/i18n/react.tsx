// React's side of the translator (app/i18n/translator.ts): the provider both entries wrap the
// app in, and `useTranslation` and `Trans` with the props this app passes react-i18next's.
// `Trans` reads a message's markup itself, our messages' small grammar only: `<name>…</name>`
// and `<name/>` for the elements in `components` (app/i18n/messages.test.ts keeps every
// language to English's tags); any other `<` is text.
import type { ParseKeys, TFunction } from 'i18next';
import { cloneElement, createContext, isValidElement, useContext, useMemo, type ReactElement, type ReactNode } from 'react';
import { DEFAULT_LOCALE, type Locale, type Namespace } from './locales';
import { createTranslator, warnUnsupported, type LocaleMessages, type TranslateOptions, type Translator } from './translator';

const TranslatorContext = createContext<Translator | null>(null);

export function TranslatorProvider({ translator, children }: { translator: Translator; children: ReactNode }) {
  return <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>;
}

// Outside a provider (a component rendered on its own) keys show as they are.
let emptyTranslator: Translator | undefined;

function useTranslator(): Translator {
  const translator = useContext(TranslatorContext);
  if (translator) return translator;
  emptyTranslator ??= createTranslator(DEFAULT_LOCALE, {});
  return emptyTranslator;
}

export interface UseTranslationResult<N extends Namespace> {
  t: TFunction<N>;
  /** What the app reads of react-i18next's i18n: the page's language and its messages. */
  i18n: { language: Locale; messages: LocaleMessages };
}

export function useTranslation<N extends Namespace = 'common'>(ns?: N): UseTranslationResult<N> {
  const translator = useTranslator();
  const namespace = (ns ?? 'common') as N;
  return useMemo(
    () => ({ t: translator.fixedT(namespace), i18n: { language: translator.locale, messages: translator.messages } }),
    [translator, namespace],
  );
}

// react-i18next's Trans turns these entities back into characters when `shouldUnescape` is set
// (&nbsp; into a plain space, as it does).
const ENTITIES: Record<string, string> = {
  '&amp;': '&', '&#38;': '&', '&lt;': '<', '&#60;': '<', '&gt;': '>', '&#62;': '>', '&apos;': "'", '&#39;': "'",
  '&quot;': '"', '&#34;': '"', '&nbsp;': ' ', '&#160;': ' ', '&copy;': '©', '&#169;': '©', '&reg;': '®',
  '&#174;': '®', '&hellip;': '…', '&#8230;': '…', '&#x2F;': '/', '&#47;': '/',
};
const ENTITY = new RegExp(Object.keys(ENTITIES).join('|'), 'g');

function unescapeHtml(text: string): string {
  return text.replace(ENTITY, (entity) => ENTITIES[entity]);
}

type Components = Record<string, ReactElement>;

interface TagToken {
  name: string;
  kind: 'open' | 'close' | 'self';
  start: number;
  end: number;
}

const TAG = /<(\/?)([A-Za-z][\w-]*)\s*(\/?)>/g;

class UnsupportedMarkup extends Error {}

/**
 * The translated text as React nodes: each `<name>` becomes a copy of `components[name]` holding
 * what the tag encloses; `<name/>` is the element as given (with its own children). Text between
 * two tags that is only whitespace reads as one space, as react-i18next's HTML parser has it.
 */
function renderMarkup(text: string, components: Components, unescape: boolean): ReactNode[] {
  const tokens: TagToken[] = [];
  for (const match of text.matchAll(TAG)) {
    const kind = match[1] ? 'close' : match[3] ? 'self' : 'open';
    if (match[1] && match[3]) throw new UnsupportedMarkup(match[0]);
    tokens.push({ name: match[2], kind, start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
  }
  let position = 0;
  let index = 0;
  let afterTag = false;

  const textNode = (content: string): string | null => {
    if (content === '') return null;
    const shown = afterTag && /^\s*$/.test(content) ? ' ' : content;
    return unescape ? unescapeHtml(shown) : shown;
  };

  // Nodes until the closing tag `closing` (or the end of the text for the top level).
  const nodesUntil = (closing: string | null): ReactNode[] => {
    const nodes: ReactNode[] = [];
    while (index < tokens.length) {
      const token = tokens[index];
      const before = textNode(text.slice(position, token.start));
      if (before !== null) nodes.push(before);
      position = token.end;
      index += 1;
      if (token.kind === 'close') {
        if (token.name !== closing) throw new UnsupportedMarkup(`</${token.name}>`);
        afterTag = true;
        return nodes;
      }
      const component = components[token.name] as ReactElement<{ children?: ReactNode }> | undefined;
      if (!isValidElement(component)) throw new UnsupportedMarkup(`<${token.name}> has no component`);
      const key = nodes.length;
      if (token.kind === 'self') {
        nodes.push(cloneElement(component, { key }));
      } else {
        afterTag = false;
        // What the tag encloses replaces the element's own children (nothing, for `<x></x>`).
        const inner = nodesUntil(token.name);
        nodes.push(inner.length > 0 ? cloneElement(component, { key }, ...inner) : cloneElement(component, { key, children: undefined }));
      }
      afterTag = true;
    }
    if (closing !== null) throw new UnsupportedMarkup(`<${closing}> is not closed`);
    const rest = textNode(text.slice(position));
    if (rest !== null) nodes.push(rest);
    return nodes;
  };
  return nodesUntil(null);
}

export interface TransProps<N extends Namespace> {
  t: TFunction<N>;
  i18nKey: ParseKeys<N>;
  values?: Record<string, unknown>;
  components?: Components;
  count?: number;
  tOptions?: { interpolation?: { escapeValue?: boolean } };
  /** Turn entities back into characters after reading the markup (for values escaped by tOptions). */
  shouldUnescape?: boolean;
}

export function Trans<N extends Namespace>({ t, i18nKey, values, components = {}, count, tOptions, shouldUnescape = false }: TransProps<N>) {
  // The same options react-i18next's Trans hands t: `count` is a key even when undefined, so a
  // {{count}} with no count reads as ''.
  const options: TranslateOptions = { ...tOptions, count, ...values };
  const translate = t as unknown as (key: string, options: TranslateOptions) => string;
  const text = translate(i18nKey as string, options);
  let nodes: ReactNode[];
  try {
    nodes = renderMarkup(text, components, shouldUnescape);
  } catch (error) {
    if (!(error instanceof UnsupportedMarkup)) throw error;
    warnUnsupported(() => `Trans ${String(i18nKey)}: unsupported markup ${error.message}`);
    nodes = [i18nKey as string];
  }
  return <>{nodes}</>;
}
