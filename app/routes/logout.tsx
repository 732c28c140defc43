import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { createSupabaseServerClient, expireAuthCookies } from '~/utils/supabase.server';

// Signing out changes state, so it is a POST (a prefetch or a crawler must not sign anyone out).
export async function action({ request }: ActionFunctionArgs) {
  const { supabase, headers } = createSupabaseServerClient(request);
  const { error } = await supabase.auth.signOut();
  // If Auth could not be reached, supabase-js keeps the session; clear this browser's cookies
  // anyway, because that is what the person asked for.
  if (error) expireAuthCookies(request, headers);
  return redirect('/', { headers });
}

export async function loader() {
  return redirect('/');
}
