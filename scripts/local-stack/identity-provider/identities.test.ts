import { describe, expect, it } from 'vitest';
import { kakaoUserMe, lineClaims, subjectOf } from './identities.ts';

const person = { key: '', name: '김민준', picture: 'https://example.com/m.png', email: 'Minjun@Example.com', emailVerified: true };

describe('test identities of the local provider', () => {
  it("gives LINE subjects LINE's shape and Kakao ids Kakao's, stable for the same person", () => {
    expect(subjectOf('line', person)).toMatch(/^U[0-9a-f]{32}$/);
    expect(subjectOf('line', person)).toBe(subjectOf('line', { ...person, email: 'minjun@example.com ', name: 'renamed' }));
    const kakaoId = Number(subjectOf('kakao', person));
    expect(Number.isSafeInteger(kakaoId) && kakaoId > 0).toBe(true);
  });

  it('derives the subject from the key, else the email, else the name', () => {
    const byKey = subjectOf('line', { ...person, key: 'k1' });
    expect(subjectOf('line', { ...person, key: 'k1', email: 'other@example.com' })).toBe(byKey);
    expect(subjectOf('line', { ...person, key: 'k2' })).not.toBe(byKey);
    expect(subjectOf('line', { ...person, email: null })).toBe(subjectOf('line', { key: '', name: person.name, email: null }));
    expect(subjectOf('line', { ...person, email: null })).not.toBe(subjectOf('line', { ...person, email: null, name: '다른 사람' }));
    expect(subjectOf('line', person)).not.toBe(subjectOf('kakao', person));
  });

  it('sends LINE claims by scope, email only when there is one', () => {
    const subject = 'U0123456789abcdef0123456789abcdef';
    expect(lineClaims(subject, person, new Set(['openid']))).toEqual({ sub: subject });
    expect(lineClaims(subject, { ...person, email: null }, new Set(['openid', 'profile', 'email']))).toEqual({
      sub: subject,
      name: '김민준',
      picture: 'https://example.com/m.png',
    });
    expect(lineClaims(subject, person, new Set(['openid', 'email']))).toEqual({ sub: subject, email: 'Minjun@Example.com', email_verified: true });
  });

  it("answers Kakao's user API with a numeric id and the account fields GoTrue reads", () => {
    const me = kakaoUserMe('123456', person);
    expect(me.id).toBe(123456);
    expect(me.kakao_account).toMatchObject({
      profile: { nickname: '김민준', profile_image_url: 'https://example.com/m.png' },
      email: 'Minjun@Example.com',
      is_email_valid: true,
      is_email_verified: true,
    });
    expect(kakaoUserMe('1', { ...person, email: null }).kakao_account).not.toHaveProperty('email');
  });
});
