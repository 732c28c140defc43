// "Continue with LINE" / "Continue with Kakao": the login and signup pages post here (a plain
// form, no JavaScript needed). Asks Auth for the provider's sign-in URL with PKCE, whose verifier
// cookie travels in the response headers, and sends the browser there. Auth brings the person
// back to /auth/confirm (app/utils/oauth.ts), which goes on to `next` or, on an error, to this
// language's login page.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { localizedPath } from '~/i18n/locales';
import { pageLocale } from '~/i18n/route-locale.server';
import { readFormData } from '~/utils/form-data.server';
import { OAUTH_PROVIDERS, OAuthStartSchema, oauthRedirectFor } from '~/utils/oauth';
import { createSupabaseServerClient } from '~/utils/supabase.server';

/** Nothing to show: a GET (a bookmarked or reloaded URL) goes to the login page. */
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(localizedPath(pageLocale(params), '/login'));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { supabase, headers } = createSupabaseServerClient(request);
  const locale = pageLocale(params);
  const failed = () => redirect(`${localizedPath(locale, '/login')}?oauth_error=failed`, { headers });
  const formData = await readFormData(request, headers);
  const parsed = OAuthStartSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failed();

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
