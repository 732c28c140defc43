// A product in a list (category page, home page's featured row): image, "new" label, name,
// pitch, price, availability and a link to its page. The name is the heading and the link.
import { Link } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { useLocalizedPath } from '~/i18n/use-locale';
import type { Tables } from '~/types/database.types';
import { AvailabilityBadge } from './availability-badge';
import { CatalogImage } from './catalog-image';
import { Price } from './price';

export type ProductCardData = Pick<
  Tables<'product_cards'>,
  | 'slug'
  | 'name'
  | 'price'
  | 'is_new'
  | 'description'
  | 'availability'
  | 'quantity_left'
  | 'image_mobile'
  | 'image_tablet'
  | 'image_desktop'
  | 'image_alt'
>;

export function ProductCard({
  product,
  headingLevel = 2,
  eagerImage = false,
}: {
  product: ProductCardData;
  headingLevel?: 2 | 3;
  eagerImage?: boolean;
}) {
  const { t } = useTranslation('catalog');
  const to = useLocalizedPath();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const href = to(`/products/${product.slug}`);
  return (
    <article className="product-card" data-testid="product-card">
      <CatalogImage
        className="product-card__image"
        eager={eagerImage}
        image={{
          mobile: product.image_mobile,
          tablet: product.image_tablet,
          desktop: product.image_desktop,
          alt: product.image_alt ?? product.name,
        }}
      />
      <div className="product-card__body">
        {product.is_new ? <p className="eyebrow eyebrow--accent">{t('product.newProduct')}</p> : null}
        <Heading className="product-card__name">
          <Link to={href} prefetch="intent">
            {product.name}
          </Link>
        </Heading>
        <p className="product-card__description">{product.description}</p>
        <div className="product-card__meta">
          <Price amount={product.price} />
          <AvailabilityBadge availability={product.availability} quantityLeft={product.quantity_left} />
        </div>
        <Link to={href} className="button" tabIndex={-1} aria-hidden="true">
          {t('product.seeProduct')}
        </Link>
      </div>
    </article>
  );
}
