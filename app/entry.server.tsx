// Server rendering: the whole document in one string, sent as one body.
//
// Remix's default entry streams with renderToPipeableStream (through a PassThrough, a web
// ReadableStream and back to the Node response, in many small chunks that remix-serve's
// compression then deflates one by one). No route here defers data or suspends, so streaming
// sends nothing earlier; rendering to a string is cheaper per request (measured in
// docs/decisions/003-catalog-page-latency.md). If a route ever uses `defer`/<Await> or
// Suspense, go back to renderToPipeableStream (the default entry: `npx remix reveal`).
//
// The CSP nonce comes from the server (server/index.js, through the load context) and reaches
// <Scripts>/<ScrollRestoration> through NonceProvider.
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToString } from 'react-dom/server';
import { NonceProvider } from '~/components/nonce';
import { serverTranslator } from '~/i18n/i18n.server';
import { toLocale } from '~/i18n/locales';
import { negotiateLocale } from '~/i18n/negotiate.server';
import { TranslatorProvider } from '~/i18n/react';
// For server/index.js, which marks every response of a private path never storable (documents,
// ?_data= answers, redirects, errors). One list: app/utils/private-pages.ts.
export { isPrivatePath, PRIVATE_PAGE_CACHE_CONTROL } from '~/utils/private-pages';
// And the pages its short page cache may keep (server/page-cache.js).
export { isSharedCachePath } from '~/utils/shared-cache-pages';
// And its one reading of TRUST_PROXY (the app's visitor-IP choice uses the same).
export { parseTrustedProxyHops } from '~/utils/supabase.server';
// And the font packages it serves under /fonts/<family>/ (app/i18n/fonts.ts links them).
export { FONT_PACKAGES } from '~/i18n/fonts';

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : undefined;
  // The root loader decided the page's language; when it did not run (an error before it), the
  // request's own preference decides.
  const rootData = remixContext.staticHandlerContext.loaderData.root as { locale?: string } | undefined;
  const locale = toLocale(rootData?.locale) ?? (await negotiateLocale(request));
  const markup = renderToString(
    <TranslatorProvider translator={serverTranslator(locale)}>
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>
    </TranslatorProvider>,
  );
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(`<!DOCTYPE html>${markup}`, { status: responseStatusCode, headers: responseHeaders });
}
