// Art-directed images: the catalog stores one file per breakpoint (mobile, tablet, desktop), and
// the storefront renders them as one <picture>. These helpers fold the database's rows into that.
import type { CompositeTypes, Enums } from '~/types/database.types';

type ImageSize = Enums<'product_image_size'>;

export interface ResponsiveImage {
  mobile: string | null;
  tablet: string | null;
  desktop: string | null;
  alt: string;
}

/** One image out of its per-size rows (a category's thumbnail, one position of a gallery). */
export function toResponsiveImage(rows: { size: ImageSize | null; url: string | null; alt: string | null }[]): ResponsiveImage | null {
  const image: ResponsiveImage = { mobile: null, tablet: null, desktop: null, alt: '' };
  for (const row of rows) {
    if (!row.size || !row.url) continue;
    image[row.size] ??= row.url;
    if (!image.alt && row.alt) image.alt = row.alt;
  }
  return image.mobile || image.tablet || image.desktop ? image : null;
}

/** product_pages.images → the product's main image and its gallery in position order. */
export function groupProductPageImages(rows: CompositeTypes<'catalog_image'>[]): {
  main: ResponsiveImage | null;
  gallery: ResponsiveImage[];
} {
  const galleryPositions = new Map<number, CompositeTypes<'catalog_image'>[]>();
  for (const row of rows) {
    if (row.type !== 'gallery' || row.position === null) continue;
    galleryPositions.set(row.position, [...(galleryPositions.get(row.position) ?? []), row]);
  }
  const gallery = [...galleryPositions.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, images]) => toResponsiveImage(images))
    .filter((image): image is ResponsiveImage => image !== null);
  // The main image is position 1 of type product; later positions are not used on the page yet.
  const main = toResponsiveImage(rows.filter((row) => row.type === 'product' && row.position === 1));
  return { main, gallery };
}
