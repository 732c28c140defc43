// password_reset mails are not rendered here: the mailer asks Auth to send its own recovery
// mail, exactly as the member's "forgot password" page does (POST /auth/v1/recover with the
// email and the anon key), so the link, its token and its expiry are Auth's. No code_challenge:
// the mailer has no browser to keep a PKCE verifier in, so Auth sends a token-hash link, which
// /auth/confirm accepts and which lands on the reset page in the member's language.
import { DEFAULT_LOCALE, localizedPath, toLocale } from '../app/i18n/locales.ts';

export interface RecoveryOptions {
  supabaseUrl?: string;
  supabaseAnonKey?: string;
  appUrl: string;
  timeoutMs?: number;
}

/** ok: Auth accepted (200). refused: Auth said no or could not be reached (nothing sent). unknown: no answer in time. */
export type RecoveryResult = { ok: true } | { ok: false; refused: boolean; error: string };

export async function requestRecovery(email: string, locale: string, options: RecoveryOptions): Promise<RecoveryResult> {
  if (!options.supabaseUrl || !options.supabaseAnonKey) {
    return { ok: false, refused: true, error: 'The mailer has no SUPABASE_URL / SUPABASE_ANON_KEY, so it cannot ask Auth for a recovery mail.' };
  }
  const confirm = new URL('/auth/confirm', options.appUrl);
  confirm.searchParams.set('next', localizedPath(toLocale(locale) ?? DEFAULT_LOCALE, '/reset-password'));
  const url = new URL(`${options.supabaseUrl.replace(/\/+$/, '')}/auth/v1/recover`);
  url.searchParams.set('redirect_to', confirm.toString());
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { apikey: options.supabaseAnonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    // A timeout may have reached Auth (the mail may be on its way): unknown. A refused connection sent nothing.
    return { ok: false, refused: !timedOut, error: `Auth ${timedOut ? 'did not answer in time' : 'unreachable'}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (response.status === 200) return { ok: true };
  const body = (await response.text().catch(() => '')).slice(0, 500);
  return { ok: false, refused: true, error: `Auth answered ${response.status}: ${body}` };
}
