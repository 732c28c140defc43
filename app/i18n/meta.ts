// Page titles in the page's language. Loaders compute the title (`pageTitle(locale, t('…'))`
// from meta.server.ts) and return it as `title`; meta reads it, and falls back to the store's
// title (the root loader's, already translated) when the loader threw (a 404, say).
import type { MetaDescriptor } from '@remix-run/node';

interface RootMeta {
  meta?: { title?: string; description?: string };
}

export function titleMeta(
  title: string | null | undefined,
  matches: ReadonlyArray<{ id: string; data: unknown }>,
): MetaDescriptor[] {
  const root = matches.find((match) => match.id === 'root')?.data as RootMeta | undefined;
  return [
    { title: title ?? root?.meta?.title ?? 'Audio store' },
    { name: 'description', content: root?.meta?.description ?? '' },
  ];
}
