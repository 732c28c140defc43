import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { CatalogImage } from '~/components/catalog/catalog-image';
import { Price } from '~/components/catalog/price';
import { ProductCard } from '~/components/catalog/product-card';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { listProductCards } from '~/models/product.server';
import type { loader as rootLoader } from '~/root';
import { mergeCatalogDocumentHeaders } from '~/utils/cache-control';
import { setCatalogCacheHeaders } from '~/utils/catalog-cache.server';
import { toResponsiveImage } from '~/utils/catalog-images';
import { pickHomeShowcase } from '~/utils/home-showcase';
import { createSupabaseServerClient } from '~/utils/supabase.server';

export const meta: MetaFunction = () => [
  { title: 'Audio store: headphones, speakers, earphones' },
  {
    name: 'description',
    content: 'Headphones, speakers and earphones chosen for how they sound, and invite-only listening events.',
  },
];

// One request: every product card. The categories (tiles below) come from the root loader,
// which the nav needs on every page anyway.
export async function loader({ request }: LoaderFunctionArgs) {
  const { supabase, headers } = createSupabaseServerClient(request);
  const cards = await listProductCards(supabase);
  setCatalogCacheHeaders(request, headers);
  return json(pickHomeShowcase(cards), { headers });
}

export const headers: HeadersFunction = mergeCatalogDocumentHeaders;

export default function HomePage() {
  const { hero, featured } = useLoaderData<typeof loader>();
  const categories = useRouteLoaderData<typeof rootLoader>('root')?.categories ?? [];

  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="container hero__inner home-hero">
          <div className="home-hero__text">
            <h1 id="hero-title">Sound worth listening to</h1>
            <p className="hero__lead">
              Headphones, speakers and earphones chosen for how they sound, plus invite-only listening events for
              our members.
            </p>
            {hero ? (
              <div className="home-hero__product" data-testid="hero-product">
                <p className="eyebrow eyebrow--light">{hero.is_new ? 'New product' : 'Featured'}</p>
                <h2>{hero.name}</h2>
                <p className="home-hero__pitch">{hero.description}</p>
                <Price amount={hero.price} className="price price--light" />
                <Link className="button" to={`/products/${hero.slug}`}>
                  See product<span className="visually-hidden">: {hero.name}</span>
                </Link>
              </div>
            ) : null}
          </div>
          {hero ? (
            <CatalogImage
              className="home-hero__image"
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
        <h2 id="categories-title">Shop by category</h2>
        <ul className="category-grid">
          {categories.map((category) => {
            const image = toResponsiveImage(category.product_images);
            return (
              <li key={category.slug} className="category-card">
                {image ? <CatalogImage className="category-card__image" image={image} /> : null}
                <h3>
                  <Link to={`/categories/${category.slug}`} className="category-card__link">
                    {category.name}
                  </Link>
                </h3>
                <p>{category.description}</p>
                <span className="text-link" aria-hidden="true">
                  Shop <span className="accent">›</span>
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      {featured.length > 0 ? (
        <section className="container section" aria-labelledby="featured-title">
          <h2 id="featured-title">Featured products</h2>
          <ul className="featured-grid">
            {featured.map((product) => (
              <li key={product.slug}>
                <ProductCard product={product} headingLevel={3} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="container section about" aria-labelledby="about-title">
        <h2 id="about-title">
          Bringing you the <span className="accent">best</span> audio gear
        </h2>
        <p>
          Hold what you like in your cart for 30 minutes while you decide, check out as a guest or with an account,
          and join members-only events when you have an invitation.
        </p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
