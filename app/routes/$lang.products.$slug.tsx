import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse, Link, useLoaderData } from '@remix-run/react';
import { Trans, useTranslation } from '~/i18n/react';
import { AddToCartForm } from '~/components/add-to-cart-form';
import { AvailabilityBadge } from '~/components/catalog/availability-badge';
import { CatalogImage } from '~/components/catalog/catalog-image';
import { Price } from '~/components/catalog/price';
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary';
import { FavoriteButton } from '~/components/favorite-button';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocalizedPath } from '~/i18n/use-locale';
import { isFavoriteProduct } from '~/models/favorite.server';
import { getProductHoldEnd, getProductPageBySlug } from '~/models/product.server';
import { getMaxOrderQuantity } from '~/utils/availability';
import { mergeCatalogDocumentHeaders } from '~/utils/cache-control';
import { setCatalogCacheHeaders } from '~/utils/catalog-cache.server';
import { createSupabaseServerClient, listAuthCookieNames } from '~/utils/supabase.server';

// The product's own description; a missing product's 404 carries its translated title.
export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  const notFoundTitle = isRouteErrorResponse(error) ? (error.data as { title?: string } | null)?.title : undefined;
  return titleMeta(data?.title ?? notFoundTitle, matches).map((tag) =>
    'name' in tag && tag.name === 'description' && data ? { ...tag, content: data.product.description } : tag,
  );
};

// One request: the product_pages row holds the card fields, features, images, the box and the
// related cards. Only a visitor with a session (whose page is never cached publicly) may have
// favorites, so only they pay a second, tiny read.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = createSupabaseServerClient(request);
  const product = await getProductPageBySlug(supabase, params.slug ?? '', locale);
  if (!product) throw json({ title: pageTitle(locale, fixedT(locale, 'common')('errorPage.404.title')) }, { status: 404, headers });
  const isFavorite = listAuthCookieNames(request).length > 0 ? await isFavoriteProduct(supabase, product.id) : false;
  // Only when every unit is in other carts (rare): when the first of those holds ends.
  const heldElsewhere = product.availability === 'held_elsewhere' ? { until: await getProductHoldEnd(supabase, product.id) } : null;
  setCatalogCacheHeaders(request, headers);
  return json({ product, isFavorite, heldElsewhere, title: pageTitle(locale, product.name) }, { headers });
}

export const headers: HeadersFunction = mergeCatalogDocumentHeaders;

export default function ProductPage() {
  const { product, isFavorite, heldElsewhere } = useLoaderData<typeof loader>();
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
        {product.image ? <CatalogImage className="product-page__image" image={product.image} eager /> : null}
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

      {product.gallery.length > 0 ? (
        <section aria-label={t('product.gallery')} className="product-gallery" data-testid="gallery">
          {product.gallery.map((image, index) => (
            <CatalogImage key={index} className={`product-gallery__item product-gallery__item--${index + 1}`} image={image} />
          ))}
        </section>
      ) : null}

      {product.related.length > 0 ? (
        <section aria-labelledby="related-title" className="related">
          <h2 id="related-title">{t('product.related')}</h2>
          <ul className="related__list">
            {product.related.map((related) => (
              <li key={related.slug} className="related-card">
                <CatalogImage className="related-card__image" image={related.image} />
                <h3>{related.name}</h3>
                <Link to={to(`/products/${related.slug}`)} className="button" prefetch="intent">
                  <Trans
                    t={t}
                    i18nKey="product.seeProductNamed"
                    values={{ name: related.name }}
                    components={{ hidden: <span className="visually-hidden" /> }}
                    // Database text: escaped for Trans's markup, unescaped after.
                    tOptions={{ interpolation: { escapeValue: true } }}
                    shouldUnescape
                  />
                </Link>
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
