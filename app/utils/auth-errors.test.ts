import { describe, expect, it } from 'vitest';
import {
  AUTH_MESSAGES,
  classifySignupError,
  mapAuthError,
} from './auth-errors';

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

describe('mapAuthError, account changes', () => {
  it('asks for a different password when the new one is the current one', () => {
    expect(mapAuthError({ code: 'same_password', status: 422 }).fieldErrors).toEqual({
      password: [AUTH_MESSAGES.samePassword],
    });
  });

  it('tells a person whose session ended how to go on', () => {
    expect(mapAuthError({ code: 'session_not_found', status: 403 }).formErrors).toEqual([AUTH_MESSAGES.sessionExpired]);
  });
});

describe('classifySignupError', () => {
  it('recognises the hook refusal (403) without reading its text: check_invitation says why', () => {
    expect(classifySignupError({ status: 403, message: 'That invite code has expired.' })).toEqual({ kind: 'invite_refused' });
    expect(classifySignupError({ status: 403, message: 'pg: relation does not exist' })).toEqual({ kind: 'invite_refused' });
  });

  it('recognises the trigger refusal by status and message (supabase-js drops the code on a 500)', () => {
    expect(classifySignupError({ status: 500, message: 'Database error saving new user' })).toEqual({ kind: 'database_refused' });
    expect(classifySignupError({ status: 500, message: 'Database error updating user' })).toEqual({ kind: 'database_refused' });
    expect(classifySignupError({ status: 500, message: 'Something else broke' })).toEqual({
      kind: 'other',
      errors: { fieldErrors: {}, formErrors: [AUTH_MESSAGES.unexpected] },
    });
  });

  it('maps everything else like any auth error', () => {
    expect(classifySignupError({ code: 'user_already_exists', status: 422, message: 'User already registered' })).toEqual({
      kind: 'other',
      errors: { fieldErrors: { email: [AUTH_MESSAGES.emailInUse] }, formErrors: [] },
    });
  });
});

