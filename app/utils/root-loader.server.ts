// The root route's loader (app/root.tsx re-exports it): the page's language and zone, the
// header's user, cart count and categories, and the store's title, for every page.
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { fixedT } from '~/i18n/i18n.server';
import { requestLocale, requestTimeZone } from '~/i18n/route-locale.server';
import { getCartCount } from '~/models/cart.server';
import { listCategories } from '~/models/category.server';
import { isAdminAccount } from '~/utils/admin.server';
import { findSignedInUser } from '~/utils/auth.server';
import { createSupabaseServerClient } from '~/utils/supabase.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await requestLocale(request, params);
  const t = fixedT(locale, 'common');
  const { headers, supabase } = createSupabaseServerClient(request);
  // The nav lists the categories (and the home page shows their tiles from here), so every page
  // needs them. They are public: the query runs next to the user check (and the cart count that
  // follows it), not after it.
  const userLookup = findSignedInUser(request, supabase);
  const [categories, cartCount, user, isAdmin] = await Promise.all([
    listCategories(supabase, locale),
    userLookup.then((user) => (user ? getCartCount(supabase) : 0)),
    userLookup,
    userLookup.then((user) => (user && !user.isAnonymous ? isAdminAccount(supabase, user.id) : false)),
  ]);
  // Guests (anonymous users) have no account to show yet, but they do have a cart.
  const headerUser = user && !user.isAnonymous ? { email: user.email, isAdmin } : null;
  return json(
    {
      user: headerUser,
      cartCount,
      categories,
      locale,
      timeZone: requestTimeZone(request, locale),
      // For hreflang links, which must be absolute.
      origin: new URL(request.url).origin,
      meta: { title: t('site.title'), description: t('site.description') },
    },
    { headers },
  );
}
