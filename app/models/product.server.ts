// Products as the storefront shows them, read through the product_cards and product_pages views
// (never products directly: products.stock is not selectable by any API role, so `select('*')` on
// the table would fail; the views expose the availability badge instead). The views hold one row
// per product and language, so every read here filters on the page's locale: texts come in that
// language, English where a field is not translated yet.
import type { Locale } from '~/i18n/locales';
import { groupProductPageImages } from '~/utils/catalog-images';
import type { AppSupabaseClient } from '~/utils/supabase.server';

// What a product card shows. stock_on_hand (admins only) is left out: no page shows it.
const PRODUCT_CARD_COLUMNS =
  'id, slug, name, category_slug, category_name, category_description, price, is_new, description, availability, quantity_left, image_mobile, image_tablet, image_desktop, image_alt';

/** Every product card in store order (category, then position within it), for the home page. */
export async function listProductCards(supabase: AppSupabaseClient, locale: Locale) {
  const { data, error } = await supabase
    .from('product_cards')
    .select(PRODUCT_CARD_COLUMNS)
    .eq('locale', locale)
    .order('category_position')
    .order('position');
  if (error) throw error;
  return data;
}

export type ProductCard = Awaited<ReturnType<typeof listProductCards>>[number];

/**
 * The cards of one category, new products first. Empty when the slug is unknown (or the category
 * has nothing to sell): the page answers 404 then. Each card carries the category's own heading.
 */
export async function listCategoryProductCards(supabase: AppSupabaseClient, categorySlug: string, locale: Locale) {
  const { data, error } = await supabase
    .from('product_cards')
    .select(PRODUCT_CARD_COLUMNS)
    .eq('locale', locale)
    .eq('category_slug', categorySlug)
    .order('is_new', { ascending: false })
    .order('position');
  if (error) throw error;
  return data;
}

/**
 * Everything one product page shows but its related cards, in one request, or null for an unknown
 * slug. The view's composite arrays come back with every field nullable; they are folded here into
 * what the page renders (main image + gallery, in-the-box lines).
 */
export async function getProductPageBySlug(supabase: AppSupabaseClient, slug: string, locale: Locale) {
  const { data, error } = await supabase
    .from('product_pages')
    .select(
      'id, slug, name, category_slug, category_name, price, is_new, description, features, availability, quantity_left, max_units_per_shopper, images, includes',
    )
    .eq('locale', locale)
    .eq('slug', slug)
    .maybeSingle();
  if (error) throw error;
  if (!data) return null;
  const { images, includes, ...product } = data;
  const { main, gallery } = groupProductPageImages(images ?? []);
  return {
    ...product,
    image: main,
    gallery,
    includes: (includes ?? []).flatMap(({ quantity, item }) => (quantity && item ? [{ quantity, item }] : [])),
  };
}

export type ProductPage = NonNullable<Awaited<ReturnType<typeof getProductPageBySlug>>>;

/**
 * "You may also like": up to four cards (price and badge included) for the product page, same
 * category first, never the product itself (the order is decided in SQL, related_product_cards).
 * By slug, so the page can ask for them alongside the product itself. Empty for an unknown slug.
 */
export async function listRelatedProductCards(supabase: AppSupabaseClient, productSlug: string, locale: Locale) {
  const { data, error } = await supabase
    // GET, as every other catalog read: the function only reads (stable), and a read that can be
    // repeated is one the HTTP stack may retry on a kept-alive connection the API has just closed.
    .rpc('related_product_cards', { product_slug: productSlug, locale }, { get: true })
    .select(PRODUCT_CARD_COLUMNS);
  if (error) throw error;
  return data;
}

/**
 * While a product is held_elsewhere (every unit in other shoppers' carts): when the earliest of
 * those holds ends, so the page can say when it may be back. Null when unknown.
 */
export async function getProductHoldEnd(supabase: AppSupabaseClient, productId: string): Promise<string | null> {
  const { data, error } = await supabase.rpc('product_hold_ends', { product_id: productId });
  if (error) {
    console.error('product_hold_ends failed', error);
    return null;
  }
  return data;
}
