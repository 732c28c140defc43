import { describe, expect, it } from 'vitest';
import { findConfirmNextPath } from './confirm-next';

const at = (search: string) => new URL(`http://localhost:3000/auth/confirm${search}`);
const signup = { isRecovery: false, locale: 'en' } as const;

describe('findConfirmNextPath', () => {
  it('follows a localized next, and unwraps one that points back at this route', () => {
    expect(findConfirmNextPath(at('?token_hash=x&type=signup&next=%2Fth%2Faccount'), signup)).toBe('/th/account');
    // The email template's form: next is the page's whole redirect (/auth/confirm?next=…).
    expect(findConfirmNextPath(at(`?token_hash=x&type=signup&next=${encodeURIComponent('/auth/confirm?next=%2Fko%2Faccount')}`), signup)).toBe(
      '/ko/account',
    );
  });

  it('falls back to the account page in the request’s language, never to itself or another site', () => {
    expect(findConfirmNextPath(at('?code=abc'), { isRecovery: false, locale: 'zh-TW' })).toBe('/zh-TW/account');
    expect(findConfirmNextPath(at('?next=%2Fauth%2Fconfirm'), signup)).toBe('/en/account');
    expect(findConfirmNextPath(at(`?next=${encodeURIComponent('/auth/confirm?next=/auth/confirm')}`), signup)).toBe('/en/account');
    expect(findConfirmNextPath(at('?next=https%3A%2F%2Fevil.test%2Fx'), signup)).toBe('/en/account');
    expect(findConfirmNextPath(at(`?next=${encodeURIComponent('/auth/confirm?next=//evil.test')}`), signup)).toBe('/en/account');
  });

  it('sends a recovery link to the reset page, in the language it was asked for in', () => {
    const recovery = { isRecovery: true, locale: 'en' } as const;
    expect(findConfirmNextPath(at(`?type=recovery&next=${encodeURIComponent('/auth/confirm?next=/th/reset-password')}`), recovery)).toBe(
      '/th/reset-password',
    );
    expect(findConfirmNextPath(at('?type=recovery&next=%2Fko%2Faccount'), recovery)).toBe('/ko/reset-password');
    expect(findConfirmNextPath(at('?type=recovery'), { isRecovery: true, locale: 'th' })).toBe('/th/reset-password');
  });
});
