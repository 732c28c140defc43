import { describe, expect, it } from 'vitest';
import { fixedT } from '~/i18n/i18n.server';
import { classifySignupError, mapAuthError } from './auth-errors';

const t = fixedT('en', 'account');
// The English sentences, pinned: a changed or missing message fails here.
const AUTH_MESSAGES = {
  emailInUse: 'This email is already in use.',
  weakPassword: 'This password is too easy to guess. Choose a longer or less common one.',
  unreachable: 'We could not reach the sign-in service. Check your connection and try again.',
  rateLimited: 'Too many attempts. Wait a minute and try again.',
  unexpected: 'Something went wrong on our side. Please try again in a moment.',
  samePassword: 'Choose a password different from your current one.',
  sessionExpired: 'Your session has ended. Sign in again, or request a new reset link.',
};

describe('mapAuthError', () => {
  it('puts a taken email on the email field', () => {
    expect(mapAuthError({ code: 'user_already_exists', status: 422, message: 'User already registered' }, t)).toEqual({
      fieldErrors: { email: ['This email is already in use.'] },
      formErrors: [],
    });
  });

  it('answers wrong credentials at form level without saying which part was wrong', () => {
    expect(mapAuthError({ code: 'invalid_credentials', status: 400 }, t)).toEqual({
      fieldErrors: {},
      formErrors: ['Email or password is incorrect.'],
    });
  });

  it('puts a weak password on the password field', () => {
    expect(mapAuthError({ code: 'weak_password', status: 422 }, t).fieldErrors).toEqual({
      password: [AUTH_MESSAGES.weakPassword],
    });
  });

  it('explains network failures and rate limits', () => {
    expect(mapAuthError({ status: 0, message: 'fetch failed' }, t).formErrors).toEqual([AUTH_MESSAGES.unreachable]);
    expect(mapAuthError({ status: 429 }, t).formErrors).toEqual([AUTH_MESSAGES.rateLimited]);
  });

  it('never passes a raw service message through', () => {
    const mapped = mapAuthError({ code: 'unexpected_failure', status: 500, message: 'Database error saving new user' }, t);
    expect(mapped).toEqual({ fieldErrors: {}, formErrors: [AUTH_MESSAGES.unexpected] });
    expect(mapAuthError({}, t).formErrors).toEqual([AUTH_MESSAGES.unexpected]);
  });
});

describe('mapAuthError, account changes', () => {
  it('asks for a different password when the new one is the current one', () => {
    expect(mapAuthError({ code: 'same_password', status: 422 }, t).fieldErrors).toEqual({
      password: [AUTH_MESSAGES.samePassword],
    });
  });

  it('tells a person whose session ended how to go on', () => {
    expect(mapAuthError({ code: 'session_not_found', status: 403 }, t).formErrors).toEqual([AUTH_MESSAGES.sessionExpired]);
  });
});

describe('classifySignupError', () => {
  it('recognises the hook refusal (403) without reading its text: check_invitation says why', () => {
    expect(classifySignupError({ status: 403, message: 'That invite code has expired.' }, t)).toEqual({ kind: 'invite_refused' });
    expect(classifySignupError({ status: 403, message: 'pg: relation does not exist' }, t)).toEqual({ kind: 'invite_refused' });
  });

  it('recognises the trigger refusal by status and message (supabase-js drops the code on a 500)', () => {
    expect(classifySignupError({ status: 500, message: 'Database error saving new user' }, t)).toEqual({ kind: 'database_refused' });
    expect(classifySignupError({ status: 500, message: 'Database error updating user' }, t)).toEqual({ kind: 'database_refused' });
    expect(classifySignupError({ status: 500, message: 'Something else broke' }, t)).toEqual({
      kind: 'other',
      errors: { fieldErrors: {}, formErrors: [AUTH_MESSAGES.unexpected] },
    });
  });

  it('maps everything else like any auth error', () => {
    expect(classifySignupError({ code: 'user_already_exists', status: 422, message: 'User already registered' }, t)).toEqual({
      kind: 'other',
      errors: { fieldErrors: { email: [AUTH_MESSAGES.emailInUse] }, formErrors: [] },
    });
  });
});


describe('in the page’s language', () => {
  it('says the same thing in Thai, on the same field', () => {
    const thai = fixedT('th', 'account');
    const mapped = mapAuthError({ code: 'user_already_exists', status: 422 }, thai);
    expect(mapped.fieldErrors.email).toEqual([thai('authErrors.emailInUse')]);
    expect(mapped.fieldErrors.email?.[0]).not.toBe('This email is already in use.');
    expect(mapAuthError({ status: 0 }, thai).formErrors).toEqual([thai('authErrors.unreachable')]);
  });
});
