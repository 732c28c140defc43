// Which language a request gets when its URL does not say: the visitor's saved choice (the
// `lang` cookie, written by the language switcher), else the best match in Accept-Language,
// else English. remix-i18next does the header and cookie parsing.
import { createCookie, redirect } from '@remix-run/node';
import { RemixI18Next } from 'remix-i18next/server';
import { DEFAULT_LOCALE, LOCALES, localizedPath, splitLocalePath, toLocale, type Locale } from './locales';

export const savedLocaleCookie = createCookie('lang', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: savedLocaleCookie,
    order: ['custom', 'cookie', 'header'],
    // A locale in the path wins over everything else.
    findLocale: async (request) => splitLocalePath(new URL(request.url).pathname).locale,
  },
});

export async function negotiateLocale(request: Request): Promise<Locale> {
  return toLocale(await detector.getLocale(request)) ?? DEFAULT_LOCALE;
}

/**
 * The redirect from a path without a (valid) locale to the visitor's language. Its target
 * depends on the cookie and Accept-Language, so shared caches must key on both, and nothing
 * may keep it for the next visitor.
 */
export async function redirectToLocale(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const locale = await negotiateLocale(request);
  return redirect(`${localizedPath(locale, url.pathname)}${url.search}`, {
    status: 302,
    headers: { Vary: 'Accept-Language, Cookie', 'Cache-Control': 'private, no-cache' },
  });
}
