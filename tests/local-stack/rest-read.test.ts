// /rest/v1 reads through supabase-js: select trees, embeds, filters, order, paging, counts,
// single-object responses and the errors PostgREST gives for each misuse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createFixtures, database, dropFixtures, restFetch } from './rest-fixtures.ts';

const supabase = anonClient();

beforeAll(createFixtures);
afterAll(() => dropFixtures());

describe('select', () => {
  it('returns the chosen columns with aliases and casts', async () => {
    const { data, error, status } = await supabase
      .from('conformance_products')
      .select('slug, title:name, price::text')
      .eq('slug', 'xx59');
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toEqual([{ slug: 'xx59', title: 'XX59 Headphones', price: '899.00' }]);
  });

  it('answers an unknown column with 42703 and an unknown table with 404 PGRST205', async () => {
    const column = await supabase.from('conformance_products').select('nope');
    expect(column.status).toBe(400);
    expect(column.error).toMatchObject({ code: '42703', message: 'column conformance_products.nope does not exist' });
    const table = await supabase.from('conformance_missing').select();
    expect(table.status).toBe(404);
    expect(table.error).toMatchObject({
      code: 'PGRST205',
      message: "Could not find the table 'public.conformance_missing' in the schema cache",
    });
  });

  it('sees a table created while the server runs, on the next request', async () => {
    const client = database();
    await client.connect();
    await client.query(`create table public.conformance_extra (id int primary key, label text);
      insert into public.conformance_extra values (1, 'fresh'); grant select on public.conformance_extra to anon`);
    await client.end();
    const { data, error } = await supabase.from('conformance_extra').select('label');
    expect(error).toBeNull();
    expect(data).toEqual([{ label: 'fresh' }]);
  });

  it('sees new columns, foreign keys and functions right away', async () => {
    const client = database();
    await client.connect();
    await client.query(`alter table public.conformance_extra add column product_id bigint references public.conformance_products (id);
      update public.conformance_extra set product_id = (select id from public.conformance_products where slug = 'zx7');
      create function public.conformance_extra_count() returns bigint language sql stable as 'select count(*) from public.conformance_extra';
      grant execute on function public.conformance_extra_count() to anon`);
    await client.end();
    const embedded = await supabase.from('conformance_extra').select('label, product:conformance_products(slug)');
    expect(embedded.error).toBeNull();
    expect(embedded.data).toEqual([{ label: 'fresh', product: { slug: 'zx7' } }]);
    const counted = await supabase.rpc('conformance_extra_count');
    expect(counted.data).toBe(1);
  });
});

