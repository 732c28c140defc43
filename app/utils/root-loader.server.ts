// The root route's loader (app/root.tsx re-exports it): the page's language and zone, the
// header's user, cart count and categories, and the store's title, for every page.
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { fixedT } from '~/i18n/i18n.server';
import { requestLocale, requestTimeZone } from '~/i18n/route-locale.server';
import { getHeaderSummary } from '~/models/cart.server';
import { listCategories } from '~/models/category.server';
import { findSignedInUser } from '~/utils/auth.server';
import { createSupabaseServerClient } from '~/utils/supabase.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await requestLocale(request, params);
  const t = fixedT(locale, 'common');
  const { headers, supabase } = createSupabaseServerClient(request);
  // The nav lists the categories (and the home page shows their tiles from here), so every page
  // needs them. They are public: the query runs next to the user check (and the header's one read
  // for a session that follows it: cart count and admin link together), not after it.
  const userLookup = findSignedInUser(request, supabase);
  const [categories, user, summary] = await Promise.all([
    listCategories(supabase, locale),
    userLookup,
    userLookup.then((user) => (user ? getHeaderSummary(supabase) : { cartCount: 0, isAdmin: false })),
  ]);
  const cartCount = summary.cartCount;
  const isAdmin = Boolean(user && !user.isAnonymous && summary.isAdmin);
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
