// Where links in Auth emails land (signup confirmation, magic link, recovery, email change).
// Two shapes reach us: `?token_hash=…&type=…` (email templates pointing at the app) and
// `?code=…` (PKCE: Auth verified the link and sends a one-time code, whose verifier is the
// cookie the signup response set in this browser).
// Unprefixed (a link in an email has no page around it): its own text is in the request's
// language, and it sends the person on to a page in the language the link was asked for in
// (the pages put a localized `next` into the redirect they give Auth).
// A sign-in with LINE or Kakao comes back here too (marked via=oauth, app/utils/oauth.ts): its
// code is exchanged like an email link's, and its error goes to the login page, which says it.
import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { z } from '~/utils/zod';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { localizedPath, splitLocalePath } from '~/i18n/locales';
import { requestLocale } from '~/i18n/route-locale.server';
import { useLocalizedPath } from '~/i18n/use-locale';
import { findConfirmNextPath } from '~/utils/confirm-next';
import { OAUTH_RETURN_MARKER, oauthErrorOf } from '~/utils/oauth';
import { claimCartTransfer, serializeMovedCart, takeTransferToken } from '~/models/cart-transfer.server';
import { createSupabaseServerClient, type AppSupabaseClient } from '~/utils/supabase.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

const EmailOtpTypeSchema = z.enum(['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email']);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = await requestLocale(request, params);
  const { supabase, headers } = createSupabaseServerClient(request);
  const tokenHash = url.searchParams.get('token_hash');
  const type = EmailOtpTypeSchema.safeParse(url.searchParams.get('type'));
  const code = url.searchParams.get('code');
  const next = findConfirmNextPath(url, { isRecovery: type.success && type.data === 'recovery', locale });
  // Auth's own description of a failed link is English and comes in the URL: the page says it in its words.
  const failed = () => json({ title: pageTitle(locale, fixedT(locale, 'account')('confirm.pageTitle')) }, { status: 400, headers });

  const oauthError = oauthErrorOf(url.searchParams);
  if (oauthError && url.searchParams.get(OAUTH_RETURN_MARKER.name) === OAUTH_RETURN_MARKER.value) {
    const loginLocale = splitLocalePath(new URL(next, url).pathname).locale ?? locale;
    return redirect(`${localizedPath(loginLocale, '/login')}?oauth_error=${oauthError}`, { headers });
  }
  if (oauthError) return failed();
  if (tokenHash && type.success) {
    const { error } = await supabase.auth.verifyOtp({ type: type.data, token_hash: tokenHash });
    if (!error) return redirect(next, { headers });
  } else if (code) {
    const { error } = await supabase.auth.exchangeCodeForSession(code);
    if (!error) {
      await bringGuestCartAlong(request, supabase, headers);
      return redirect(next, { headers });
    }
  }
  return failed();
}

/**
 * After an OAuth sign-in started as a guest ($lang.auth.oauth.ts kept the guest's transfer
 * token): the guest's holds move into the account now signed in, and the cart says what moved.
 */
async function bringGuestCartAlong(request: Request, supabase: AppSupabaseClient, headers: Headers): Promise<void> {
  const { token, clear } = await takeTransferToken(request);
  if (!token) return;
  headers.append('Set-Cookie', clear);
  const moved = await claimCartTransfer(supabase, token);
  if (!moved.ok) console.error('confirm: could not move the guest cart', moved.error);
  else if (moved.data.length > 0) headers.append('Set-Cookie', await serializeMovedCart(moved.data));
}

export default function ConfirmPage() {
  const { t } = useTranslation('account');
  const to = useLocalizedPath();
  return (
    <section className="container auth-page" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{t('confirm.title')}</h1>
      <p role="alert">{t('confirm.problem')}</p>
      <p>
        <Link className="button" to={to('/login')}>
          {t('confirm.goToSignIn')}
        </Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
