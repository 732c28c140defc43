import { describe, expect, it } from 'vitest';
import { resolveRedirect } from './redirects.ts';

const siteUrl = 'http://localhost:3000';
const allowList = ['http://127.0.0.1:3000', 'https://*.example.com/auth/**'];

describe('resolveRedirect', () => {
  it('falls back to the site URL when nothing is requested', () => {
    expect(resolveRedirect(null, siteUrl, allowList)).toBe(siteUrl);
  });

  it('keeps paths and queries under an allowed origin', () => {
    expect(resolveRedirect('http://localhost:3000/auth/callback?next=/cart', siteUrl, allowList)).toBe(
      'http://localhost:3000/auth/callback?next=/cart',
    );
    expect(resolveRedirect('http://127.0.0.1:3000/account', siteUrl, allowList)).toBe('http://127.0.0.1:3000/account');
  });

  it('refuses other origins, look-alike hosts and garbage', () => {
    expect(resolveRedirect('https://evil.test/steal', siteUrl, allowList)).toBe(siteUrl);
    expect(resolveRedirect('http://localhost:3000.evil.test/', siteUrl, allowList)).toBe(siteUrl);
    expect(resolveRedirect('not a url', siteUrl, allowList)).toBe(siteUrl);
  });

  it('honours wildcard entries', () => {
    expect(resolveRedirect('https://shop.example.com/auth/confirm/x', siteUrl, allowList)).toBe(
      'https://shop.example.com/auth/confirm/x',
    );
    expect(resolveRedirect('https://a.b.example.com/auth/x', siteUrl, allowList)).toBe(siteUrl);
  });
});