describe('filters', () => {
  const slugs = async (build: (query: ReturnType<typeof baseQuery>) => PromiseLike<{ data: { slug: string }[] | null; error: unknown }>) => {
    const { data, error } = await build(baseQuery());
    expect(error).toBeNull();
    return data!.map((row) => row.slug);
  };
  const baseQuery = () => supabase.from('conformance_products').select('slug').order('slug');

  it('supports comparison, pattern, null and list operators', async () => {
    expect(await slugs((q) => q.eq('stock', 0))).toEqual(['xx99-mark-one']);
    expect(await slugs((q) => q.neq('category_id', 1).gt('price', 4000))).toEqual(['zx9']);
    expect(await slugs((q) => q.gte('stock', 7).lte('price', 3000))).toEqual(['xx99-mark-two']);
    expect(await slugs((q) => q.lt('stock', 3))).toEqual(['xx99-mark-one', 'zx7']);
    expect(await slugs((q) => q.like('name', '%Mark%'))).toEqual(['xx99-mark-one', 'xx99-mark-two']);
    expect(await slugs((q) => q.ilike('name', '*speaker'))).toEqual(['zx7', 'zx9']);
    expect(await slugs((q) => q.is('description', null))).toEqual(['xx99-mark-one', 'zx9']);
    expect(await slugs((q) => q.in('slug', ['zx7', 'xx59', 'a,b']))).toEqual(['xx59', 'zx7']);
    expect(await slugs((q) => q.not('slug', 'in', '(zx7,zx9,xx59)'))).toEqual(['xx99-mark-one', 'xx99-mark-two']);
    expect(await slugs((q) => q.not('description', 'is', null).neq('slug', 'xx59'))).toEqual(['xx99-mark-two', 'zx7']);
  });

  it('supports array operators', async () => {
    expect(await slugs((q) => q.contains('tags', ['new']))).toEqual(['xx99-mark-two', 'zx9']);
    expect(await slugs((q) => q.overlaps('tags', ['budget', 'flagship']))).toEqual(['xx59', 'xx99-mark-two']);
    expect(await slugs((q) => q.containedBy('tags', ['new']).gt('stock', 5))).toEqual(['zx9']);
  });

  it('supports or/and trees, nested and negated', async () => {
    expect(await slugs((q) => q.or('stock.eq.0,price.gt.4000'))).toEqual(['xx99-mark-one', 'zx9']);
    expect(await slugs((q) => q.or('slug.eq.zx7,and(stock.gt.5,price.lt.3000)'))).toEqual(['xx99-mark-two', 'zx7']);
    expect(await slugs((q) => q.or('name.eq."XX59 Headphones",slug.in.(zx9,"x,y")'))).toEqual(['xx59', 'zx9']);
    expect(await slugs((q) => q.not('stock', 'gt', 3).or('slug.like.xx*,slug.eq.zx7'))).toEqual(['xx59', 'xx99-mark-one', 'zx7']);
  });

  it('rejects an unknown operator with PGRST100', async () => {
    const { error, status } = await supabase.from('conformance_products').select().filter('stock', 'almost', '3');
    expect(status).toBe(400);
    expect(error?.code).toBe('PGRST100');
  });
});

describe('order, paging and counts', () => {
  it('orders by several columns with nulls placement', async () => {
    const { data } = await supabase
      .from('conformance_products')
      .select('slug')
      .order('description', { ascending: false, nullsFirst: false })
      .order('slug');
    expect(data!.map((row) => row.slug)).toEqual(['xx99-mark-two', 'zx7', 'xx59', 'xx99-mark-one', 'zx9']);
  });

  it('pages with range and reports the exact count in Content-Range', async () => {
    const { data, count, status } = await supabase
      .from('conformance_products')
      .select('slug', { count: 'exact' })
      .order('slug')
      .range(1, 2);
    expect(data!.map((row) => row.slug)).toEqual(['xx99-mark-one', 'xx99-mark-two']);
    expect(count).toBe(5);
    expect(status).toBe(206);
    const response = await restFetch('/conformance_products?select=slug&order=slug&offset=1&limit=2', {
      headers: { Prefer: 'count=exact' },
    });
    expect(response.headers.get('content-range')).toBe('1-2/5');
    const empty = await restFetch('/conformance_products?slug=eq.none', { headers: { Prefer: 'count=exact' } });
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-range')).toBe('*/0');
    const uncounted = await restFetch('/conformance_products?limit=2');
    expect(uncounted.headers.get('content-range')).toBe('0-1/*');
  });

  it('answers HEAD with headers only', async () => {
    const { data, count, status } = await supabase
      .from('conformance_products')
      .select('*', { count: 'exact', head: true })
      .eq('category_id', 1);
    expect(status).toBe(200);
    expect(data).toBeNull();
    expect(count).toBe(3);
  });
});

describe('single object', () => {
  it('returns the object when exactly one row matches', async () => {
    const { data, error } = await supabase.from('conformance_products').select('slug').eq('slug', 'zx7').single();
    expect(error).toBeNull();
    expect(data).toEqual({ slug: 'zx7' });
  });

  it('answers 406 PGRST116 for none or several rows', async () => {
    const none = await supabase.from('conformance_products').select().eq('slug', 'none').single();
    expect(none.status).toBe(406);
    expect(none.error).toEqual({
      code: 'PGRST116',
      message: 'Cannot coerce the result to a single JSON object',
      details: 'The result contains 0 rows',
      hint: null,
    });
    const many = await supabase.from('conformance_products').select().single();
    expect(many.error?.details).toBe('The result contains 5 rows');
    const maybe = await supabase.from('conformance_products').select().eq('slug', 'none').maybeSingle();
    expect(maybe).toMatchObject({ data: null, error: null });
  });
});

