import { describe, expect, it } from 'vitest';
import { getLoginRedirectPath, safeRedirect } from './redirect';

describe('safeRedirect', () => {
  it('keeps paths on this site', () => {
    expect(safeRedirect('/account')).toBe('/account');
    expect(safeRedirect('/orders?page=2#top')).toBe('/orders?page=2#top');
  });

  it('falls back for anything that could leave the site', () => {
    for (const target of ['https://evil.example', '//evil.example', '/\\evil.example', '/\t/evil.example', 'account', '']) {
      expect(safeRedirect(target, '/home')).toBe('/home');
    }
    expect(safeRedirect(null)).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
  });
});

describe('getLoginRedirectPath', () => {
  it('brings the user back to the page they asked for', () => {
    expect(getLoginRedirectPath(new Request('http://localhost:3000/en/account?tab=orders'))).toBe(
      '/en/login?redirectTo=%2Fen%2Faccount%3Ftab%3Dorders',
    );
  });

  it('keeps the language of the page the person was on', () => {
    expect(getLoginRedirectPath(new Request('http://localhost:3000/th/cart'))).toBe('/th/login?redirectTo=%2Fth%2Fcart');
    expect(getLoginRedirectPath(new Request('http://localhost:3000/zh-TW/orders/7'))).toBe(
      '/zh-TW/login?redirectTo=%2Fzh-TW%2Forders%2F7',
    );
  });

  it('does not loop through the login page or add noise for the home page', () => {
    expect(getLoginRedirectPath(new Request('http://localhost:3000/ko/login?redirectTo=%2Fx'))).toBe('/ko/login');
    expect(getLoginRedirectPath(new Request('http://localhost:3000/ko'))).toBe('/ko/login');
    expect(getLoginRedirectPath(new Request('http://localhost:3000/en/'))).toBe('/en/login');
  });
});
