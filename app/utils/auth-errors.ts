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

// The same sentences the database uses (private.invitation_refusal_message), so the invite step
// and a refusal at the last step read alike.
export const INVITATION_MESSAGES = {
  required: 'An invite code is required to sign up right now.',
  not_found: 'That invite code does not exist. Check it and try again.',
  inactive: 'That invite code has been disabled.',
  expired: 'That invite code has expired.',
  used_up: 'That invite code has already been used.',
  rate_limited: 'Too many invite code checks. Wait a minute and try again.',
} as const;

export type InvitationProblem = keyof typeof INVITATION_MESSAGES;

/** check_invitation's reason → the sentence shown on the invite-code field. */
export function describeInvitationProblem(reason: string | null | undefined): string {
  if (reason && Object.hasOwn(INVITATION_MESSAGES, reason)) return INVITATION_MESSAGES[reason as InvitationProblem];
  return INVITATION_MESSAGES.not_found;
}

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
  | { kind: 'invite_refused'; message: string }
  | { kind: 'database_refused' }
  | { kind: 'other'; errors: AuthFormErrors };

const KNOWN_INVITE_SENTENCES: readonly string[] = Object.values(INVITATION_MESSAGES);

export function classifySignupError(error: AuthErrorLike): SignupFailure {
  const message = error.message?.trim() ?? '';
  if (error.status === 403 && message) {
    // Only our own sentences are shown verbatim; any other 403 text is the generic invite refusal.
    const known = KNOWN_INVITE_SENTENCES.includes(message);
    return { kind: 'invite_refused', message: known ? message : INVITATION_MESSAGES.not_found };
  }
  // A refusal by a trigger on auth.users: a new user (signup) or a guest becoming an account.
  if (error.status === 500 && /database error (saving new|updating) user/i.test(message)) {
    return { kind: 'database_refused' };
  }
  return { kind: 'other', errors: mapAuthError(error) };
}

/** An RPC error (PostgREST) with the fields the account actions look at. */
export interface RpcErrorLike {
  code?: string | undefined;
  message?: string | undefined;
}

/**
 * Errors of the identity RPCs and profile updates → form errors. The database's own sentences
 * for its documented codes are written for people (see the invitations migration's catalogue);
 * anything else (a CHECK the form should have caught, a network failure) gets the generic text.
 */
export function mapIdentityRpcError(error: RpcErrorLike): AuthFormErrors {
  switch (error.code) {
    case 'PT401':
      return onForm('You need to be signed in to do that. Sign in and try again.');
    case 'PT403':
    case '42501':
      return onForm('You are not allowed to change that.');
    case '23514':
      return onForm('One of the values is not allowed. Check the fields and try again.');
  }
  return onForm(AUTH_MESSAGES.unexpected);
}
