// /favorites: the products a shopper saved, and the action every favorite toggle posts to.
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Trans, useTranslation } from '~/i18n/react';
import { readFormData } from '~/utils/form-data.server';
import { z } from '~/utils/zod';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { FavoriteButton } from '~/components/favorite-button';
import { fixedT } from '~/i18n/i18n.server';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
import { addFavorite, listFavorites, removeFavorite } from '~/models/favorite.server';
import cartStylesHref from '~/styles/cart.css';
import { ensureShopperSession, getSignedInUser } from '~/utils/auth.server';
import { safeRedirect } from '~/utils/redirect';
import { describeRpcError } from '~/utils/rpc-errors';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: cartStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

const FavoriteActionSchema = z.object({
  intent: z.enum(['add', 'remove']),
  productId: z.guid(),
  redirectTo: z.string().optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers, user } = await getSignedInUser(request);
  const favorites = user ? await listFavorites(supabase, user.id, locale) : [];
  return json({ favorites, title: pageTitle(locale, fixedT(locale, 'catalog')('favorites.title')) }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = pageLocale(params);
  const productGone = () => describeRpcError({ hint: 'product_not_found' }, fixedT(locale, 'errors'));
  const parsed = FavoriteActionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return json({ error: productGone() }, { status: 400 });
  const { intent, productId, redirectTo } = parsed.data;
  const session = await ensureShopperSession(request);
  const { supabase, headers } = session;
  if (!session.ok) {
    const message = fixedT(locale, 'errors')(`session.${session.problem}`);
    return json({ error: message }, { status: session.problem === 'rate_limited' ? 429 : 503, headers });
  }
  try {
    if (intent === 'add') await addFavorite(supabase, productId);
    else await removeFavorite(supabase, session.user.id, productId);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
    if (code !== '23503') console.error('favorite change failed', error);
    const message = code === '23503' ? productGone() : fixedT(locale, 'catalog')('favorites.saveFailed');
    return json({ error: message }, { status: code === '23503' ? 404 : 503, headers });
  }
  return redirect(safeRedirect(redirectTo, localizedPath(locale, '/favorites')), { headers });
}

export default function FavoritesPage() {
  const { favorites } = useLoaderData<typeof loader>();
  const { t } = useTranslation('catalog');
  const format = useFormat();
  const to = useLocalizedPath();
  const describePrice = (price: number | null, soldOut: boolean) => {
    if (price === null) return soldOut ? t('availability.soldOut') : null;
    return soldOut ? t('favorites.priceSoldOut', { price: format.money(price) }) : format.money(price);
  };
  return (
    <section className="container favorites-page" aria-labelledby="favorites-title">
      <h1 id="favorites-title">{t('favorites.title')}</h1>
      {favorites.length === 0 ? (
        <p>
          <Trans t={t} i18nKey="favorites.empty" components={{ anchor: <Link to={to('/')} /> }} />
        </p>
      ) : (
        <ul className="favorites-list">
          {favorites.map((product) =>
            product.id && product.slug && product.name ? (
              <li key={product.id}>
                {product.image_mobile ? <img src={product.image_mobile} alt="" width={72} height={72} /> : <span />}
                <span>
                  <Link to={to(`/products/${product.slug}`)}>{product.name}</Link>
                  <br />
                  <span className="muted">{describePrice(product.price, product.availability === 'sold_out')}</span>
                </span>
                <FavoriteButton productId={product.id} productName={product.name} isFavorite />
              </li>
            ) : null,
          )}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
