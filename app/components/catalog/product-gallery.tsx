// The product page's gallery: one image in a fixed frame and a row of thumbnails.
//
// Without JavaScript each thumbnail is a link to ?image=N, which the loader reads
// (parseGalleryImage), so the page comes back showing that image. Once React runs, the links
// become buttons that switch the image in place, no request made:
// - the buttons are named "Image 2 of 4" (a visually hidden label: the thumbnail itself is
//   decoration), and the one shown is aria-pressed;
// - roving tabindex: the row is one tab stop; arrow keys (and Home/End) move between the
//   thumbnails, wrapping at the ends; Enter or Space shows the focused one;
// - a horizontal swipe on the main image (touch or pen pointer events) shows the next or previous
//   image, stopping at the first and the last; a live region says which image is shown.
// Every image sits in the same frame (image-frames: product), so switching never moves the page.
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from '~/i18n/react';
import { useIsHydrated } from '~/components/forms';
import type { ResponsiveImage } from '~/utils/catalog-images';
import { CatalogImage } from './catalog-image';
import { IMAGE_FRAMES } from './image-frames';

/** A swipe is at least this far (CSS px) sideways, and more sideways than up or down. */
const SWIPE_MIN_DISTANCE = 40;
const THUMBNAIL_SIZE = 96;

/**
 * The 0-based image to show for ?image=N (1-based, as people count). Anything else (missing,
 * not a whole number, out of range) shows the first image: it is a view choice, not an error.
 */
export function parseGalleryImage(value: string | null, count: number): number {
  if (value === null || !/^[1-9]\d{0,2}$/.test(value)) return 0;
  const position = Number(value);
  return position <= count ? position - 1 : 0;
}

export function ProductGallery({ images, initialIndex }: { images: ResponsiveImage[]; initialIndex: number }) {
  const { t } = useTranslation('catalog');
  const isHydrated = useIsHydrated();
  const [current, setCurrent] = useState(initialIndex);
  const [focusIndex, setFocusIndex] = useState(initialIndex);
  const [announced, setAnnounced] = useState(false);
  const thumbnails = useRef<(HTMLButtonElement | null)[]>([]);
  const swipeStart = useRef<{ x: number; y: number } | null>(null);
  const count = images.length;
  const image = images[current] ?? images[0];
  if (!image) return null;

  function show(index: number) {
    setCurrent(index);
    setFocusIndex(index);
    setAnnounced(true);
  }

  function onThumbnailKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % count,
      ArrowDown: (index + 1) % count,
      ArrowLeft: (index - 1 + count) % count,
      ArrowUp: (index - 1 + count) % count,
      Home: 0,
      End: count - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    setFocusIndex(target);
    thumbnails.current[target]?.focus();
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    // Mouse users have the thumbnails; a mouse drag on an image is the browser's image drag.
    swipeStart.current = event.isPrimary && event.pointerType !== 'mouse' ? { x: event.clientX, y: event.clientY } : null;
  }

  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    const start = swipeStart.current;
    swipeStart.current = null;
    if (!start) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (Math.abs(dx) < SWIPE_MIN_DISTANCE || Math.abs(dx) <= Math.abs(dy)) return;
    // Swiping left brings the next image in from the right, as on a phone's photo viewer.
    const next = dx < 0 ? Math.min(current + 1, count - 1) : Math.max(current - 1, 0);
    if (next !== current) show(next);
  }

  return (
    <section className="gallery" aria-label={t('gallery.label')}>
      <div
        className="gallery__viewer"
        data-testid="gallery"
        onPointerDown={onPointerDown}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (swipeStart.current = null)}
      >
        <CatalogImage key={current} className="product-page__image" image={image} frame={IMAGE_FRAMES.product} eager />
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="gallery-status">
        {announced ? t('gallery.showing', { index: current + 1, count }) : ''}
      </p>
      {count > 1 ? (
        <ul className="gallery__thumbnails" aria-label={t('gallery.thumbnails')}>
          {images.map((thumbnail, index) => {
            const content = (
              <>
                <img
                  src={thumbnail.mobile ?? thumbnail.tablet ?? thumbnail.desktop ?? undefined}
                  alt=""
                  width={THUMBNAIL_SIZE}
                  height={THUMBNAIL_SIZE}
                  decoding="async"
                />
                <span className="visually-hidden">{t('gallery.thumbnail', { index: index + 1, count })}</span>
              </>
            );
            return (
              <li key={index}>
                {isHydrated ? (
                  <button
                    type="button"
                    className="gallery__thumbnail"
                    ref={(element) => {
                      thumbnails.current[index] = element;
                    }}
                    aria-pressed={index === current}
                    tabIndex={index === focusIndex ? 0 : -1}
                    onClick={() => show(index)}
                    onKeyDown={(event) => onThumbnailKeyDown(event, index)}
                    onFocus={() => setFocusIndex(index)}
                  >
                    {content}
                  </button>
                ) : (
                  <a
                    className="gallery__thumbnail"
                    href={`?image=${index + 1}`}
                    aria-current={index === current ? 'true' : undefined}
                  >
                    {content}
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
