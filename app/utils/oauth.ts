// Signing in with LINE or Kakao (issue #18). The pages post a plain form naming the provider;
// the action asks Auth for the provider's authorize URL (PKCE: the verifier lands in a cookie)
// and sends the browser there. Auth brings the person back to /auth/confirm with a code, or with
// `error` / `error_description` when the provider or the person said no; then the login page
// says so in the page's words (Auth's description is English and not for people).
import { localizedPath, type Locale } from '~/i18n/locales';
import { safeRedirect } from './redirect';
import { z } from './zod';

/** The app's names for the providers and Auth's: LINE is a custom OpenID provider, Kakao is built in. */
export const OAUTH_PROVIDERS = { line: 'custom:line', kakao: 'kakao' } as const;
export type OAuthProviderName = keyof typeof OAUTH_PROVIDERS;

export const OAuthStartSchema = z.object({
  provider: z.enum(['line', 'kakao']),
  /** The page to land on once signed in (a path on this site, in the page's language). */
  next: z.string().max(2048).optional(),
});

/** Marks the way back from Auth as an OAuth sign-in, so an error there goes to the login page. */
export const OAUTH_RETURN_MARKER = { name: 'via', value: 'oauth' } as const;

/** Where Auth sends the person back: /auth/confirm (code exchange), then `next`. */
export function oauthRedirectFor(requestUrl: string, next: string | undefined, locale: Locale): string {
  const confirm = new URL('/auth/confirm', requestUrl);
  confirm.searchParams.set('next', safeRedirect(next, localizedPath(locale, '/account')));
  confirm.searchParams.set(OAUTH_RETURN_MARKER.name, OAUTH_RETURN_MARKER.value);
  return confirm.toString();
}

export type OAuthErrorKind = 'cancelled' | 'failed';

/**
 * What went wrong on the way back from an OAuth sign-in, or null when nothing did. The person
 * declining at the provider comes back as `error=access_denied`; anything else is a failure.
 */
export function oauthErrorOf(searchParams: URLSearchParams): OAuthErrorKind | null {
  const error = searchParams.get('error');
  if (!error && !searchParams.has('error_description')) return null;
  return error === 'access_denied' && searchParams.get('error_code') !== 'otp_expired' ? 'cancelled' : 'failed';
}

/** Reads the login page's `oauth_error` parameter back (anything unknown is ignored). */
export function parseOAuthErrorKind(value: string | null): OAuthErrorKind | null {
  return value === 'cancelled' || value === 'failed' ? value : null;
}
