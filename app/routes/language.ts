// The language switcher's target: saves the choice and goes to the same page in that language.
// The choice is kept in the `lang` cookie (it decides the language of unprefixed links from now
// on) and, for someone signed in (guests included), in profiles.locale: the language their mail
// is written in.
import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { localizedPath, splitLocalePath, toLocale } from '~/i18n/locales';
import { savedLocaleCookie } from '~/i18n/negotiate.server';
import { saveOwnLocale } from '~/models/profile.server';
import { findSignedInUser } from '~/utils/auth.server';
import { readFormData } from '~/utils/form-data.server';
import { safeRedirect } from '~/utils/redirect';
import { createSupabaseServerClient } from '~/utils/supabase.server';

export async function action({ request }: ActionFunctionArgs) {
  const { supabase, headers } = createSupabaseServerClient(request);
  const form = await readFormData(request, headers);
  const locale = toLocale(String(form.get('lang') ?? ''));
  if (!locale) return redirect('/', { headers });
  const next = splitLocalePath(safeRedirect(form.get('next'), '/')).rest;
  const user = await findSignedInUser(request, supabase);
  if (user) {
    const saved = await saveOwnLocale(supabase, user.id, locale);
    // The page still changes language (the cookie has it); only mail keeps the old one until
    // the next choice, so this is logged rather than shown.
    if (!saved.ok) console.error('[language] could not save the account language:', saved.error);
  }
  headers.append('Set-Cookie', await savedLocaleCookie.serialize(locale));
  return redirect(localizedPath(locale, next), { headers });
}

export async function loader() {
  return redirect('/');
}
