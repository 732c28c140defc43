import type { HeadersFunction, LinksFunction, MetaFunction } from '@remix-run/node';
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { NavigationFocus } from '~/components/navigation-focus';
import { useNonce } from '~/components/nonce';
import { SiteFooter, SiteHeader } from '~/components/site-header';
import { fontStylesheets } from '~/i18n/fonts';
import { ADMIN_NAMESPACE, LOCALES, localizedPath, splitLocalePath } from '~/i18n/locales';
import { useTranslation } from '~/i18n/react';
import { useLocale } from '~/i18n/use-locale';
import stylesHref from '~/styles/app.css';
import catalogStylesHref from '~/styles/catalog.css';
import type { loader } from '~/utils/root-loader.server';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
  // Catalog pieces (cards, badges, prices) also appear in the cart and on error pages' layout.
  { rel: 'stylesheet', href: catalogStylesHref },
  { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' },
];

// The loader lives in a server module of its own: each `.server` module a route imports stays
// in the browser build as an empty chunk of its own, loaded by every page; root imports one.
export { loader } from '~/utils/root-loader.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.meta.title ?? 'Audio store' },
  { name: 'description', content: data?.meta.description ?? '' },
];

// Set-Cookie from loaders reaches the document automatically; the no-store headers Supabase asks
// for when it writes a session cookie do not, so pass them on for every page below the root.
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const forwarded = new Headers();
  for (const source of [loaderHeaders, actionHeaders]) {
    for (const name of ['Cache-Control', 'Expires', 'Pragma']) {
      const value = source.get(name);
      if (value) forwarded.set(name, value);
    }
  }
  return forwarded;
};

export function Layout({ children }: { children: ReactNode }) {
  // Also renders around the error boundary, when the root loader may not have run.
  const data = useRouteLoaderData<typeof loader>('root');
  const nonce = useNonce();
  const locale = useLocale();
  return (
    // `js` is added by ScriptsRunning before the first paint; React leaves the attribute alone.
    <html lang={locale} suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#101010" />
        {/* The document arrives in compressed chunks, and the browser may paint a header it has
            only partly read (the search box centred before the account links arrive), which then
            moves: a layout shift. The header is small, so the first paint waits for all of it. */}
        <link rel="expect" href="#main" {...{ blocking: 'render' }} />
        <Meta />
        {fontStylesheets(locale).map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        <Links />
        <AlternateLanguageLinks origin={data?.origin} />
        <ScriptsRunning nonce={nonce} />
        <BrowserTimeZone nonce={nonce} known={data?.timeZone} />
      </head>
      <body>
        <SiteHeader
          user={data?.user ?? null}
          cartCount={data?.cartCount ?? 0}
          categories={data?.categories ?? []}
        />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        <NavigationFocus />
        <ActiveLocaleMessages nonce={nonce} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * The same page in every language, for search engines and for the browser's own language
 * tools; x-default is the unprefixed path, which redirects to the visitor's language.
 */
function AlternateLanguageLinks({ origin }: { origin: string | undefined }) {
  const { pathname, search } = useLocation();
  const { locale, rest } = splitLocalePath(pathname);
  if (!origin || !locale) return null;
  return (
    <>
      {LOCALES.map((other) => (
        <link key={other} rel="alternate" hrefLang={other} href={`${origin}${localizedPath(other, rest)}${search}`} />
      ))}
      <link rel="alternate" hrefLang="x-default" href={`${origin}${rest}${search}`} />
    </>
  );
}

/**
 * Marks the document `js` before it paints, so styles that only make sense with scripts (the
 * phone header's folded menu) never apply to a browser that runs none, and never flash open.
 */
function ScriptsRunning({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: "document.documentElement.classList.add('js')" }} />;
}

/**
 * Tells the server the browser's time zone (the `tz` cookie) so the next page shows times in
 * it; until then a language's usual zone is used. Runs before anything renders, only when the
 * cookie is missing or stale, and needs no bundle.
 */
function BrowserTimeZone({ nonce, known }: { nonce: string | undefined; known: string | undefined }) {
  const script = `(function(){try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z&&z!==${JSON.stringify(known ?? '')})document.cookie='tz='+encodeURIComponent(z)+';path=/;max-age=31536000;samesite=lax'}catch(e){}})()`;
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: script }} />;
}

/**
 * The page's language's messages, and only those, as data for the browser's translator
 * (app/entry.client.tsx reads them before hydrating). JSON, not script: `<` is escaped so the
 * text can never close the element.
 */
function ActiveLocaleMessages({ nonce }: { nonce: string | undefined }) {
  const { i18n } = useTranslation();
  const locale = useLocale();
  const { pathname } = useLocation();
  // The admin area's messages only on its pages (links into it load a new document).
  const { [ADMIN_NAMESPACE]: adminMessages, ...shopMessages } = i18n.messages;
  const inAdmin = /^\/admin(\/|$)/.test(splitLocalePath(pathname).rest);
  const resources = inAdmin ? { ...shopMessages, [ADMIN_NAMESPACE]: adminMessages } : shopMessages;
  const payload = JSON.stringify({ locale, resources }).replace(/</g, '\\u003c');
  // The nonce is not needed for data, but every script element of the page carries it.
  return <script id="i18n-messages" type="application/json" nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: payload }} />;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
