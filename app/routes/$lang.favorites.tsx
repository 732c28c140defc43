// /favorites: the products a shopper saved, and the action every favorite toggle posts to.
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { readFormData } from '~/utils/form-data.server';
import { z } from '~/utils/zod';
import { formatPrice } from '~/utils/money';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { FavoriteButton } from '~/components/favorite-button';
import { addFavorite, listFavorites, removeFavorite } from '~/models/favorite.server';
import cartStylesHref from '~/styles/cart.css';
import { ensureShopperSession, getSignedInUser } from '~/utils/auth.server';
import { safeRedirect } from '~/utils/redirect';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: cartStylesHref }];

export const meta: MetaFunction = () => [{ title: 'Favorites | Audio store' }];

const FavoriteActionSchema = z.object({
  intent: z.enum(['add', 'remove']),
  productId: z.guid(),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { supabase, headers, user } = await getSignedInUser(request);
  const favorites = user ? await listFavorites(supabase, user.id) : [];
  return json({ favorites }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = FavoriteActionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return json({ error: 'This product does not exist (any more).' }, { status: 400 });
  const { intent, productId, redirectTo } = parsed.data;
  const session = await ensureShopperSession(request);
  const { supabase, headers } = session;
  if (!session.ok) return json({ error: session.message }, { status: 503, headers });
  try {
    if (intent === 'add') await addFavorite(supabase, productId);
    else await removeFavorite(supabase, session.user.id, productId);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
    if (code !== '23503') console.error('favorite change failed', error);
    const message = code === '23503' ? 'This product does not exist (any more).' : 'We could not save that. Please try again.';
    return json({ error: message }, { status: code === '23503' ? 404 : 503, headers });
  }
  return redirect(safeRedirect(redirectTo, '/favorites'), { headers });
}

export default function FavoritesPage() {
  const { favorites } = useLoaderData<typeof loader>();
  return (
    <section className="container favorites-page" aria-labelledby="favorites-title">
      <h1 id="favorites-title">Favorites</h1>
      {favorites.length === 0 ? (
        <p>
          Nothing saved yet. Use “Save” on a product to keep it here. <Link to="/">Browse the store</Link>.
        </p>
      ) : (
        <ul className="favorites-list">
          {favorites.map((product) =>
            product.id && product.slug && product.name ? (
              <li key={product.id}>
                {product.image_mobile ? <img src={product.image_mobile} alt="" width={72} height={72} /> : <span />}
                <span>
                  <Link to={`/products/${product.slug}`}>{product.name}</Link>
                  <br />
                  <span className="muted">
                    {product.price !== null ? formatPrice(product.price) : null}
                    {product.availability === 'sold_out' ? ' · Sold out' : ''}
                  </span>
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
