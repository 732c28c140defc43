// The localized catalog through the real API as an anonymous visitor (supabase-js with the anon
// key, the models the pages call): Thai cards, pages and categories read the Thai texts where a
// translation exists and English field by field where it does not; a language without any
// translation reads English; English reads the base tables.
// Fixtures are our own category and products (tagged, created as postgres, removed after), so
// the seed's translations can change without breaking these tests.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCategories } from '~/models/category.server';
import { getProductPageBySlug, listCategoryProductCards, listProductCards } from '~/models/product.server';
import type { Database } from '~/types/database.types';
import { testDatabaseUrl } from '../support/fixtures.ts';
import { stackEnv } from '../support/stack-env.ts';
import { createTestClient } from '../support/supabase-client.ts';

const admin = new pg.Client({ connectionString: testDatabaseUrl() });
const tag = `i18n${crypto.randomBytes(4).toString('hex')}`;
const anon = createTestClient<Database>(stackEnv().SUPABASE_ANON_KEY);
const slugOf = (key: 'amp' | 'dac') => `${tag}-${key}`;

beforeAll(async () => {
  await admin.connect();
  const { rows } = await admin.query<{ id: string }>(
    `insert into public.categories (slug, name, description, position) values ($1, 'Amplifiers', 'Amplifiers for every room.', 95) returning id`,
    [tag],
  );
  const categoryId = rows[0].id;
  await admin.query(
    `insert into public.product_images (category_id, type, size, url, alt) values ($1, 'category', 'mobile', $2, 'Amplifiers category')`,
    [categoryId, `/images/test/${tag}.svg`],
  );
  await admin.query(
    `insert into public.products (slug, name, category_id, price, stock, position, description, features) values
       ($1, 'Volta A1 Amplifier', $3, 899, 10, 1, 'A compact integrated amplifier.', 'Two channels.' || chr(10) || chr(10) || 'Class A.'),
       ($2, 'Volta D1 DAC', $3, 299, 10, 2, 'A desktop DAC.', 'One box.')`,
    [slugOf('amp'), slugOf('dac'), categoryId],
  );
  await admin.query(
    `insert into public.product_images (product_id, type, size, url, alt)
     select id, 'category', 'mobile', '/images/test/' || slug || '-card.svg', name || ' card' from public.products where slug = any($1)`,
    [[slugOf('amp'), slugOf('dac')]],
  );
  await admin.query(
    `insert into public.product_includes (product_id, quantity, item, position)
     select id, 1, 'Power cord', 1 from public.products where slug = $1`,
    [slugOf('amp')],
  );
  // Thai: the category's name (its description stays English), the amplifier's name and
  // description (its features stay English), its box line and card image; the DAC's name only.
  await admin.query(`insert into public.category_translations (category_id, locale, name) values ($1, 'th', 'แอมป์')`, [categoryId]);
  await admin.query(
    `insert into public.product_translations (product_id, locale, name, description)
     select id, 'th', v.name, v.description from public.products
     join (values ($1, 'แอมป์ Volta A1', 'อินทิเกรตแอมป์ขนาดกะทัดรัด'), ($2, 'DAC Volta D1', null)) as v(slug, name, description) using (slug)`,
    [slugOf('amp'), slugOf('dac')],
  );
  await admin.query(
    `insert into public.product_include_translations (product_include_id, locale, item)
     select x.id, 'th', 'สายไฟ' from public.product_includes x join public.products p on p.id = x.product_id where p.slug = $1`,
    [slugOf('amp')],
  );
  await admin.query(
    `insert into public.product_image_translations (product_image_id, locale, alt)
     select i.id, 'th', 'การ์ดแอมป์ Volta A1' from public.product_images i join public.products p on p.id = i.product_id where p.slug = $1`,
    [slugOf('amp')],
  );
});

afterAll(async () => {
  await admin.query(`delete from public.products where slug like $1`, [`${tag}-%`]);
  await admin.query(`delete from public.categories where slug = $1`, [tag]);
  await admin.end();
});

describe('Thai product cards for an anonymous visitor', () => {
  it('reads translated fields in Thai and the others in English', async () => {
    const cards = await listCategoryProductCards(anon, tag, 'th');
    expect(cards.map((card) => card.slug)).toEqual([slugOf('amp'), slugOf('dac')]);
    expect(cards[0]).toMatchObject({
      name: 'แอมป์ Volta A1',
      description: 'อินทิเกรตแอมป์ขนาดกะทัดรัด',
      category_name: 'แอมป์',
      // Not translated: English.
      category_description: 'Amplifiers for every room.',
      image_alt: 'การ์ดแอมป์ Volta A1',
      price: 899,
      availability: 'in_stock',
    });
    expect(cards[1]).toMatchObject({ name: 'DAC Volta D1', description: 'A desktop DAC.', image_alt: 'Volta D1 DAC card' });
  });

  it('gets one card per product on the home page, never one per language', async () => {
    const [thai, english] = await Promise.all([listProductCards(anon, 'th'), listProductCards(anon, 'en')]);
    expect(thai.map((card) => card.slug)).toEqual(english.map((card) => card.slug));
    expect(new Set(thai.map((card) => card.slug)).size).toBe(thai.length);
    expect(thai.find((card) => card.slug === slugOf('amp'))?.name).toBe('แอมป์ Volta A1');
    expect(english.find((card) => card.slug === slugOf('amp'))?.name).toBe('Volta A1 Amplifier');
  });

  it('falls back to English entirely in a language without any translation', async () => {
    const [korean, english] = await Promise.all([listCategoryProductCards(anon, tag, 'ko'), listCategoryProductCards(anon, tag, 'en')]);
    expect(korean).toEqual(english);
    expect(korean[0]).toMatchObject({ name: 'Volta A1 Amplifier', category_name: 'Amplifiers', image_alt: 'Volta A1 Amplifier card' });
  });
});

describe('a Thai product page and the Thai nav for an anonymous visitor', () => {
  it('reads the page in Thai, with untranslated features in English', async () => {
    const page = await getProductPageBySlug(anon, slugOf('amp'), 'th');
    expect(page).toMatchObject({
      slug: slugOf('amp'),
      name: 'แอมป์ Volta A1',
      category_name: 'แอมป์',
      description: 'อินทิเกรตแอมป์ขนาดกะทัดรัด',
      features: 'Two channels.\n\nClass A.',
      includes: [{ quantity: 1, item: 'สายไฟ' }],
    });
    expect(await getProductPageBySlug(anon, slugOf('amp'), 'zh-TW')).toMatchObject({ name: 'Volta A1 Amplifier', includes: [{ item: 'Power cord' }] });
  });

  it('lists the categories in Thai, the untranslated description and alt text in English', async () => {
    const categories = await listCategories(anon, 'th');
    expect(categories.find((category) => category.slug === tag)).toEqual({
      slug: tag,
      name: 'แอมป์',
      description: 'Amplifiers for every room.',
      product_images: [{ size: 'mobile', url: `/images/test/${tag}.svg`, alt: 'Amplifiers category' }],
    });
    expect(new Set(categories.map((category) => category.slug)).size).toBe(categories.length);
  });
});
