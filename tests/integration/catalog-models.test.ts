// The storefront's catalog models (app/models/product.server.ts, category.server.ts) through a
// real supabase-js client with the anon key against the running stack: what each page's one query
// returns, in which order, what it leaves out (exact stock), and that failures throw.
// Fixtures are our own category and products (tagged, created as postgres, removed after), so
// the seed data can change without breaking these tests.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProductPageBySlug, listCategoryProductCards, listProductCards, listRelatedProductCards } from '~/models/product.server';
import { listCategories } from '~/models/category.server';
import type { Database } from '~/types/database.types';
import { databaseUrl, profileFromArgs } from '../../scripts/lib/profile.ts';
import { stackEnv } from '../support/stack-env.ts';
import { createTestClient } from '../support/supabase-client.ts';

const profile = profileFromArgs([`--profile=${process.env.STACK_PROFILE ?? 'test'}`]);
const admin = new pg.Client({ connectionString: databaseUrl(profile) });
const tag = `cat${crypto.randomBytes(4).toString('hex')}`;
const anon = createTestClient<Database>(stackEnv().SUPABASE_ANON_KEY);

// slug suffix → stock, is_new, position. "few" has 3 left (badge shows the count), "gone" none.
const products = {
  plenty: { stock: 42, isNew: false, position: 1, price: 1199 },
  few: { stock: 3, isNew: false, position: 2, price: 799.5 },
  gone: { stock: 0, isNew: false, position: 3, price: 49 },
  fresh: { stock: 12, isNew: true, position: 4, price: 3499 },
} as const;
type ProductKey = keyof typeof products;
const slugOf = (key: ProductKey) => `${tag}-${key}`;
const ids = {} as Record<ProductKey, string>;

beforeAll(async () => {
  await admin.connect();
  const { rows } = await admin.query<{ id: string }>(
    `insert into public.categories (slug, name, description, position) values ($1, $2, 'Test gear.', 90) returning id`,
    [tag, `Category ${tag}`],
  );
  const categoryId = rows[0].id;
  for (const size of ['mobile', 'tablet', 'desktop']) {
    await admin.query(
      `insert into public.product_images (category_id, type, size, url, alt) values ($1, 'category', $2, $3, 'Test category')`,
      [categoryId, size, `/images/test/${tag}-${size}.svg`],
    );
  }
  for (const [key, product] of Object.entries(products) as [ProductKey, (typeof products)[ProductKey]][]) {
    const { rows: inserted } = await admin.query<{ id: string }>(
      `insert into public.products (slug, name, category_id, price, stock, is_new, position, description, features)
       values ($1, $2, $3, $4, $5, $6, $7, 'Pitch.', 'First paragraph.' || chr(10) || chr(10) || 'Second paragraph.')
       returning id`,
      [slugOf(key), `Product ${key}`, categoryId, product.price, product.stock, product.isNew, product.position],
    );
    ids[key] = inserted[0].id;
    for (const size of ['mobile', 'tablet', 'desktop']) {
      await admin.query(
        `insert into public.product_images (product_id, type, size, url, alt, position) values
           ($1, 'category', $2::public.product_image_size, $3 || '/card-' || $2::text || '.svg', $4 || ' card', 1),
           ($1, 'product', $2::public.product_image_size, $3 || '/product-' || $2::text || '.svg', $4 || ' front', 1),
           ($1, 'gallery', $2::public.product_image_size, $3 || '/gallery-2-' || $2::text || '.svg', $4 || ' side', 2),
           ($1, 'gallery', $2::public.product_image_size, $3 || '/gallery-1-' || $2::text || '.svg', $4 || ' close-up', 1),
           ($1, 'related', $2::public.product_image_size, $3 || '/related-' || $2::text || '.svg', $4 || ' small', 1)`,
        [ids[key], size, `/images/test/${slugOf(key)}`, `Product ${key}`],
      );
    }
  }
  await admin.query(
    `insert into public.product_includes (product_id, quantity, item, position) values
       ($1, 1, 'Carry case', 2), ($1, 2, 'Ear tips', 1)`,
    [ids.plenty],
  );
  await admin.query(
    `insert into public.related_products (product_id, related_product_id, position) values ($1, $2, 2), ($1, $3, 1)`,
    [ids.plenty, ids.few, ids.fresh],
  );
});

afterAll(async () => {
  await admin.query(`delete from public.products where slug like $1`, [`${tag}-%`]);
  await admin.query(`delete from public.categories where slug = $1`, [tag]);
  await admin.end();
});

describe('listCategories (root loader: nav and home tiles)', () => {
  it('lists categories in position order with their own image per size', async () => {
    const categories = await listCategories(anon, 'en');
    const { rows } = await admin.query<{ slug: string; position: number }>(`select slug, position from public.categories`);
    const positionOf = new Map(rows.map((row) => [row.slug, row.position]));
    expect(categories.map((category) => category.slug).sort()).toEqual([...positionOf.keys()].sort());
    const positions = categories.map((category) => positionOf.get(category.slug) ?? 0);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const ours = categories.find((category) => category.slug === tag);
    expect(ours).toMatchObject({ name: `Category ${tag}`, description: 'Test gear.' });
    expect(ours?.product_images.map((image) => image.size).sort()).toEqual(['desktop', 'mobile', 'tablet']);
    expect(ours?.product_images.every((image) => image.alt === 'Test category')).toBe(true);
  });
});

