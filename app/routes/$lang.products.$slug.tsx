import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { AddToCartForm } from '~/components/add-to-cart-form';
import { AvailabilityBadge } from '~/components/catalog/availability-badge';
import { Price } from '~/components/catalog/price';
import { ProductCard } from '~/components/catalog/product-card';
import { parseGalleryImage, ProductGallery } from '~/components/catalog/product-gallery';
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary';
import { FavoriteButton } from '~/components/favorite-button';
import { titleMeta } from '~/i18n/meta';
import { useLocalizedPath } from '~/i18n/use-locale';
import { getMaxOrderQuantity } from '~/utils/availability';
import { mergeCatalogDocumentHeaders } from '~/utils/cache-control';
import {
  fixedT,
  pageTitle,
  pageLocale,
  isFavoriteProduct,
  getProductHoldEnd,
  getProductPageBySlug,
  listRelatedProductCards,
  setCatalogCacheHeaders,
  createSupabaseServerClient,
  listAuthCookieNames,
} from '~/server-deps/product-page.server';

// The product's own description; a missing product's 404 carries its translated title.
export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  const notFoundTitle = isRouteErrorResponse(error) ? (error.data as { title?: string } | null)?.title : undefined;
  return titleMeta(data?.title ?? notFoundTitle, matches).map((tag) =>
    'name' in tag && tag.name === 'description' && data ? { ...tag, content: data.product.description } : tag,
  );
};

// Two reads at once, both by slug: the product_pages row (card fields, features, images, the box)
// and the related cards. Only a visitor with a session (whose page is never cached publicly) may
// have favorites, so only they pay a third, tiny read. ?image=N picks the gallery's image, so the
// gallery works without JavaScript.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = createSupabaseServerClient(request);
  const slug = params.slug ?? '';
  const [product, related] = await Promise.all([
    getProductPageBySlug(supabase, slug, locale),
    listRelatedProductCards(supabase, slug, locale),
  ]);
  if (!product) throw json({ title: pageTitle(locale, fixedT(locale, 'common')('errorPage.404.title')) }, { status: 404, headers });
  const isFavorite = listAuthCookieNames(request).length > 0 ? await isFavoriteProduct(supabase, product.id) : false;
  // Only when every unit is in other carts (rare): when the first of those holds ends.
  const heldElsewhere = product.availability === 'held_elsewhere' ? { until: await getProductHoldEnd(supabase, product.id) } : null;
  const images = product.image ? [product.image, ...product.gallery] : product.gallery;
  const imageIndex = parseGalleryImage(new URL(request.url).searchParams.get('image'), images.length);
  setCatalogCacheHeaders(request, headers);
  return json(
    { product, images, imageIndex, related, isFavorite, heldElsewhere, title: pageTitle(locale, product.name) },
    { headers },
  );
}

export const headers: HeadersFunction = mergeCatalogDocumentHeaders;

export default function ProductPage() {
  const { product, images, imageIndex, related, isFavorite, heldElsewhere } = useLoaderData<typeof loader>();
  const { t } = useTranslation('catalog');
  const to = useLocalizedPath();
  // Features are stored as paragraphs separated by a blank line.
  const features = product.features.split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter(Boolean);

  return (
    <article className="container product-page" aria-labelledby="product-title">
      <p className="product-page__back">
        <Link to={to(`/categories/${product.category_slug}`)} className="back-link">
          <span aria-hidden="true">‹ </span>
          {t('product.backTo', { category: product.category_name })}
        </Link>
      </p>

      <section className="product-page__summary">
        {images.length > 0 ? <ProductGallery key={`${product.slug}:${imageIndex}`} images={images} initialIndex={imageIndex} /> : null}
        <div className="product-page__buy">
          {product.is_new ? <p className="eyebrow eyebrow--accent">{t('product.newProduct')}</p> : null}
          <h1 id="product-title">{product.name}</h1>
          <p className="product-page__description">{product.description}</p>
          <div className="product-page__meta">
            <Price amount={product.price} className="price price--large" />
            <AvailabilityBadge availability={product.availability} quantityLeft={product.quantity_left} />
          </div>
          <AddToCartForm
            productId={product.id}
            maxQuantity={getMaxOrderQuantity(product.availability, product.quantity_left, product.max_units_per_shopper)}
            heldElsewhere={heldElsewhere}
          />
          <FavoriteButton productId={product.id} productName={product.name} isFavorite={isFavorite} />
        </div>
      </section>

      <div className="product-page__details">
        <section aria-labelledby="features-title" className="product-page__features">
          <h2 id="features-title">{t('product.features')}</h2>
          {features.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </section>
        {product.includes.length > 0 ? (
          <section aria-labelledby="in-the-box-title" className="product-page__box">
            <h2 id="in-the-box-title">{t('product.inTheBox')}</h2>
            <ul className="in-the-box" data-testid="in-the-box">
              {product.includes.map((line) => (
                <li key={line.item}>
                  <span className="in-the-box__quantity">{line.quantity}×</span> <span>{line.item}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>

      {related.length > 0 ? (
        <section aria-labelledby="related-title" className="related">
          <h2 id="related-title">{t('related.title')}</h2>
          <ul className="related__list">
            {related.map((card) => (
              <li key={card.slug}>
                <ProductCard product={card} headingLevel={3} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <ErrorPage status={404} /> }} />;
}
