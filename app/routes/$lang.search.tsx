// /<lang>/search?q=…&page=…: product search over names, descriptions and features in the page's
// language (public.search_products). The header's search box and this page's own form are plain
// GET forms, so search works without JavaScript. A blank, too long or unreadable query gets a
// sentence saying so (400 for the last two), never an error page; results are noindex.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { ProductCard } from '~/components/catalog/product-card';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocalizedPath } from '~/i18n/use-locale';
import { searchProducts, type SearchResult } from '~/models/search.server';
import type { loader as rootLoader } from '~/root';
import { SEARCH_PAGE_SIZE, SEARCH_QUERY_MAX_LENGTH } from '~/utils/catalog-query-rules';
import { parseSearchQuery, SearchPageSchema } from '~/utils/catalog-query.server';
import { describeRpcError, httpStatusOf } from '~/utils/rpc-errors';
import { createSupabaseServerClient } from '~/utils/supabase.server';

// A results page is not a page for search engines: every query would be one.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...titleMeta(data?.title, matches),
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const t = fixedT(locale, 'catalog');
  const { supabase, headers } = createSupabaseServerClient(request);
  const url = new URL(request.url);
  const parsed = parseSearchQuery(url.searchParams.get('q'));
  const page = SearchPageSchema.parse(url.searchParams.get('page'));
  const none: SearchResult[] = [];
  const title = pageTitle(locale, parsed.query ? t('search.titleWith', { query: parsed.query }) : t('search.title'));
  if (!parsed.ok) {
    const problem = parsed.problem === 'empty' ? null : t(`search.${parsed.problem}`, { max: SEARCH_QUERY_MAX_LENGTH });
    return json(
      { query: parsed.query, searched: false, problem, products: none, total: 0, page: 1, title },
      { status: problem ? 400 : 200, headers },
    );
  }
  const result = await searchProducts(supabase, parsed.query, locale, page);
  if (!result.ok) {
    // The database checks the query again; its refusal is said in the page's language.
    const problem = describeRpcError(result.error, fixedT(locale, 'errors'));
    return json({ query: parsed.query, searched: false, problem, products: none, total: 0, page, title }, { status: httpStatusOf(result.error), headers });
  }
  return json({ query: parsed.query, searched: true, problem: null, ...result.data, page, title }, { headers });
}

export default function SearchPage() {
  const { query, searched, problem, products, total, page } = useLoaderData<typeof loader>();
  const categories = useRouteLoaderData<typeof rootLoader>('root')?.categories ?? [];
  const { t } = useTranslation('catalog');
  const to = useLocalizedPath();
  const pages = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
  const pageLink = (target: number) => to(`/search?${new URLSearchParams({ q: query, page: String(target) })}`);
  return (
    <>
      <header className="page-banner">
        <div className="container">
          <h1 id="search-title">{searched ? t('search.heading', { count: total, query }) : t('search.headingEmpty')}</h1>
          <Form method="get" action={to('/search')} role="search" className="search-form" aria-labelledby="search-title">
            <label htmlFor="search-query" className="search-form__label">
              {t('search.label')}
            </label>
            <div className="search-form__row">
              <input
                // A new query (a link, the header's box) replaces what was typed here.
                key={query}
                id="search-query"
                name="q"
                type="search"
                defaultValue={query}
                maxLength={SEARCH_QUERY_MAX_LENGTH}
                autoComplete="off"
                enterKeyHint="search"
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? 'search-problem' : undefined}
              />
              <button type="submit" className="button">
                {t('search.submit')}
              </button>
            </div>
            {problem ? (
              <p id="search-problem" className="search-form__problem" role="alert">
                {problem}
              </p>
            ) : null}
          </Form>
          {!searched && !problem ? <p className="page-banner__lead">{t('search.prompt')}</p> : null}
        </div>
      </header>
      {searched ? (
        <section className="container section" aria-label={t('search.resultsLabel')}>
          {products.length === 0 ? (
            <div className="search-empty" data-testid="search-empty">
              <p className="search-empty__title">{t('search.noResults', { query })}</p>
              <p>{t('search.noResultsHelp')}</p>
              <ul className="search-empty__categories">
                {categories.map((category) => (
                  <li key={category.slug}>
                    <Link to={to(`/categories/${category.slug}`)}>{category.name}</Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <ul className="category-products search-results">
                {products.map((product, index) => (
                  <li key={product.slug}>
                    <ProductCard product={product} eagerImage={index === 0} />
                  </li>
                ))}
              </ul>
              {pages > 1 ? (
                <nav className="search-pages" aria-label={t('search.pagination')}>
                  {page > 1 ? <Link to={pageLink(page - 1)} rel="prev">{t('search.previous')}</Link> : <span />}
                  <span>{t('search.pageOf', { page, pages })}</span>
                  {page < pages ? <Link to={pageLink(page + 1)} rel="next">{t('search.next')}</Link> : <span />}
                </nav>
              ) : null}
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
