// The admin area's gate: every /admin loader and action calls requireAdmin, since Remix runs a
// page's loaders in parallel and a parent's check does not protect its children's data. Anyone
// who is not an admin (visitors, guests, members) gets the same 404 as for a page that does not
// exist, so the area does not announce itself. The role comes from profiles.role, which only
// admins and operators can change (never from user-editable metadata); every admin RPC checks
// private.is_admin() again in the database, so this gate only decides what is shown.
import { json } from '@remix-run/node';
import { fixedT } from '~/i18n/i18n.server';
import { pageTitle } from '~/i18n/meta.server';
import type { Locale } from '~/i18n/locales';
import { getSignedInUser, type SignedInUser } from './auth.server';
import type { SupabaseRequestContext } from './supabase.server';

export type AdminRequestContext = SupabaseRequestContext & { user: SignedInUser };

/** The request's Supabase context for an admin, else a thrown 404. */
export async function requireAdmin(request: Request, locale: Locale): Promise<AdminRequestContext> {
  const context = await getSignedInUser(request);
  const notFound = () =>
    json({ title: pageTitle(locale, fixedT(locale, 'common')('errorPage.404.title')) }, { status: 404, headers: context.headers });
  if (!context.user || context.user.isAnonymous) throw notFound();
  const { data, error } = await context.supabase.from('profiles').select('role').eq('id', context.user.id).maybeSingle();
  if (error) throw error;
  if (data?.role !== 'admin') throw notFound();
  return { ...context, user: context.user };
}
