import { describe, expect, it } from 'vitest';
import { decodePathSegment, malformedEscape, parseRequestUrl } from './url.ts';

describe('decodePathSegment', () => {
  it('decodes escapes and UTF-8 like decodeURIComponent', () => {
    expect(decodePathSegment('order%20items')).toBe('order items');
    expect(decodePathSegment('caf%C3%A9')).toBe('café');
    expect(decodePathSegment('products')).toBe('products');
  });

  it('keeps a broken escape literal and replaces bytes that are not UTF-8, as PostgREST does', () => {
    expect(decodePathSegment('%ZZ')).toBe('%ZZ');
    expect(decodePathSegment('100%')).toBe('100%');
    expect(decodePathSegment('%4')).toBe('%4');
    expect(decodePathSegment('a%E0%A4b')).toBe('a\uFFFDb');
    expect(decodePathSegment('%00')).toBe('\0');
  });
});

describe('malformedEscape', () => {
  it('finds the first percent sign without two hex digits', () => {
    expect(malformedEscape('/admin/users/%ZZ')).toBe('%ZZ');
    expect(malformedEscape('/a%2')).toBe('%2');
    expect(malformedEscape('/a%20b%')).toBe('%');
    expect(malformedEscape('/a%20b')).toBeNull();
  });
});

describe('parseRequestUrl', () => {
  it('reads the target as a path, also when it starts with //', () => {
    expect(parseRequestUrl('//[')?.pathname).toBe('//[');
    expect(parseRequestUrl('/rest/v1/products?select=id')?.searchParams.get('select')).toBe('id');
    expect(parseRequestUrl(undefined)?.pathname).toBe('/');
  });

  it('answers null for a target that is no URL', () => {
    expect(parseRequestUrl('http://[')).toBeNull();
    expect(parseRequestUrl('*')).toBeNull();
  });
});
