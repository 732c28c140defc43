// Signing in with LINE or Kakao (issue #18). The pages post a plain form naming the provider;
// the action asks Auth for the provider's authorize URL (PKCE: the verifier lands in a cookie)
// and sends the browser there. Auth brings the person back to /auth/confirm with a code, or with
// `error` / `error_description` when the provider or the person said no; then the login page
// says so in the page's words (Auth's description is English and not for people).
import { localizedPath, type Locale } from '~/i18n/locales';
import { OAUTH_RETURN_MARKER, type OAuthErrorKind } from './oauth-rules';
import { safeRedirect } from './redirect';
import { z } from './zod';

// The zod-free half (names, the return marker, error kinds) is in oauth-rules.ts, which pages
// may import; re-exported here for the server code that has always imported it from this module.
export { OAUTH_PROVIDERS, OAUTH_RETURN_MARKER, parseOAuthErrorKind, type OAuthErrorKind, type OAuthProviderName } from './oauth-rules';

export const OAuthStartSchema = z.object({
  provider: z.enum(['line', 'kakao']),
  /** The page to land on once signed in (a path on this site, in the page's language). */
  next: z.string().max(2048).optional(),
});

/** Where Auth sends the person back: /auth/confirm (code exchange), then `next`. */
export function oauthRedirectFor(requestUrl: string, next: string | undefined, locale: Locale): string {
  const confirm = new URL('/auth/confirm', requestUrl);
  confirm.searchParams.set('next', safeRedirect(next, localizedPath(locale, '/account')));
  confirm.searchParams.set(OAUTH_RETURN_MARKER.name, OAUTH_RETURN_MARKER.value);
  return confirm.toString();
}

/**
 * What went wrong on the way back from an OAuth sign-in, or null when nothing did. The person
 * declining at the provider comes back as `error=access_denied`; anything else is a failure.
 */
export function oauthErrorOf(searchParams: URLSearchParams): OAuthErrorKind | null {
  const error = searchParams.get('error');
  if (!error && !searchParams.has('error_description')) return null;
  return error === 'access_denied' && searchParams.get('error_code') !== 'otp_expired' ? 'cancelled' : 'failed';
}