describe('embedded resources', () => {
  it('embeds many-to-one and one-to-many, nested', async () => {
    const { data, error } = await supabase
      .from('conformance_categories')
      .select('slug, products:conformance_products(slug, category:conformance_categories(name), conformance_product_images(url))')
      .eq('slug', 'headphones')
      .order('slug', { referencedTable: 'products' })
      .single();
    expect(error).toBeNull();
    expect(data!.slug).toBe('headphones');
    expect(data!.products.map((product: { slug: string }) => product.slug)).toEqual(['xx59', 'xx99-mark-one', 'xx99-mark-two']);
    expect(data!.products[2].category).toEqual({ name: 'Headphones' });
    expect(data!.products[0].conformance_product_images).toEqual([]);
    expect(data!.products[2].conformance_product_images).toHaveLength(3);
  });

  it('filters, orders and limits inside an embed without dropping parents', async () => {
    const { data } = await supabase
      .from('conformance_products')
      .select('slug, images:conformance_product_images(position)')
      .like('slug', 'xx99*')
      .gte('images.position', 2)
      .order('slug')
      .order('position', { referencedTable: 'images', ascending: false })
      .limit(1, { referencedTable: 'images' });
    expect(data).toEqual([
      { slug: 'xx99-mark-one', images: [{ position: 3 }] },
      { slug: 'xx99-mark-two', images: [{ position: 3 }] },
    ]);
  });

  it('drops parents without matches with !inner and with not.is.null', async () => {
    const inner = await supabase
      .from('conformance_categories')
      .select('slug, conformance_products!inner(slug)')
      .eq('conformance_products.slug', 'zx7');
    expect(inner.data).toEqual([{ slug: 'speakers', conformance_products: [{ slug: 'zx7' }] }]);
    const withoutProducts = await supabase
      .from('conformance_categories')
      .select('slug, conformance_products(id)')
      .is('conformance_products', null);
    expect(withoutProducts.data).toEqual([{ slug: 'empty', conformance_products: [] }]);
  });

  it('disambiguates two foreign keys by constraint name or column', async () => {
    const ambiguous = await supabase.from('conformance_products').select('slug, conformance_related_products(position)');
    expect(ambiguous.status).toBe(300);
    expect(ambiguous.error?.code).toBe('PGRST201');
    const { data, error } = await supabase
      .from('conformance_products')
      .select(
        'slug, related:conformance_related_products!conformance_related_products_product_id_fkey(position, product:conformance_products!related_product_id(slug))',
      )
      .eq('slug', 'xx99-mark-two')
      .order('position', { referencedTable: 'related' })
      .single();
    expect(error).toBeNull();
    expect(data!.related).toEqual([
      { position: 1, product: { slug: 'xx59' } },
      { position: 2, product: { slug: 'zx9' } },
    ]);
  });

  it('names what it cannot embed', async () => {
    const none = await supabase.from('conformance_categories').select('conformance_notes(id)');
    expect(none.status).toBe(400);
    expect(none.error?.code).toBe('PGRST200');
    const notSelected = await supabase.from('conformance_products').select('slug').eq('images.position', 1);
    expect(notSelected.error?.code).toBe('PGRST108');
  });
});

describe('requests the stand-in refuses', () => {
  it('answers unsupported features with 501 naming the feature', async () => {
    const spread = await supabase.from('conformance_products').select('slug, ...conformance_categories(name)');
    expect(spread.status).toBe(501);
    expect(spread.error?.message).toContain('Spread embedding');
    const aggregate = await supabase.from('conformance_products').select('price.sum()');
    expect(aggregate.status).toBe(501);
    const csv = await restFetch('/conformance_products', { headers: { Accept: 'text/csv' } });
    expect(csv.status).toBe(406);
  });

  it('answers a schema that is not exposed with 406 PGRST106', async () => {
    const { error, status } = await supabase.schema('private').from('conformance_products').select();
    expect(status).toBe(406);
    expect(error).toMatchObject({ code: 'PGRST106', message: 'Invalid schema: private', hint: 'Only the following schemas are exposed: public' });
  });
});
