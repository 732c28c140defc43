import { describe, expect, it } from 'vitest';
import {
  AUTH_MESSAGES,
  classifySignupError,
  describeInvitationProblem,
  INVITATION_MESSAGES,
  mapAuthError,
  mapIdentityRpcError,
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

describe('describeInvitationProblem', () => {
  it.each([
    ['not_found', 'That invite code does not exist. Check it and try again.'],
    ['inactive', 'That invite code has been disabled.'],
    ['expired', 'That invite code has expired.'],
    ['used_up', 'That invite code has already been used.'],
  ])('says why for %s', (reason, message) => {
    expect(describeInvitationProblem(reason)).toBe(message);
  });

  it('falls back to "does not exist" for a missing or unknown reason', () => {
    expect(describeInvitationProblem(null)).toBe(INVITATION_MESSAGES.not_found);
    expect(describeInvitationProblem('toString')).toBe(INVITATION_MESSAGES.not_found);
  });
});

describe('classifySignupError', () => {
  it('puts the hook refusal (403) on the invite code with its own sentence', () => {
    expect(classifySignupError({ status: 403, message: 'That invite code has expired.' })).toEqual({
      kind: 'invite_refused',
      message: 'That invite code has expired.',
    });
  });

  it('never shows an unknown 403 text verbatim', () => {
    expect(classifySignupError({ status: 403, message: 'pg: relation does not exist' })).toEqual({
      kind: 'invite_refused',
      message: INVITATION_MESSAGES.not_found,
    });
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

describe('mapIdentityRpcError', () => {
  it('maps the documented codes to readable form errors', () => {
    expect(mapIdentityRpcError({ code: 'PT401' }).formErrors[0]).toMatch(/signed in/);
    expect(mapIdentityRpcError({ code: '42501', message: 'permission denied for table profiles' }).formErrors).toEqual([
      'You are not allowed to change that.',
    ]);
    expect(mapIdentityRpcError({ code: '23514', message: 'violates check constraint "profiles_phone_check"' }).formErrors[0]).toMatch(
      /not allowed/,
    );
  });

  it('hides anything else behind the generic message', () => {
    expect(mapIdentityRpcError({ code: 'XX000', message: 'internal detail' })).toEqual({
      fieldErrors: {},
      formErrors: [AUTH_MESSAGES.unexpected],
    });
  });
});
