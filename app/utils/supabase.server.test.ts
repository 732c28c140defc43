import { describe, expect, it } from 'vitest';
import { expireAuthCookies, listAuthCookieNames, parseTrustedProxyHops, visitorIp } from './supabase.server';

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

describe("the visitor's IP address for Auth's rate limits", () => {
  function requestFrom(forwardedFor?: string): Request {
    return new Request('http://localhost:3000/cart', forwardedFor === undefined ? {} : { headers: { 'X-Forwarded-For': forwardedFor } });
  }

  it('trusts no proxy unless TRUST_PROXY says how many there are', () => {
    expect(parseTrustedProxyHops(undefined)).toBe(0);
    expect(parseTrustedProxyHops('')).toBe(0);
    expect(parseTrustedProxyHops('2')).toBe(2);
    expect(() => parseTrustedProxyHops('true')).toThrow(/TRUST_PROXY must be the number of proxies/);
    expect(visitorIp(requestFrom('203.0.113.7'), 0)).toBeNull();
  });

  it('takes the address the outermost trusted proxy saw, never what the visitor wrote before it', () => {
    expect(visitorIp(requestFrom('203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(visitorIp(requestFrom('198.51.100.66, 203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(visitorIp(requestFrom('198.51.100.66, 203.0.113.7, 10.0.0.2'), 2)).toBe('203.0.113.7');
    expect(visitorIp(requestFrom('2001:db8::7'), 1)).toBe('2001:db8::7');
  });

  it('forwards nothing when the request did not pass every trusted proxy or the entry is no address', () => {
    expect(visitorIp(requestFrom(), 1)).toBeNull();
    expect(visitorIp(requestFrom('203.0.113.7'), 2)).toBeNull();
    expect(visitorIp(requestFrom('unknown'), 1)).toBeNull();
    expect(visitorIp(requestFrom('203.0.113.7:51234'), 1)).toBeNull();
  });
});
