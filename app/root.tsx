import { json, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useNonce } from '~/components/nonce';
import { SiteFooter, SiteHeader } from '~/components/site-header';
import stylesHref from '~/styles/app.css';
import catalogStylesHref from '~/styles/catalog.css';
import { getCartCount } from '~/models/cart.server';
import { listCategories } from '~/models/category.server';
import { findSignedInUser } from '~/utils/auth.server';
import { createSupabaseServerClient } from '~/utils/supabase.server';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
  // Catalog pieces (cards, badges, prices) also appear in the cart and on error pages' layout.
  { rel: 'stylesheet', href: catalogStylesHref },
  { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' },
];

export const meta: MetaFunction = () => [
  { title: 'Audio store' },
  { name: 'description', content: 'Headphones, speakers and earphones, and invite-only listening events.' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { headers, supabase } = createSupabaseServerClient(request);
  // The nav lists the categories (and the home page shows their tiles from here), so every page
  // needs them. They are public: the query runs next to the user check (and the cart count that
  // follows it), not after it.
  const userLookup = findSignedInUser(request, supabase);
  const [categories, cartCount, user] = await Promise.all([
    listCategories(supabase),
    userLookup.then((user) => (user ? getCartCount(supabase) : 0)),
    userLookup,
  ]);
  // Guests (anonymous users) have no account to show yet, but they do have a cart.
  const headerUser = user && !user.isAnonymous ? { email: user.email } : null;
  return json({ user: headerUser, cartCount, categories }, { headers });
}

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
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#101010" />
        <Meta />
        <Links />
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
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
