import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { localizedPath } from '~/i18n/locales';
import { requestLocale } from '~/i18n/route-locale.server';
import { readFormData } from '~/utils/form-data.server';
import { createSupabaseServerClient, expireAuthCookies } from '~/utils/supabase.server';

// Signing out changes state, so it is a POST (a prefetch or a crawler must not sign anyone out).
export async function action({ request }: ActionFunctionArgs) {
  const { supabase, headers } = createSupabaseServerClient(request);
  // The page's language comes along in the form, so the visitor lands on the home page they know.
  const form = await readFormData(request, headers).catch(() => null);
  const locale = await requestLocale(request, { lang: String(form?.get('lang') ?? '') });
  const { error } = await supabase.auth.signOut();
  // If Auth could not be reached, supabase-js keeps the session; clear this browser's cookies
  // anyway, because that is what the person asked for.
  if (error) expireAuthCookies(request, headers);
  return redirect(localizedPath(locale, '/'), { headers });
}

export async function loader() {
  return redirect('/');
}
