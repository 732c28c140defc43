// Every page lives below its language: /en/…, /th/…, /ko/…, /zh-TW/…. A first segment that is
// no locale (an old link such as /cart, or /) is answered with a redirect to the same path in
// the visitor's language; a locale in another case (/zh-tw/…) with a permanent one to its
// canonical spelling, so each page has exactly one URL per language.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { Outlet } from '@remix-run/react';
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

export default function LocalizedPages() {
  return <Outlet />;
}
