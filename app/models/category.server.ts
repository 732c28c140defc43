// Storefront categories, read through the category_cards view (one row per category and
// language, texts in that language with English where not translated). Everyone may read them.
import type { Locale } from '~/i18n/locales';
import type { ProductSort } from '~/utils/catalog-query-rules';
import type { AppSupabaseClient } from '~/utils/supabase.server';

// What a category page shows of each card (the card itself and the category's heading).
const CATEGORY_PRODUCT_COLUMNS =
  'id, slug, name, category_slug, category_name, category_description, price, is_new, description, availability, quantity_left, image_mobile, image_tablet, image_desktop, image_alt';

/**
 * Every category in nav order, in `locale`, each with its own image per size (its thumbnail;
 * alt text in that language). The root loader calls this once per page for the nav and the home
 * page's category tiles. `product_images` keeps the shape the pages read when this was an embed.
 */
export async function listCategories(supabase: AppSupabaseClient, locale: Locale) {
  const { data, error } = await supabase
    .from('category_cards')
    .select('slug, name, description, images')
    .eq('locale', locale)
    .order('position');
  if (error) throw error;
  return data.map(({ slug, name, description, images }) => ({
    slug,
    name,
    description,
    product_images: (images ?? []).map(({ size, url, alt }) => ({ size, url, alt })),
  }));
}

export type CategorySummary = Awaited<ReturnType<typeof listCategories>>[number];

/**
 * A category's product cards in `locale`, in the order the shopper picked, ordered in SQL by
 * public.category_product_cards (ties by position, then slug). No rows: an unknown category.
 */
export async function listCategoryProducts(supabase: AppSupabaseClient, slug: string, locale: Locale, sort: ProductSort) {
  const { data, error } = await supabase
    .rpc('category_product_cards', { category_slug: slug, locale, sort })
    .select(CATEGORY_PRODUCT_COLUMNS);
  if (error) throw error;
  return data;
}
