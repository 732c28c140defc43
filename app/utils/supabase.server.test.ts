import { describe, expect, it } from 'vitest';
import { expireAuthCookies, listAuthCookieNames } from './supabase.server';

function requestWithCookies(cookie: string): Request {
  return new Request('http://localhost:3000/logout', { method: 'POST', headers: { Cookie: cookie } });
}

describe('auth cookie clean-up', () => {
  const request = requestWithCookies(
    'theme=dark; sb-127-auth-token.0=base64-abc; sb-127-auth-token.1=def; sb-127-auth-token-code-verifier=xyz',
  );

  it('finds every chunk of the session cookie and the PKCE verifier, nothing else', () => {
    expect(listAuthCookieNames(request)).toEqual([
      'sb-127-auth-token.0',
      'sb-127-auth-token.1',
      'sb-127-auth-token-code-verifier',
    ]);
  });

  it('expires them on the response', () => {
    const headers = new Headers();
    expireAuthCookies(request, headers);
    const cookies = headers.getSetCookie();
    expect(cookies).toHaveLength(3);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/^sb-127-auth-token[^=]*=; Max-Age=0; Path=\/; SameSite=Lax$/);
    }
  });

  it('does nothing when the browser sent no auth cookie', () => {
    const headers = new Headers();
    expireAuthCookies(requestWithCookies('theme=dark'), headers);
    expect(headers.getSetCookie()).toEqual([]);
  });
});
