// Storefront categories. Everyone may read them (RLS "Anyone can read categories").
import type { AppSupabaseClient } from '~/utils/supabase.server';

/**
 * Every category in nav order, each with its own image per size (its thumbnail). The root loader
 * calls this once per page for the nav and the home page's category tiles.
 */
export async function listCategories(supabase: AppSupabaseClient) {
  const { data, error } = await supabase
    .from('categories')
    .select('slug, name, description, product_images(size, url, alt)')
    .order('position');
  if (error) throw error;
  return data;
}

export type CategorySummary = Awaited<ReturnType<typeof listCategories>>[number];
