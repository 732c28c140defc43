// Storefront categories, read through the category_cards view (one row per category and
// language, texts in that language with English where not translated). Everyone may read them.
import type { Locale } from '~/i18n/locales';
import type { AppSupabaseClient } from '~/utils/supabase.server';

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
