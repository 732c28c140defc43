// zod schemas for the catalog's GET parameters: the search page's `q` and `page`, the category
// page's `sort`. Server-only (loaders), so zod never reaches the browser; the limits live in
// catalog-query-rules.ts and match what public.search_products checks again in SQL.
import { isTypedText } from './typed-text';
import { DEFAULT_PRODUCT_SORT, PRODUCT_SORTS, SEARCH_MAX_PAGE, SEARCH_QUERY_MAX_LENGTH } from './catalog-query-rules';
import { z } from './zod';

/**
 * `q`: trimmed; missing or blank is "empty" (the page asks for a query), longer than the limit
 * or holding control characters is "invalid" (the page says why). Never throws.
 */
export const SearchQuerySchema = z
  .string()
  .trim()
  .min(1, 'empty')
  .max(SEARCH_QUERY_MAX_LENGTH, 'tooLong')
  .refine((value) => isTypedText(value), 'invalidCharacters');

export type SearchQueryProblem = 'empty' | 'tooLong' | 'invalidCharacters';

export type ParsedSearchQuery = { ok: true; query: string } | { ok: false; problem: SearchQueryProblem; query: string };

export function parseSearchQuery(raw: string | null): ParsedSearchQuery {
  const result = SearchQuerySchema.safeParse(raw ?? '');
  if (result.success) return { ok: true, query: result.data };
  const problem = result.error.issues[0]?.message as SearchQueryProblem;
  return { ok: false, problem, query: (raw ?? '').trim() };
}

/** `page`: a whole number from 1; anything else (missing, 0, "abc") is page 1, past the last is the last. */
export const SearchPageSchema = z.coerce
  .number()
  .int()
  .min(1)
  .transform((page) => Math.min(page, SEARCH_MAX_PAGE))
  .catch(1);

/** `sort`: one of the category page's orders; an unknown or missing value is the default. */
export const ProductSortSchema = z.enum(PRODUCT_SORTS).catch(DEFAULT_PRODUCT_SORT);
