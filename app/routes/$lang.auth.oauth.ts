// "Continue with LINE" / "Continue with Kakao": the login and signup pages link here (no
// JavaScript needed). Asks Auth for the provider's sign-in URL with PKCE, whose verifier
// cookie travels in the response headers, and sends the browser there. Auth brings the person
// back to /auth/confirm (app/utils/oauth.ts), which goes on to `next` or, on an error, to this
// language's login page.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { localizedPath } from '~/i18n/locales';
import { pageLocale } from '~/i18n/route-locale.server';
import { readFormData } from '~/utils/form-data.server';
import { OAUTH_PROVIDERS, OAuthStartSchema, oauthRedirectFor } from '~/utils/oauth';
import { rememberTransferToken, startCartTransfer } from '~/models/cart-transfer.server';
import { getSignedInUser } from '~/utils/auth.server';
import { createSupabaseServerClient } from '~/utils/supabase.server';

/** The buttons are links (see app/components/oauth-buttons.tsx): GET ?provider=…&next=… starts it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return startOAuth(request, pageLocale(params), Object.fromEntries(url.searchParams));
}

/** The same for a form post (a client without the page's CSP, or a script). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { headers } = createSupabaseServerClient(request);
  const formData = await readFormData(request, headers);
  return startOAuth(request, pageLocale(params), Object.fromEntries(formData));
}

async function startOAuth(request: Request, locale: ReturnType<typeof pageLocale>, input: Record<string, unknown>): Promise<Response> {
  const { supabase, headers, user } = await getSignedInUser(request);
  const failed = () => redirect(`${localizedPath(locale, '/login')}?oauth_error=failed`, { headers });
  const parsed = OAuthStartSchema.safeParse(input);
  if (!parsed.success) return failed();
  // A guest's cart comes along, as with a password sign-in: the token is taken now, while this
  // is still the guest, and claimed when Auth brings the person back signed in.
  if (user?.isAnonymous) {
    const transfer = await startCartTransfer(supabase);
    if (transfer.ok) headers.append('Set-Cookie', await rememberTransferToken(transfer.data));
    else console.error('oauth: could not start the cart transfer', transfer.error);
  }

  const { data, error } = await supabase.auth.signInWithOAuth({
    provider: OAUTH_PROVIDERS[parsed.data.provider],
    options: { redirectTo: oauthRedirectFor(request.url, parsed.data.next, locale) },
  });
  if (error || !data.url) {
    console.error('oauth: could not start the sign-in', error);
    return failed();
  }
  return redirect(data.url, { headers });
}
