import { describe, expect, it } from 'vitest';
import { AUTH_MESSAGES, mapAuthError } from './auth-errors';

describe('mapAuthError', () => {
  it('puts a taken email on the email field', () => {
    expect(mapAuthError({ code: 'user_already_exists', status: 422, message: 'User already registered' })).toEqual({
      fieldErrors: { email: ['This email is already in use.'] },
      formErrors: [],
    });
  });

  it('answers wrong credentials at form level without saying which part was wrong', () => {
    expect(mapAuthError({ code: 'invalid_credentials', status: 400 })).toEqual({
      fieldErrors: {},
      formErrors: ['Email or password is incorrect.'],
    });
  });

  it('puts a weak password on the password field', () => {
    expect(mapAuthError({ code: 'weak_password', status: 422 }).fieldErrors).toEqual({
      password: [AUTH_MESSAGES.weakPassword],
    });
  });

  it('explains network failures and rate limits', () => {
    expect(mapAuthError({ status: 0, message: 'fetch failed' }).formErrors).toEqual([AUTH_MESSAGES.unreachable]);
    expect(mapAuthError({ status: 429 }).formErrors).toEqual([AUTH_MESSAGES.rateLimited]);
  });

  it('never passes a raw service message through', () => {
    const mapped = mapAuthError({ code: 'unexpected_failure', status: 500, message: 'Database error saving new user' });
    expect(mapped).toEqual({ fieldErrors: {}, formErrors: [AUTH_MESSAGES.unexpected] });
    expect(mapAuthError({}).formErrors).toEqual([AUTH_MESSAGES.unexpected]);
  });
});
