// One art-directed image: the desktop and tablet cuts as <source>s, the mobile cut as the <img>
// (mobile first, and what browsers without <picture> get). Breakpoints match app.css. Each
// <source> and the <img> carry their frame's width and height, so the browser reserves the box
// (per breakpoint) before the file loads and the page never shifts.
import type { ResponsiveImage } from '~/utils/catalog-images';
import type { ImageFrame } from './image-frames';

const TABLET_MEDIA = '(min-width: 40rem)';
const DESKTOP_MEDIA = '(min-width: 64rem)';

export function CatalogImage({
  image,
  frame,
  className,
  eager = false,
}: {
  image: ResponsiveImage;
  /** The slot's size per breakpoint (image-frames.ts). */
  frame: ImageFrame;
  className?: string;
  /** Above the fold (hero, product image): load at once instead of lazily. */
  eager?: boolean;
}) {
  const fallback = image.mobile ?? image.tablet ?? image.desktop ?? undefined;
  return (
    <picture className={className}>
      {image.desktop ? (
        <source media={DESKTOP_MEDIA} srcSet={image.desktop} width={frame.desktop[0]} height={frame.desktop[1]} />
      ) : null}
      {image.tablet ? (
        <source media={TABLET_MEDIA} srcSet={image.tablet} width={frame.tablet[0]} height={frame.tablet[1]} />
      ) : null}
      <img
        src={fallback}
        alt={image.alt}
        width={frame.mobile[0]}
        height={frame.mobile[1]}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
      />
    </picture>
  );
}
