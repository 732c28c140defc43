// /rest/v1 cases where the stand-in used to answer success with a different result than
// PostgREST (issue #17, item 4): each answers now as PostgREST does, or is refused by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtures, database, dropFixtures, serviceClient } from './rest-fixtures.ts';

const supabase = serviceClient();

beforeAll(createFixtures);
afterAll(() => dropFixtures());

describe('upsert status (PostgREST Response.hs: 200 when merge-duplicates inserted nothing)', () => {
  it('answers 200 when every row already exists, with and without a representation', async () => {
    const minimal = await supabase.from('conformance_products').upsert([{ slug: 'zx9', name: 'ZX9 Speaker' }, { slug: 'zx7', name: 'ZX7 Speaker' }], { onConflict: 'slug' });
    expect(minimal.error).toBeNull();
    expect(minimal.status).toBe(200);
    const full = await supabase.from('conformance_products').upsert({ slug: 'zx9', name: 'ZX9 Speaker' }, { onConflict: 'slug' }).select('slug');
    expect(full.error).toBeNull();
    expect(full.status).toBe(200);
    expect(full.data).toEqual([{ slug: 'zx9' }]);
  });

  it('answers 201 once one row is new, and for ignore-duplicates', async () => {
    const mixed = await supabase.from('conformance_products').upsert([{ slug: 'zx9', name: 'ZX9 Speaker' }, { slug: 'div-new', name: 'New' }], { onConflict: 'slug' });
    expect(mixed.status).toBe(201);
    const ignored = await supabase.from('conformance_products').upsert({ slug: 'zx9', name: 'Ignored' }, { onConflict: 'slug', ignoreDuplicates: true });
    expect(ignored.status).toBe(201);
  });
});

describe('Content-Range of RPCs that return one value (PostgREST: 0-0/1)', () => {
  it('counts a scalar result as one row', async () => {
    const { data, count, status } = await supabase.rpc('conformance_add', { a: 1, b: 2 }, { count: 'exact' });
    expect(status).toBe(200);
    expect(data).toBe(3);
    expect(count).toBe(1);
  });
});

describe('count=planned and count=estimated (PostgREST MainTx.hs: the planner\'s estimate)', () => {
  async function asPostgres(sql: string): Promise<void> {
    const client = database();
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  it('answers planned with the planner\'s row estimate, 206 for a partial page', async () => {
    await asPostgres('create table public.conformance_estimates (id int primary key); grant select on public.conformance_estimates to service_role;'
      + ' insert into public.conformance_estimates select generate_series(1, 4); analyze public.conformance_estimates;'
      // Rows added after ANALYZE on the same page: the estimate stays at 4, the exact count is 7.
      + ' insert into public.conformance_estimates values (5), (6), (7);');
    try {
      const planned = await supabase.from('conformance_estimates').select('id', { count: 'planned' }).order('id').limit(2);
      expect(planned.error).toBeNull();
      expect(planned.status).toBe(206);
      expect(planned.count).toBe(4);
      expect(planned.data).toEqual([{ id: 1 }, { id: 2 }]);
      const exact = await supabase.from('conformance_estimates').select('id', { count: 'exact' }).limit(2);
      expect(exact.count).toBe(7);
      // estimated counts exactly while the count stays within max-rows.
      const estimated = await supabase.from('conformance_estimates').select('id', { count: 'estimated' }).limit(2);
      expect(estimated.status).toBe(206);
      expect(estimated.count).toBe(7);
    } finally {
      await asPostgres('drop table public.conformance_estimates');
    }
  });

  it('sends no count for planned on writes and calls, and the exact one for estimated', async () => {
    const plannedWrite = await supabase.from('conformance_products').update({ stock: 4 }, { count: 'planned' }).eq('slug', 'zx7');
    expect(plannedWrite.error).toBeNull();
    // PostgREST sends `…/*`, which supabase-js reads as NaN.
    expect(plannedWrite.count).toBeNaN();
    const estimatedWrite = await supabase.from('conformance_products').update({ stock: 4 }, { count: 'estimated' }).eq('slug', 'zx7');
    expect(estimatedWrite.count).toBe(1);
    expect((await supabase.rpc('conformance_numbers', { n: 3 }, { count: 'planned' })).count).toBeNaN();
    expect((await supabase.rpc('conformance_numbers', { n: 3 }, { count: 'estimated' })).count).toBe(3);
  });
});

describe('embeds under one name and empty embeds (PostgREST Plan.hs addRels, QueryBuilder getJoinSelects)', () => {
  it('refuses two embeds of one table under one name with 400 42712, and takes them under aliases', async () => {
    const clash = await supabase
      .from('conformance_related_products')
      .select('conformance_products!product_id(slug), conformance_products!related_product_id(slug)');
    expect(clash.status).toBe(400);
    expect(clash.error).toMatchObject({
      code: '42712',
      message: 'table name "conformance_related_products_conformance_products_1" specified more than once',
    });
    const aliased = await supabase
      .from('conformance_related_products')
      .select('product:conformance_products!product_id(slug), related:conformance_products!related_product_id(slug)')
      .order('position');
    expect(aliased.error).toBeNull();
    expect(aliased.data).toEqual([
      { product: { slug: 'xx99-mark-two' }, related: { slug: 'xx59' } },
      { product: { slug: 'xx99-mark-two' }, related: { slug: 'zx9' } },
    ]);
  });

  it('leaves an empty embed out of the rows, while it still joins and filters', async () => {
    const empty = await supabase.from('conformance_products').select('slug, conformance_categories()').eq('slug', 'zx9');
    expect(empty.error).toBeNull();
    expect(empty.data).toEqual([{ slug: 'zx9' }]);
    const filtered = await supabase
      .from('conformance_products')
      .select('slug, conformance_categories!inner()')
      .eq('conformance_categories.slug', 'speakers')
      .order('slug');
    expect(filtered.error).toBeNull();
    expect(filtered.data).toEqual([{ slug: 'zx7' }, { slug: 'zx9' }]);
    const only = await supabase.from('conformance_products').select('conformance_categories()').eq('slug', 'zx9');
    expect(only.data).toEqual([{}]);
  });
});

describe('upsert with missing=default and columns= (PostgREST SqlFragment.fromJsonBodyF)', () => {
  it('sets a column a row leaves out to its default on the existing row too', async () => {
    await supabase.from('conformance_products').update({ stock: 42 }).eq('slug', 'zx7');
    // An array makes supabase-js send columns=slug,name,stock; zx7 leaves stock out.
    const { error, status } = await supabase
      .from('conformance_products')
      .upsert([{ slug: 'zx7', name: 'ZX7 Speaker' }, { slug: 'xx59', name: 'XX59 Headphones', stock: 9 }], { onConflict: 'slug', defaultToNull: false });
    expect(error).toBeNull();
    expect(status).toBe(200);
    const { data } = await supabase.from('conformance_products').select('slug, stock').in('slug', ['zx7', 'xx59']).order('slug');
    expect(data).toEqual([{ slug: 'xx59', stock: 9 }, { slug: 'zx7', stock: 5 }]);
  });
});
