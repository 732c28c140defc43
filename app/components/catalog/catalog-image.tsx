// One art-directed image: the desktop and tablet cuts as <source>s, the mobile cut as the <img>
// (mobile first, and what browsers without <picture> get). Breakpoints match app.css.
import type { ResponsiveImage } from '~/utils/catalog-images';

const TABLET_MEDIA = '(min-width: 40rem)';
const DESKTOP_MEDIA = '(min-width: 64rem)';

export function CatalogImage({
  image,
  className,
  eager = false,
}: {
  image: ResponsiveImage;
  className?: string;
  /** Above the fold (hero, product image): load at once instead of lazily. */
  eager?: boolean;
}) {
  const fallback = image.mobile ?? image.tablet ?? image.desktop ?? undefined;
  return (
    <picture className={className}>
      {image.desktop ? <source media={DESKTOP_MEDIA} srcSet={image.desktop} /> : null}
      {image.tablet ? <source media={TABLET_MEDIA} srcSet={image.tablet} /> : null}
      <img src={fallback} alt={image.alt} loading={eager ? 'eager' : 'lazy'} decoding="async" />
    </picture>
  );
}
