import { describe, expect, it } from 'vitest';
import { groupProductPageImages, toResponsiveImage } from './catalog-images';

describe('toResponsiveImage', () => {
  it('puts each size in its slot and keeps the alt text', () => {
    expect(
      toResponsiveImage([
        { size: 'desktop', url: '/d.svg', alt: 'Speakers category' },
        { size: 'mobile', url: '/m.svg', alt: 'Speakers category' },
        { size: 'tablet', url: '/t.svg', alt: 'Speakers category' },
      ]),
    ).toEqual({ mobile: '/m.svg', tablet: '/t.svg', desktop: '/d.svg', alt: 'Speakers category' });
  });

  it('is null when there is no file at all', () => {
    expect(toResponsiveImage([])).toBeNull();
    expect(toResponsiveImage([{ size: 'mobile', url: null, alt: 'x' }])).toBeNull();
  });
});

describe('groupProductPageImages', () => {
  const row = (type: 'product' | 'gallery', size: 'mobile' | 'tablet' | 'desktop', position: number) => ({
    type,
    size,
    position,
    url: `/${type}-${position}-${size}.svg`,
    alt: `${type} ${position}`,
  });

  it('splits the main image from the gallery and orders the gallery by position', () => {
    const { main, gallery } = groupProductPageImages([
      row('gallery', 'mobile', 2),
      row('product', 'desktop', 1),
      row('gallery', 'desktop', 1),
      row('product', 'mobile', 1),
      row('gallery', 'mobile', 1),
      row('gallery', 'desktop', 2),
    ]);
    expect(main).toEqual({ mobile: '/product-1-mobile.svg', tablet: null, desktop: '/product-1-desktop.svg', alt: 'product 1' });
    expect(gallery.map((image) => image.alt)).toEqual(['gallery 1', 'gallery 2']);
    expect(gallery[1]).toEqual({ mobile: '/gallery-2-mobile.svg', tablet: null, desktop: '/gallery-2-desktop.svg', alt: 'gallery 2' });
  });

  it('copes with a product that has no images yet', () => {
    expect(groupProductPageImages([])).toEqual({ main: null, gallery: [] });
  });
});
