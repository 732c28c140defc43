// Supabase Auth errors → what the person filling the form should read. Codes are GoTrue's stable
// `error_code`s; messages are ours (account:authErrors.*, in the page's language), because
// GoTrue's ("User already registered") are English and written for developers. Anything unknown
// becomes a form-level message, never a raw error or a 500.
import type { TFunction } from 'i18next';

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

/** The translator Auth errors are read with: fixedT(locale, 'account') in actions. */
export type AccountT = TFunction<'account'>;

function onField(field: string, message: string): AuthFormErrors {
  return { fieldErrors: { [field]: [message] }, formErrors: [] };
}

function onForm(message: string): AuthFormErrors {
  return { fieldErrors: {}, formErrors: [message] };
}

export function mapAuthError(error: AuthErrorLike, t: AccountT): AuthFormErrors {
  switch (error.code) {
    case 'user_already_exists':
    case 'email_exists':
      return onField('email', t('authErrors.emailInUse'));
    case 'invalid_credentials':
      return onForm(t('authErrors.invalidCredentials'));
    case 'weak_password':
      return onField('password', t('authErrors.weakPassword'));
    case 'email_address_invalid':
      return onField('email', t('authErrors.emailUnusable'));
    case 'email_not_confirmed':
      return onForm(t('authErrors.emailNotConfirmed'));
    case 'signup_disabled':
    case 'email_provider_disabled':
      return onForm(t('authErrors.signupDisabled'));
    case 'same_password':
      return onField('password', t('authErrors.samePassword'));
    case 'session_not_found':
    case 'session_expired':
    case 'refresh_token_not_found':
      return onForm(t('authErrors.sessionExpired'));
    case 'over_request_rate_limit':
    case 'over_email_send_rate_limit':
      return onForm(t('authErrors.rateLimited'));
  }
  // supabase-js reports network failures with status 0 (AuthRetryableFetchError).
  if (error.status === 0) return onForm(t('authErrors.unreachable'));
  if (error.status === 429) return onForm(t('authErrors.rateLimited'));
  return onForm(t('authErrors.unexpected'));
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

export function classifySignupError(error: AuthErrorLike, t: AccountT): SignupFailure {
  const message = error.message?.trim() ?? '';
  // The before-user-created hook refuses invite problems with 403; which one, check_invitation says.
  if (error.status === 403) return { kind: 'invite_refused' };
  // A refusal by a trigger on auth.users: a new user (signup) or a guest becoming an account.
  if (error.status === 500 && /database error (saving new|updating) user/i.test(message)) {
    return { kind: 'database_refused' };
  }
  return { kind: 'other', errors: mapAuthError(error, t) };
}