describe('listCategoryProductCards (category page)', () => {
  it('lists new products first, then by position, each with its card image and badge', async () => {
    const cards = await listCategoryProductCards(anon, tag, 'en');
    expect(cards.map((card) => card.slug)).toEqual([slugOf('fresh'), slugOf('plenty'), slugOf('few'), slugOf('gone')]);
    expect(cards[0]).toMatchObject({
      name: 'Product fresh',
      category_slug: tag,
      category_name: `Category ${tag}`,
      category_description: 'Test gear.',
      price: 3499,
      is_new: true,
      image_mobile: `/images/test/${slugOf('fresh')}/card-mobile.svg`,
      image_tablet: `/images/test/${slugOf('fresh')}/card-tablet.svg`,
      image_desktop: `/images/test/${slugOf('fresh')}/card-desktop.svg`,
      image_alt: 'Product fresh card',
    });
  });

  it('shows the count only when few are left, and never the stock itself', async () => {
    const cards = await listCategoryProductCards(anon, tag, 'en');
    const bySlug = new Map(cards.map((card) => [card.slug, card]));
    expect(bySlug.get(slugOf('plenty'))).toMatchObject({ availability: 'in_stock', quantity_left: null });
    expect(bySlug.get(slugOf('few'))).toMatchObject({ availability: 'few_left', quantity_left: 3, price: 799.5 });
    expect(bySlug.get(slugOf('gone'))).toMatchObject({ availability: 'sold_out', quantity_left: null });
    for (const card of cards) {
      expect(card).not.toHaveProperty('stock');
      expect(card).not.toHaveProperty('stock_on_hand');
    }
  });

  it('is empty for an unknown category (the page answers 404)', async () => {
    expect(await listCategoryProductCards(anon, `${tag}-missing`, 'en')).toEqual([]);
  });
});

describe('listProductCards (home page)', () => {
  it('lists every product in store order: category position, then position', async () => {
    const cards = await listProductCards(anon, 'en');
    const ours = cards.filter((card) => card.category_slug === tag).map((card) => card.slug);
    expect(ours).toEqual([slugOf('plenty'), slugOf('few'), slugOf('gone'), slugOf('fresh')]);
    const { rows } = await admin.query<{ slug: string }>(
      `select p.slug from public.products p join public.categories c on c.id = p.category_id
       order by c.position, p.position`,
    );
    expect(cards).toHaveLength(rows.length);
  });
});

describe('getProductPageBySlug (product page)', () => {
  it('returns the page: badge, features, main image, ordered gallery and box', async () => {
    const page = await getProductPageBySlug(anon, slugOf('plenty'), 'en');
    expect(page).not.toBeNull();
    expect(page).toMatchObject({
      id: ids.plenty,
      slug: slugOf('plenty'),
      name: 'Product plenty',
      category_slug: tag,
      price: 1199,
      availability: 'in_stock',
      quantity_left: null,
      features: 'First paragraph.\n\nSecond paragraph.',
    });
    expect(page).not.toHaveProperty('stock_on_hand');
    const base = `/images/test/${slugOf('plenty')}`;
    expect(page?.image).toEqual({
      mobile: `${base}/product-mobile.svg`,
      tablet: `${base}/product-tablet.svg`,
      desktop: `${base}/product-desktop.svg`,
      alt: 'Product plenty front',
    });
    expect(page?.gallery.map((image) => image.alt)).toEqual(['Product plenty close-up', 'Product plenty side']);
    expect(page?.gallery[0].desktop).toBe(`${base}/gallery-1-desktop.svg`);
    expect(page?.includes).toEqual([
      { quantity: 2, item: 'Ear tips' },
      { quantity: 1, item: 'Carry case' },
    ]);
    expect(page).not.toHaveProperty('related');
  });

  it('tells a few-left product apart from a sold-out one', async () => {
    expect(await getProductPageBySlug(anon, slugOf('few'), 'en')).toMatchObject({ availability: 'few_left', quantity_left: 3 });
    const gone = await getProductPageBySlug(anon, slugOf('gone'), 'en');
    expect(gone).toMatchObject({ availability: 'sold_out', quantity_left: null, includes: [] });
  });

  it('is null for an unknown slug (the page answers 404)', async () => {
    expect(await getProductPageBySlug(anon, `${tag}-missing`, 'en')).toBeNull();
  });
});

describe('listRelatedProductCards (product page: you may also like)', () => {
  it('gives four cards with prices: curated links, then the rest of the category, then other categories', async () => {
    const cards = await listRelatedProductCards(anon, slugOf('plenty'), 'en');
    expect(cards).toHaveLength(4);
    expect(cards.slice(0, 3).map((card) => card.slug)).toEqual([slugOf('fresh'), slugOf('few'), slugOf('gone')]);
    expect(cards[3].category_slug).not.toBe(tag);
    expect(cards.map((card) => card.slug)).not.toContain(slugOf('plenty'));
    expect(cards[1]).toMatchObject({ name: 'Product few', price: 799.5, availability: 'few_left', quantity_left: 3 });
    expect(cards[0].image_mobile).toBe(`/images/test/${slugOf('fresh')}/card-mobile.svg`);
    for (const card of cards) expect(card).not.toHaveProperty('stock_on_hand');
  });

  it('is empty for an unknown slug', async () => {
    expect(await listRelatedProductCards(anon, `${tag}-missing`, 'en')).toEqual([]);
  });
});

describe('errors', () => {
  it('throws instead of returning an empty page when the API refuses the request', async () => {
    const refused = createTestClient<Database>('not-a-valid-api-key');
    await expect(listCategories(refused, 'en')).rejects.toMatchObject({ message: expect.any(String) });
    await expect(listCategoryProductCards(refused, tag, 'en')).rejects.toBeTruthy();
    await expect(getProductPageBySlug(refused, slugOf('plenty'), 'en')).rejects.toBeTruthy();
    await expect(listRelatedProductCards(refused, slugOf('plenty'), 'en')).rejects.toBeTruthy();
  });
});
