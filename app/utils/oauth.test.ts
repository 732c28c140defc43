import { describe, expect, it } from 'vitest';
import { OAUTH_PROVIDERS, OAuthStartSchema, oauthErrorOf, oauthRedirectFor, parseOAuthErrorKind } from './oauth';

describe('OAuthStartSchema', () => {
  it('accepts the two providers and maps them to Auth names', () => {
    expect(OAuthStartSchema.parse({ provider: 'line', next: '/th/account' })).toEqual({ provider: 'line', next: '/th/account' });
    expect(OAUTH_PROVIDERS.line).toBe('custom:line');
    expect(OAUTH_PROVIDERS.kakao).toBe('kakao');
  });

  it('refuses any other provider', () => {
    expect(OAuthStartSchema.safeParse({ provider: 'custom:line' }).success).toBe(false);
    expect(OAuthStartSchema.safeParse({ provider: 'github' }).success).toBe(false);
    expect(OAuthStartSchema.safeParse({}).success).toBe(false);
  });
});

describe('oauthRedirectFor', () => {
  it('goes back through /auth/confirm, marked as OAuth, to the localized page', () => {
    const url = new URL(oauthRedirectFor('http://localhost:3000/auth/oauth', '/ko/events/gig', 'ko'));
    expect(url.origin + url.pathname).toBe('http://localhost:3000/auth/confirm');
    expect(url.searchParams.get('next')).toBe('/ko/events/gig');
    expect(url.searchParams.get('via')).toBe('oauth');
  });

  it('never sends the person to another site', () => {
    const url = new URL(oauthRedirectFor('http://localhost:3000/auth/oauth', '//evil.example/x', 'th'));
    expect(url.searchParams.get('next')).toBe('/th/account');
    expect(new URL(oauthRedirectFor('http://localhost:3000/auth/oauth', undefined, 'en')).searchParams.get('next')).toBe('/en/account');
  });
});

describe('oauthErrorOf', () => {
  it('reads nothing when Auth came back without an error', () => {
    expect(oauthErrorOf(new URLSearchParams('code=abc&next=/en'))).toBeNull();
  });

  it('tells a declined sign-in from a failed one', () => {
    expect(oauthErrorOf(new URLSearchParams('error=access_denied&error_description=User+denied'))).toBe('cancelled');
    expect(oauthErrorOf(new URLSearchParams('error=server_error&error_description=Unable+to+exchange'))).toBe('failed');
    expect(oauthErrorOf(new URLSearchParams('error_description=Something'))).toBe('failed');
  });

  it('an expired email link is a failure, not a cancellation', () => {
    expect(oauthErrorOf(new URLSearchParams('error=access_denied&error_code=otp_expired'))).toBe('failed');
  });
});

describe('parseOAuthErrorKind', () => {
  it('keeps only the two kinds the login page can say', () => {
    expect(parseOAuthErrorKind('cancelled')).toBe('cancelled');
    expect(parseOAuthErrorKind('failed')).toBe('failed');
    expect(parseOAuthErrorKind('<script>')).toBeNull();
    expect(parseOAuthErrorKind(null)).toBeNull();
  });
});
