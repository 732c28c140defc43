// Storefront search: one call to public.search_products (…0700), which matches names,
// descriptions and features in the page's language (English where untranslated), ranks the
// matches and pages them in SQL. Refusals (search_query_invalid, page_invalid) come back as an
// RpcResult so the page can say what is wrong instead of failing.
import type { Locale } from '~/i18n/locales';
import type { Database } from '~/types/database.types';
import { SEARCH_PAGE_SIZE } from '~/utils/catalog-query-rules';
import { type RpcResult } from '~/utils/rpc-errors';
import type { AppSupabaseClient } from '~/utils/supabase.server';

export type SearchResult = Database['public']['Functions']['search_products']['Returns'][number];

/** One page of product cards matching `query`, best first, and how many match in all. */
export async function searchProducts(
  supabase: AppSupabaseClient,
  query: string,
  locale: Locale,
  page: number,
): Promise<RpcResult<{ products: SearchResult[]; total: number }>> {
  const { data, error } = await supabase.rpc('search_products', { query, locale, page, page_size: SEARCH_PAGE_SIZE });
  if (error) return { ok: false, error };
  return { ok: true, data: { products: data, total: Number(data[0]?.total_count ?? 0) } };
}
