// The emails GoTrue sends, with both link forms Supabase's templates offer: the Auth server's
// verify link ({{ .ConfirmationURL }}) and an app route taking the token hash
// ({{ .SiteURL }}/auth/confirm?token_hash={{ .TokenHash }}&type=…).
import type { ApiContext } from '../context.ts';
import { escapeHtml } from '../mail.ts';
import type { IssuedEmailToken } from './email-tokens.ts';

export type EmailAction = 'signup' | 'recovery' | 'email_change';

const templates: Record<EmailAction, { kind: string; subject: string; intro: string; button: string }> = {
  signup: { kind: 'confirmation', subject: 'Confirm Your Signup', intro: 'Follow this link to confirm your user:', button: 'Confirm your mail' },
  recovery: { kind: 'recovery', subject: 'Reset Your Password', intro: 'Follow this link to reset the password for your user:', button: 'Reset Password' },
  email_change: { kind: 'email_change', subject: 'Confirm Email Change', intro: 'Follow this link to confirm the update of your email:', button: 'Change Email' },
};

export function sendAuthEmail(
  context: ApiContext,
  action: EmailAction,
  to: string,
  token: IssuedEmailToken,
  redirectTo: string,
): void {
  const template = templates[action];
  const verifyLink = new URL(`${context.apiUrl}/auth/v1/verify`);
  verifyLink.search = new URLSearchParams({ token: token.tokenHash, type: action, redirect_to: redirectTo }).toString();
  const appLink = new URL('/auth/confirm', context.config.auth.siteUrl);
  appLink.search = new URLSearchParams({ token_hash: token.tokenHash, type: action }).toString();
  // Only same-site paths are passed on as `next`, so the app route cannot become an open redirect.
  const redirect = new URL(redirectTo);
  if (redirect.origin === appLink.origin) appLink.searchParams.set('next', redirect.pathname + redirect.search);

  const text = `${template.intro}\n${verifyLink.href}\n\nOr open: ${appLink.href}\n\nOr enter this code: ${token.code}\n`;
  const html = `<h2>${escapeHtml(template.subject)}</h2>
<p>${escapeHtml(template.intro)}</p>
<p><a href="${escapeHtml(verifyLink.href)}">${escapeHtml(template.button)}</a></p>
<p>Or open <a href="${escapeHtml(appLink.href)}">this link in the app</a>.</p>
<p>Or enter this code: <strong>${escapeHtml(token.code)}</strong></p>`;
  context.mail.send({
    to,
    subject: template.subject,
    kind: template.kind,
    text,
    html,
    links: [verifyLink.href, appLink.href],
    tokenHash: token.tokenHash,
    code: token.code,
  });
}
