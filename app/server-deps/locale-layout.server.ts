// The loader of the layout every page sits in (app/routes/$lang.tsx), kept out of the route file:
// the browser build replaces a `.server` module a route imports with an empty stand-in, and the
// one the route imported is shared with other routes, so it was an extra file on every page.
// A first segment that is no locale (an old link such as /cart, or /) is answered with a redirect
// to the same path in the visitor's language; a locale in another case (/zh-tw/…) with a
// permanent one to its canonical spelling, so each page has exactly one URL per language.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { localizedPath, splitLocalePath, toLocale } from '~/i18n/locales';
import { redirectToLocale } from '~/i18n/negotiate.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = toLocale(params.lang);
  if (!locale) throw await redirectToLocale(request);
  if (locale !== params.lang) {
    const url = new URL(request.url);
    throw redirect(`${localizedPath(locale, splitLocalePath(url.pathname).rest)}${url.search}`, 301);
  }
  return null;
}
