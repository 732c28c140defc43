// /rest/v1 writes through supabase-js: insert, upsert, update, delete, their Prefer options and
// the constraint errors PostgREST maps to HTTP statuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtures, database, dropFixtures, env, restFetch, serviceClient } from './rest-fixtures.ts';

const supabase = serviceClient();

beforeAll(createFixtures);
afterAll(() => dropFixtures());

async function categoryId(slug: string): Promise<number> {
  const { data } = await supabase.from('conformance_categories').select('id').eq('slug', slug).single();
  return data!.id;
}

describe('insert', () => {
  it('inserts one object and returns the representation with embeds', async () => {
    const category_id = await categoryId('speakers');
    const { data, error, status } = await supabase
      .from('conformance_products')
      .insert({ slug: 'zx5', name: 'ZX5 Speaker', category_id, price: 1200 })
      .select('slug, price, stock, category:conformance_categories(slug)')
      .single();
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data).toEqual({ slug: 'zx5', price: 1200, stock: 5, category: { slug: 'speakers' } });
  });

  it('answers 201 without a body for return=minimal', async () => {
    const { data, error, status } = await supabase.from('conformance_products').insert({ slug: 'yx1', name: 'YX1 Earphones' });
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data).toBeNull();
  });

  it('inserts arrays: missing keys are null by default and take defaults with missing=default', async () => {
    const nulls = await supabase
      .from('conformance_products')
      .insert([{ slug: 'arr-1', name: 'A1', description: 'kept' }, { slug: 'arr-2', name: 'A2' }])
      .select('slug, description');
    expect(nulls.data).toEqual([{ slug: 'arr-1', description: 'kept' }, { slug: 'arr-2', description: null }]);
    const defaults = await supabase
      .from('conformance_products')
      .insert([{ slug: 'arr-3', name: 'A3', stock: 1 }, { slug: 'arr-4', name: 'A4' }], { defaultToNull: false })
      .select('slug, stock');
    expect(defaults.error).toBeNull();
    expect(defaults.data).toEqual([{ slug: 'arr-3', stock: 1 }, { slug: 'arr-4', stock: 5 }]);
  });

  it('takes defaults with missing=default without a representation too (one statement per column set)', async () => {
    const { error, status } = await supabase
      .from('conformance_products')
      .insert([{ slug: 'arr-5', name: 'A5', stock: 2 }, { slug: 'arr-6', name: 'A6' }], { defaultToNull: false });
    expect(error).toBeNull();
    expect(status).toBe(201);
    const { data } = await supabase.from('conformance_products').select('slug, stock').in('slug', ['arr-5', 'arr-6']).order('slug');
    expect(data).toEqual([{ slug: 'arr-5', stock: 2 }, { slug: 'arr-6', stock: 5 }]);
  });

  it('inserts a row of defaults from an empty object, as PostgREST does', async () => {
    const { error, status } = await supabase.from('conformance_categories').insert({});
    // The defaults leave the not-null slug empty: PostgreSQL's 23502, a 400, not a broken session.
    expect(status).toBe(400);
    expect(error?.code).toBe('23502');
  });

  it('limits the inserted columns to columns=', async () => {
    const response = await restFetch('/conformance_products?columns=slug,name&select=slug,description', {
      method: 'POST',
      token: env.SUPABASE_SERVICE_ROLE_KEY,
      headers: { 'Content-Type': 'application/json', Prefer: 'return=representation' },
      body: JSON.stringify({ slug: 'cols', name: 'Cols', description: 'ignored' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual([{ slug: 'cols', description: null }]);
  });

  it('maps constraint violations: unique and foreign key → 409, check → 400, unknown column → PGRST204', async () => {
    const duplicate = await supabase.from('conformance_products').insert({ slug: 'zx9', name: 'Again' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.error).toMatchObject({ code: '23505', details: 'Key (slug)=(zx9) already exists.' });
    const orphan = await supabase.from('conformance_products').insert({ slug: 'orphan', name: 'O', category_id: 999999 });
    expect(orphan.status).toBe(409);
    expect(orphan.error?.code).toBe('23503');
    const negative = await supabase.from('conformance_products').insert({ slug: 'neg', name: 'N', price: -1 });
    expect(negative.status).toBe(400);
    expect(negative.error?.code).toBe('23514');
    const unknown = await supabase.from('conformance_products').insert({ slug: 'u', name: 'U', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.error).toMatchObject({ code: 'PGRST204', message: "Could not find the 'colour' column of 'conformance_products' in the schema cache" });
  });

  it('rolls back with tx=rollback but still answers', async () => {
    const { data, status } = await supabase.from('conformance_products').insert({ slug: 'ghost', name: 'Ghost' }).select('slug').rollback();
    expect(status).toBe(201);
    expect(data).toEqual([{ slug: 'ghost' }]);
    const { count } = await supabase.from('conformance_products').select('*', { count: 'exact', head: true }).eq('slug', 'ghost');
    expect(count).toBe(0);
  });
});

describe('upsert', () => {
  it('merges duplicates on on_conflict columns, other rows keep their defaults', async () => {
    const { data, error, status } = await supabase
      .from('conformance_products')
      .upsert([{ slug: 'zx9', name: 'ZX9 Speaker II', stock: 70 }, { slug: 'new-upsert', name: 'New' }], {
        onConflict: 'slug',
        defaultToNull: false,
      })
      .select('slug, name, stock')
      .order('slug');
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data).toEqual([
      { slug: 'new-upsert', name: 'New', stock: 5 },
      { slug: 'zx9', name: 'ZX9 Speaker II', stock: 70 },
    ]);
  });

  it('merges on the primary key when no on_conflict is given', async () => {
    const { data: existing } = await supabase.from('conformance_products').select('id').eq('slug', 'xx59').single();
    const { data, error } = await supabase
      .from('conformance_products')
      .upsert({ id: existing!.id, slug: 'xx59', name: 'XX59 Renamed' })
      .select('name');
    expect(error).toBeNull();
    expect(data).toEqual([{ name: 'XX59 Renamed' }]);
  });

  it('ignores duplicates when asked', async () => {
    const { data, error } = await supabase
      .from('conformance_products')
      .upsert({ slug: 'zx7', name: 'Ignored' }, { onConflict: 'slug', ignoreDuplicates: true })
      .select('slug');
    expect(error).toBeNull();
    expect(data).toEqual([]);
    const { data: unchanged } = await supabase.from('conformance_products').select('name').eq('slug', 'zx7').single();
    expect(unchanged!.name).toBe('ZX7 Speaker');
  });
});

describe('update and delete', () => {
  it('updates the filtered rows: 204 minimal, 200 with the representation', async () => {
    const minimal = await supabase.from('conformance_products').update({ stock: 42 }).eq('slug', 'xx59');
    expect(minimal.status).toBe(204);
    const { data, status } = await supabase
      .from('conformance_products')
      .update({ stock: 0, description: 'Sold out' })
      .in('slug', ['xx59', 'zx7'])
      .eq('stock', 42)
      .select('slug, stock, description');
    expect(status).toBe(200);
    expect(data).toEqual([{ slug: 'xx59', stock: 0, description: 'Sold out' }]);
  });

  it('deletes the filtered rows and can return them', async () => {
    await supabase.from('conformance_products').insert([{ slug: 'del-1', name: 'D1' }, { slug: 'del-2', name: 'D2' }]);
    const { data, status } = await supabase.from('conformance_products').delete().like('slug', 'del-*').select('slug').order('slug');
    expect(status).toBe(200);
    expect(data).toEqual([{ slug: 'del-1' }, { slug: 'del-2' }]);
    const minimal = await supabase.from('conformance_products').delete().eq('slug', 'del-1');
    expect(minimal.status).toBe(204);
  });

  it('rolls a single-object write back when it does not touch exactly one row', async () => {
    const { error, status } = await supabase.from('conformance_products').update({ stock: 99 }).like('slug', 'xx99*').select().single();
    expect(status).toBe(406);
    expect(error?.code).toBe('PGRST116');
    const client = database();
    await client.connect();
    const { rows } = await client.query(`select count(*)::int as n from public.conformance_products where stock = 99`);
    await client.end();
    expect(rows[0].n).toBe(0);
  });

  it('refuses limited updates and PUT with a named 501', async () => {
    const limited = await restFetch('/conformance_products?slug=eq.zx7&limit=1', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ stock: 1 }),
    });
    expect(limited.status).toBe(501);
    expect((await limited.json()).message).toContain('limit or offset on PATCH');
    const put = await restFetch('/conformance_products?slug=eq.zx7', { method: 'PUT', body: '{}' });
    expect(put.status).toBe(501);
    expect((await put.json()).message).toContain('PUT');
  });
});
