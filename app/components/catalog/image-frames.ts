// The frame (width × height, per breakpoint) of every slot the storefront shows a catalog image
// in. The catalog's images are cut for these slots (scripts/generate-product-images.ts draws them
// at exactly these sizes), so the page can give each <source> and <img> its intrinsic size and the
// browser reserves the space before the file arrives: nothing moves when it loads (layout shift 0).
// An image of another shape still fits: catalog-image's CSS covers the frame with it.

export interface ImageFrame {
  mobile: readonly [width: number, height: number];
  tablet: readonly [width: number, height: number];
  desktop: readonly [width: number, height: number];
}

const same = (width: number, height: number): ImageFrame => ({ mobile: [width, height], tablet: [width, height], desktop: [width, height] });

export const IMAGE_FRAMES = {
  /** Product cards (category pages, home's featured row and hero): type category. */
  card: { mobile: [327, 352], tablet: [689, 352], desktop: [540, 560] },
  /** The product page's main image and the gallery's viewer: type product. */
  product: { mobile: [327, 327], tablet: [281, 480], desktop: [540, 560] },
  /** A category's own tile on the home page: one square drawing at every size. */
  categoryTile: same(200, 200),
} as const satisfies Record<string, ImageFrame>;
