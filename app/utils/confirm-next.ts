// Where /auth/confirm sends a person once their email link is verified. The pages hand Auth a
// redirect of the form `/auth/confirm?next=/th/account` (so a PKCE code comes back to that
// route), and an email template passes that whole redirect on as `next`; such a `next` is
// unwrapped once. Only paths on this site; never back to /auth/confirm itself (without its
// parameters it could only say the link is bad).
import { localizedPath, splitLocalePath, type Locale } from '~/i18n/locales';
import { safeRedirect } from './redirect';

const CONFIRM_PATH = '/auth/confirm';

export function findConfirmNextPath(url: URL, { isRecovery, locale }: { isRecovery: boolean; locale: Locale }): string {
  const account = localizedPath(locale, '/account');
  let requested = safeRedirect(url.searchParams.get('next'), account);
  const target = new URL(requested, url);
  if (target.pathname === CONFIRM_PATH) requested = safeRedirect(target.searchParams.get('next'), account);
  if (new URL(requested, url).pathname === CONFIRM_PATH) requested = account;
  // A recovery link signs the person in only so they can choose a new password, so it always
  // lands there, in the language it was asked for in (else `locale`).
  if (isRecovery) return localizedPath(splitLocalePath(new URL(requested, url).pathname).locale ?? locale, '/reset-password');
  return requested;
}
