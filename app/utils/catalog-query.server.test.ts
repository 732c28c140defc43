import { describe, expect, it } from 'vitest';
import { SEARCH_MAX_PAGE, SEARCH_QUERY_MAX_LENGTH } from './catalog-query-rules';
import { parseSearchQuery, ProductSortSchema, SearchPageSchema } from './catalog-query.server';

describe('parseSearchQuery', () => {
  it('trims and accepts 1 to 100 characters in any script', () => {
    expect(parseSearchQuery('  aria  ')).toEqual({ ok: true, query: 'aria' });
    expect(parseSearchQuery('耳')).toEqual({ ok: true, query: '耳' });
    expect(parseSearchQuery('หูฟัง')).toEqual({ ok: true, query: 'หูฟัง' });
    expect(parseSearchQuery('a'.repeat(SEARCH_QUERY_MAX_LENGTH))).toMatchObject({ ok: true });
  });

  it('calls a missing or blank query empty', () => {
    expect(parseSearchQuery(null)).toEqual({ ok: false, problem: 'empty', query: '' });
    expect(parseSearchQuery('   ')).toEqual({ ok: false, problem: 'empty', query: '' });
  });

  it('refuses more than 100 characters and control characters, keeping what was typed', () => {
    const long = 'a'.repeat(SEARCH_QUERY_MAX_LENGTH + 1);
    expect(parseSearchQuery(long)).toEqual({ ok: false, problem: 'tooLong', query: long });
    expect(parseSearchQuery('zy\u0007')).toEqual({ ok: false, problem: 'invalidCharacters', query: 'zy\u0007' });
  });
});

describe('SearchPageSchema', () => {
  it('reads whole pages from 1 and clamps the last', () => {
    expect(SearchPageSchema.parse('3')).toBe(3);
    expect(SearchPageSchema.parse(String(SEARCH_MAX_PAGE + 5))).toBe(SEARCH_MAX_PAGE);
  });

  it('turns anything else into page 1', () => {
    for (const raw of [null, '', '0', '-2', '1.5', 'abc']) expect(SearchPageSchema.parse(raw)).toBe(1);
  });
});

describe('ProductSortSchema', () => {
  it('keeps the known orders', () => {
    for (const sort of ['featured', 'price_asc', 'price_desc', 'newest']) expect(ProductSortSchema.parse(sort)).toBe(sort);
  });

  it('falls back to the default for a missing or unknown order', () => {
    for (const raw of [null, '', 'cheapest', 'PRICE_ASC']) expect(ProductSortSchema.parse(raw)).toBe('featured');
  });
});
