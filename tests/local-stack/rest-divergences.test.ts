// /rest/v1 cases where the stand-in used to answer success with a different result than
// PostgREST (issue #17, item 4): each answers now as PostgREST does, or is refused by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtures, dropFixtures, serviceClient } from './rest-fixtures.ts';

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
