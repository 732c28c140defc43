// The parts of the OAuth sign-in (app/utils/oauth.ts) that pages need, without zod: provider
// names for the buttons, the marker on the way back, and the login page's error kinds.

/** The app's names for the providers and Auth's: LINE is a custom OpenID provider, Kakao is built in. */
export const OAUTH_PROVIDERS = { line: 'custom:line', kakao: 'kakao' } as const;
export type OAuthProviderName = keyof typeof OAUTH_PROVIDERS;

/** Marks the way back from Auth as an OAuth sign-in, so an error there goes to the login page. */
export const OAUTH_RETURN_MARKER = { name: 'via', value: 'oauth' } as const;

export type OAuthErrorKind = 'cancelled' | 'failed';

/** Reads the login page's `oauth_error` parameter back (anything unknown is ignored). */
export function parseOAuthErrorKind(value: string | null): OAuthErrorKind | null {
  return value === 'cancelled' || value === 'failed' ? value : null;
}
