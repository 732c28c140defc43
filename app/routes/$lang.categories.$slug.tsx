import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ProductCard } from '~/components/catalog/product-card';
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary';
import { listCategoryProductCards } from '~/models/product.server';
import { mergeCatalogDocumentHeaders } from '~/utils/cache-control';
import { setCatalogCacheHeaders } from '~/utils/catalog-cache.server';
import { createSupabaseServerClient } from '~/utils/supabase.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Category not found | Audio store' }];
  return [
    { title: `${data.category.name} | Audio store` },
    { name: 'description', content: data.category.description },
  ];
};

// One request: the category's product cards, which also carry the category's name and text.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { supabase, headers } = createSupabaseServerClient(request);
  const products = await listCategoryProductCards(supabase, params.slug ?? '');
  const first = products[0];
  // An unknown slug and a category with nothing to sell both have no page to show.
  if (!first) throw new Response('Not found', { status: 404, headers });
  setCatalogCacheHeaders(request, headers);
  return json(
    {
      category: { slug: first.category_slug, name: first.category_name, description: first.category_description },
      products,
    },
    { headers },
  );
}

export const headers: HeadersFunction = mergeCatalogDocumentHeaders;

export default function CategoryPage() {
  const { category, products } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-banner">
        <div className="container">
          <h1>{category.name}</h1>
          <p className="page-banner__lead">{category.description}</p>
        </div>
      </header>
      <section className="container section" aria-label={`${category.name} products`}>
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
