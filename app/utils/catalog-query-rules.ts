// The catalog's GET parameters as plain constants, shared by the pages (which must not pull
// zod into the browser) and the server schemas in catalog-query.server.ts. The same limits as
// public.search_products and the public.product_sort enum (…0700 catalog search and sort).
import type { Database } from '~/types/database.types';

export type ProductSort = Database['public']['Enums']['product_sort'];

/** The category page's orders, in the order the select lists them; the first is the default. */
export const PRODUCT_SORTS = ['featured', 'price_asc', 'price_desc', 'newest'] as const satisfies readonly ProductSort[];

export const DEFAULT_PRODUCT_SORT: ProductSort = 'featured';

/** search_products refuses a query longer than this (after trimming). */
export const SEARCH_QUERY_MAX_LENGTH = 100;

/** Results per search page (search_products takes 1-100). */
export const SEARCH_PAGE_SIZE = 12;

/** The last page a search link may ask for; beyond it the page is clamped, not refused. */
export const SEARCH_MAX_PAGE = 1000;
