import { describe, expect, it } from 'vitest';
import { RestError } from './errors.ts';
import { parseCondition, parseLogicTree, parseOrder, parseReadParams, parseSelect } from './query-params.ts';

const errorOf = (action: () => unknown): RestError => {
  try {
    action();
  } catch (error) {
    if (error instanceof RestError) return error;
    throw error;
  }
  throw new Error('expected a RestError');
};

describe('parseSelect', () => {
  it('reads columns, aliases, casts and nested embeds with hints and !inner', () => {
    expect(parseSelect('id,title:name,price::text,related:related_products!related_products_related_product_id_fkey!inner(position,p:products(*))'))
      .toEqual([
        { kind: 'column', name: 'id', alias: null, cast: null },
        { kind: 'column', name: 'name', alias: 'title', cast: null },
        { kind: 'column', name: 'price', alias: null, cast: 'text' },
        {
          kind: 'embed', target: 'related_products', alias: 'related', hint: 'related_products_related_product_id_fkey', inner: true,
          children: [
            { kind: 'column', name: 'position', alias: null, cast: null },
            { kind: 'embed', target: 'products', alias: 'p', hint: null, inner: false, children: [{ kind: 'star' }] },
          ],
        },
      ]);
  });

  it('accepts double-quoted names and an empty select as *', () => {
    expect(parseSelect('"my col"')).toEqual([{ kind: 'column', name: 'my col', alias: null, cast: null }]);
    expect(parseSelect('')).toEqual([{ kind: 'star' }]);
  });

  it('refuses syntax errors with PGRST100 and unsupported forms with 501', () => {
    expect(errorOf(() => parseSelect('a,(b)')).body.code).toBe('PGRST100');
    expect(errorOf(() => parseSelect('images(url')).body.code).toBe('PGRST100');
    expect(errorOf(() => parseSelect('...categories(name)')).status).toBe(501);
    expect(errorOf(() => parseSelect('count()')).status).toBe(501);
    expect(errorOf(() => parseSelect('data->>name')).status).toBe(501);
  });
});

describe('filters', () => {
  it('reads operators, negation, quantifiers, lists and full-text configs', () => {
    expect(parseCondition('age', 'not.gte.18')).toMatchObject({ column: 'age', negated: true, operator: 'gte', value: '18' });
    expect(parseCondition('id', 'in.(1,"a,b",3)')).toMatchObject({ operator: 'in', value: ['1', 'a,b', '3'] });
    expect(parseCondition('name', 'like(any).{a*,b*}')).toMatchObject({ quantifier: 'any', value: '{a*,b*}' });
    expect(parseCondition('body', 'fts(english).cat & dog')).toMatchObject({ operator: 'fts', ftsConfig: 'english', value: 'cat & dog' });
    expect(parseCondition('note', 'eq.a.b.c').value).toBe('a.b.c');
  });

  it('rejects unknown operators and bad is values', () => {
    expect(errorOf(() => parseCondition('a', 'almost.1')).body.code).toBe('PGRST100');
    expect(errorOf(() => parseCondition('a', 'is.maybe')).body.code).toBe('PGRST100');
    expect(errorOf(() => parseCondition('a', 'eq(sometimes).1')).body.code).toBe('PGRST100');
  });

  it('reads nested logic trees with quoted values', () => {
    expect(parseLogicTree('or', false, '(a.eq.1,not.and(b.gt.2,c.eq."x,y"),d.in.(1,2))')).toEqual({
      kind: 'logic', operator: 'or', negated: false,
      children: [
        { kind: 'condition', column: 'a', negated: false, operator: 'eq', quantifier: null, ftsConfig: null, value: '1' },
        {
          kind: 'logic', operator: 'and', negated: true,
          children: [
            { kind: 'condition', column: 'b', negated: false, operator: 'gt', quantifier: null, ftsConfig: null, value: '2' },
            { kind: 'condition', column: 'c', negated: false, operator: 'eq', quantifier: null, ftsConfig: null, value: 'x,y' },
          ],
        },
        { kind: 'condition', column: 'd', negated: false, operator: 'in', quantifier: null, ftsConfig: null, value: ['1', '2'] },
      ],
    });
  });
});

describe('order and per-embed options', () => {
  it('reads directions and nulls placement', () => {
    expect(parseOrder('a.desc.nullslast,b,c.nullsfirst')).toEqual([
      { column: 'a', descending: true, nulls: 'last' },
      { column: 'b', descending: false, nulls: null },
      { column: 'c', descending: false, nulls: 'first' },
    ]);
    expect(errorOf(() => parseOrder('a.sideways')).body.code).toBe('PGRST100');
    expect(errorOf(() => parseOrder('category(name).asc')).status).toBe(501);
  });

  it('files filters, order and paging under their embed path', () => {
    const params = parseReadParams(new URLSearchParams(
      'select=id,images(url)&id=gt.1&images.position=eq.1&images.order=position.desc&images.limit=2&or=(a.eq.1,b.eq.2)&images.not.or=(x.eq.1)&limit=5&offset=10',
    ));
    const root = params.nodes.get('')!;
    const images = params.nodes.get('images')!;
    expect(root).toMatchObject({ limit: 5, offset: 10 });
    expect(root.filters.map((filter) => filter.kind)).toEqual(['condition', 'logic']);
    expect(images).toMatchObject({ limit: 2, order: [{ column: 'position', descending: true, nulls: null }] });
    expect(images.filters).toHaveLength(2);
    expect(images.filters[1]).toMatchObject({ kind: 'logic', operator: 'or', negated: true });
  });

  it('leaves RPC arguments out of the filters', () => {
    const params = parseReadParams(new URLSearchParams('term=xx&slug=like.*one'), new Set(['term']));
    expect(params.nodes.get('')!.filters).toEqual([
      { kind: 'condition', column: 'slug', negated: false, operator: 'like', quantifier: null, ftsConfig: null, value: '*one' },
    ]);
  });
});
