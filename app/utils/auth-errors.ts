// Supabase Auth errors → what the person filling the form should read. Codes are GoTrue's stable
// `error_code`s; messages are ours, because GoTrue's ("User already registered") are written for
// developers. Anything unknown becomes a form-level message, never a raw error or a 500.

/** The parts of an AuthError this mapping relies on (supabase-js `AuthError` fits). */
export interface AuthErrorLike {
  code?: string | undefined;
  status?: number | undefined;
  message?: string | undefined;
}

export interface AuthFormErrors {
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
}

export const AUTH_MESSAGES = {
  emailInUse: 'This email is already in use.',
  invalidCredentials: 'Email or password is incorrect.',
  weakPassword: 'This password is too easy to guess. Choose a longer or less common one.',
  emailNotConfirmed: 'Confirm your email address first: open the link we sent you, then sign in.',
  signupDisabled: 'Sign-ups are closed right now.',
  rateLimited: 'Too many attempts. Wait a minute and try again.',
  unreachable: 'We could not reach the sign-in service. Check your connection and try again.',
  unexpected: 'Something went wrong on our side. Please try again in a moment.',
  samePassword: 'Choose a password different from your current one.',
  sessionExpired: 'Your session has ended. Sign in again, or request a new reset link.',
} as const;

function onField(field: string, message: string): AuthFormErrors {
  return { fieldErrors: { [field]: [message] }, formErrors: [] };
}

function onForm(message: string): AuthFormErrors {
  return { fieldErrors: {}, formErrors: [message] };
}

export function mapAuthError(error: AuthErrorLike): AuthFormErrors {
  switch (error.code) {
    case 'user_already_exists':
    case 'email_exists':
      return onField('email', AUTH_MESSAGES.emailInUse);
    case 'invalid_credentials':
      return onForm(AUTH_MESSAGES.invalidCredentials);
    case 'weak_password':
      return onField('password', AUTH_MESSAGES.weakPassword);
    case 'email_address_invalid':
      return onField('email', 'This email address cannot be used. Try another one.');
    case 'email_not_confirmed':
      return onForm(AUTH_MESSAGES.emailNotConfirmed);
    case 'signup_disabled':
    case 'email_provider_disabled':
      return onForm(AUTH_MESSAGES.signupDisabled);
    case 'same_password':
      return onField('password', AUTH_MESSAGES.samePassword);
    case 'session_not_found':
    case 'session_expired':
    case 'refresh_token_not_found':
      return onForm(AUTH_MESSAGES.sessionExpired);
    case 'over_request_rate_limit':
    case 'over_email_send_rate_limit':
      return onForm(AUTH_MESSAGES.rateLimited);
  }
  // supabase-js reports network failures with status 0 (AuthRetryableFetchError).
  if (error.status === 0) return onForm(AUTH_MESSAGES.unreachable);
  if (error.status === 429) return onForm(AUTH_MESSAGES.rateLimited);
  return onForm(AUTH_MESSAGES.unexpected);
}

/**
 * What went wrong with a signup, as the signup action needs to know it:
 * - `invite_refused`: the before-user-created hook said no (HTTP 403 with a readable sentence);
 *   the sentence belongs on the invite-code field.
 * - `database_refused`: the auth.users insert failed. GoTrue reports any error of the trigger as
 *   500 "Database error saving new user" and supabase-js drops the code, so the only trigger
 *   refusal there is (the invite rule) is recognised by status + message; the action re-checks
 *   the code to say why.
 * - `other`: everything else, mapped by mapAuthError.
 */
export type SignupFailure =
  | { kind: 'invite_refused' }
  | { kind: 'database_refused' }
  | { kind: 'other'; errors: AuthFormErrors };

export function classifySignupError(error: AuthErrorLike): SignupFailure {
  const message = error.message?.trim() ?? '';
  // The before-user-created hook refuses invite problems with 403; which one, check_invitation says.
  if (error.status === 403) return { kind: 'invite_refused' };
  // A refusal by a trigger on auth.users: a new user (signup) or a guest becoming an account.
  if (error.status === 500 && /database error (saving new|updating) user/i.test(message)) {
    return { kind: 'database_refused' };
  }
  return { kind: 'other', errors: mapAuthError(error) };
}

