import { json, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { Trans, useTranslation } from '~/i18n/react';
import { HOLD_MINUTES } from '~/components/cart/hold-countdown';
import { CatalogImage } from '~/components/catalog/catalog-image';
import { IMAGE_FRAMES } from '~/components/catalog/image-frames';
import { Price } from '~/components/catalog/price';
import { ProductCard } from '~/components/catalog/product-card';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { EventListItem } from '~/components/events/event-list-item';
import { titleMeta } from '~/i18n/meta';
import { useLocalizedPath } from '~/i18n/use-locale';
import type { loader as rootLoader } from '~/root';
import eventsStylesHref from '~/styles/events.css';
import { mergeCatalogDocumentHeaders } from '~/utils/cache-control';
import { toResponsiveImage } from '~/utils/catalog-images';
import { pickHomeShowcase } from '~/utils/home-showcase';
import {
  fixedT,
  pageLocale,
  listUpcomingEventCards,
  listProductCards,
  setCatalogCacheHeaders,
  createSupabaseServerClient,
} from '~/server-deps/home-page.server';

// The home page has a title of its own (not "<page> | Audio store") and its own description.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleMeta(data?.title, matches).map((tag) =>
    'name' in tag && tag.name === 'description' && data ? { ...tag, content: data.description } : tag,
  );

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventsStylesHref }];

// Two requests at once: every product card, and the next events open for enrollment. The
// categories (tiles below) come from the root loader, which the nav needs on every page anyway.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const t = fixedT(locale, 'catalog');
  const { supabase, headers } = createSupabaseServerClient(request);
  const [cards, events] = await Promise.all([listProductCards(supabase, locale), listUpcomingEventCards(supabase, locale, 3)]);
  setCatalogCacheHeaders(request, headers);
  return json({ ...pickHomeShowcase(cards), events, title: t('home.title'), description: t('home.description') }, { headers });
}

export const headers: HeadersFunction = mergeCatalogDocumentHeaders;

export default function HomePage() {
  const { hero, featured, events } = useLoaderData<typeof loader>();
  const categories = useRouteLoaderData<typeof rootLoader>('root')?.categories ?? [];
  const { t } = useTranslation('catalog');
  const to = useLocalizedPath();

  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="container hero__inner home-hero">
          <div className="home-hero__text">
            <h1 id="hero-title">{t('home.heroTitle')}</h1>
            <p className="hero__lead">{t('home.heroLead')}</p>
            {hero ? (
              <div className="home-hero__product" data-testid="hero-product">
                <p className="eyebrow eyebrow--light">{hero.is_new ? t('product.newProduct') : t('home.featured')}</p>
                <h2>{hero.name}</h2>
                <p className="home-hero__pitch">{hero.description}</p>
                <Price amount={hero.price} className="price price--light" />
                <Link className="button" to={to(`/products/${hero.slug}`)}>
                  <Trans
                    t={t}
                    i18nKey="product.seeProductNamed"
                    values={{ name: hero.name }}
                    components={{ hidden: <span className="visually-hidden" /> }}
                    // Database text: escaped for Trans's markup, unescaped after.
                    tOptions={{ interpolation: { escapeValue: true } }}
                    shouldUnescape
                  />
                </Link>
              </div>
            ) : null}
          </div>
          {hero ? (
            <CatalogImage
              className="home-hero__image"
              frame={IMAGE_FRAMES.card}
              eager
              image={{
                mobile: hero.image_mobile,
                tablet: hero.image_tablet,
                desktop: hero.image_desktop,
                alt: hero.image_alt ?? hero.name,
              }}
            />
          ) : null}
        </div>
      </section>

      <section className="container section" aria-labelledby="categories-title">
        <h2 id="categories-title">{t('home.categoriesTitle')}</h2>
        <ul className="category-grid">
          {categories.map((category) => {
            const image = toResponsiveImage(category.product_images);
            return (
              <li key={category.slug} className="category-card">
                {image ? <CatalogImage className="category-card__image" frame={IMAGE_FRAMES.categoryTile} image={image} /> : null}
                <h3>
                  <Link to={to(`/categories/${category.slug}`)} className="category-card__link">
                    {category.name}
                  </Link>
                </h3>
                <p>{category.description}</p>
                <span className="text-link" aria-hidden="true">
                  {t('home.shop')} <span className="accent">›</span>
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      {featured.length > 0 ? (
        <section className="container section" aria-labelledby="featured-title">
          <h2 id="featured-title">{t('home.featuredTitle')}</h2>
          <ul className="featured-grid">
            {featured.map((product) => (
              <li key={product.slug}>
                <ProductCard product={product} headingLevel={3} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {events.length > 0 ? (
        <section className="container section home-events" aria-labelledby="events-title">
          <h2 id="events-title">{t('home.eventsTitle')}</h2>
          <p>{t('home.eventsLead')}</p>
          <ul className="event-list" data-testid="home-events">
            {events.map((event) => (
              <li key={event.id}>
                <EventListItem event={event} past={false} />
              </li>
            ))}
          </ul>
          <p>
            <Link className="text-link" to={to('/events')}>
              {t('home.allEvents')} <span className="accent" aria-hidden="true">›</span>
            </Link>
          </p>
        </section>
      ) : null}

      <section className="container section about" aria-labelledby="about-title">
        <h2 id="about-title">
          <Trans t={t} i18nKey="home.aboutTitle" components={{ accent: <span className="accent" /> }} />
        </h2>
        <p>{t('home.aboutBody', { count: HOLD_MINUTES })}</p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
