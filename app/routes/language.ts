// The language switcher's target: saves the choice (the `lang` cookie, which decides the
// language of unprefixed links from now on) and goes to the same page in that language.
import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { localizedPath, splitLocalePath, toLocale } from '~/i18n/locales';
import { savedLocaleCookie } from '~/i18n/negotiate.server';
import { readFormData } from '~/utils/form-data.server';
import { safeRedirect } from '~/utils/redirect';

export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const locale = toLocale(String(form.get('lang') ?? ''));
  if (!locale) return redirect('/');
  const next = splitLocalePath(safeRedirect(form.get('next'), '/')).rest;
  return redirect(localizedPath(locale, next), {
    headers: { 'Set-Cookie': await savedLocaleCookie.serialize(locale) },
  });
}

export async function loader() {
  return redirect('/');
}
