import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, isRouteErrorResponse, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { ProductCard } from '~/components/catalog/product-card';
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocalizedPath } from '~/i18n/use-locale';
import { listCategoryProducts } from '~/models/category.server';
import { mergeCatalogDocumentHeaders } from '~/utils/cache-control';
import { PRODUCT_SORTS } from '~/utils/catalog-query-rules';
import { ProductSortSchema } from '~/utils/catalog-query.server';
import { setCatalogCacheHeaders } from '~/utils/catalog-cache.server';
import { createSupabaseServerClient } from '~/utils/supabase.server';

// The category's own description; a missing category's 404 carries its translated title.
export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  const notFoundTitle = isRouteErrorResponse(error) ? (error.data as { title?: string } | null)?.title : undefined;
  return titleMeta(data?.title ?? notFoundTitle, matches).map((tag) =>
    'name' in tag && tag.name === 'description' && data ? { ...tag, content: data.category.description } : tag,
  );
};

// One request: the category's product cards, which also carry the category's name and text, in
// the order `?sort=` asks for (ordered in SQL; an unknown sort is the default order).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = createSupabaseServerClient(request);
  const sort = ProductSortSchema.parse(new URL(request.url).searchParams.get('sort'));
  const products = await listCategoryProducts(supabase, params.slug ?? '', locale, sort);
  const first = products[0];
  // An unknown slug and a category with nothing to sell both have no page to show.
  if (!first) throw json({ title: pageTitle(locale, fixedT(locale, 'common')('errorPage.404.title')) }, { status: 404, headers });
  setCatalogCacheHeaders(request, headers);
  return json(
    {
      category: { slug: first.category_slug, name: first.category_name, description: first.category_description },
      products,
      sort,
      title: pageTitle(locale, first.category_name),
    },
    { headers },
  );
}

export const headers: HeadersFunction = mergeCatalogDocumentHeaders;

export default function CategoryPage() {
  const { category, products, sort } = useLoaderData<typeof loader>();
  const { t } = useTranslation('catalog');
  const to = useLocalizedPath();
  return (
    <>
      <header className="page-banner">
        <div className="container">
          <h1>{category.name}</h1>
          <p className="page-banner__lead">{category.description}</p>
        </div>
      </header>
      <section className="container section" aria-label={t('category.productsLabel', { name: category.name })}>
        {/* A GET form: works without JavaScript (the button); with it, picking an order applies it. */}
        <Form method="get" action={to(`/categories/${category.slug}`)} className="sort-form" preventScrollReset>
          <label htmlFor="category-sort">{t('sort.label')}</label>
          <select
            key={sort}
            id="category-sort"
            name="sort"
            defaultValue={sort}
            onChange={(event) => event.currentTarget.form?.requestSubmit()}
          >
            {PRODUCT_SORTS.map((option) => (
              <option key={option} value={option}>
                {t(`sort.${option}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small button--outline">
            {t('sort.apply')}
          </button>
        </Form>
        <ul className="category-products">
          {products.map((product, index) => (
            <li key={product.slug}>
              <ProductCard product={product} eagerImage={index === 0} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <ErrorPage status={404} /> }} />;
}
