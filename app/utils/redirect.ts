import { DEFAULT_LOCALE, localizedPath, splitLocalePath } from '~/i18n/locales';

// Redirect targets that come from the request (?redirectTo=, ?next=) must stay on this site,
// or the login page becomes an open redirect.
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || to === '') return fallback;
  // Only same-origin absolute paths; `//host` and `/\host` are protocol-relative in browsers.
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  // Control characters (tabs, newlines) are stripped by browsers and can turn `/\t/host` into `//host`.
  if ([...to].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return fallback;
  return to;
}

/**
 * `/th/login?redirectTo=<where the user was>`, in the language of the page the person was on;
 * without redirectTo when that was the login page itself or the home page.
 */
export function getLoginRedirectPath(request: Request): string {
  const url = new URL(request.url);
  const { locale, rest } = splitLocalePath(url.pathname);
  const login = localizedPath(locale ?? DEFAULT_LOCALE, '/login');
  const here = `${url.pathname}${url.search}`;
  if (rest === '/login' || `${rest}${url.search}` === '/') return login;
  return `${login}?${new URLSearchParams({ redirectTo: here })}`;
}
