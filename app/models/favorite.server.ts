// The caller's favorite products. Plain table writes: RLS lets each user touch only their own
// rows, and user_id defaults to auth.uid() in the database.
import type { Locale } from '~/i18n/locales';
import type { Tables } from '~/types/database.types';
import type { AppSupabaseClient } from '~/utils/supabase.server';

export type FavoriteCard = Pick<Tables<'product_cards'>, 'id' | 'slug' | 'name' | 'price' | 'image_mobile' | 'image_alt' | 'availability'>;

/** Favorite products, most recently marked first, their names in `locale` (English where not translated). */
export async function listFavorites(supabase: AppSupabaseClient, userId: string, locale: Locale): Promise<FavoriteCard[]> {
  const { data: favorites, error } = await supabase
    .from('favorites')
    .select('product_id, created_at')
    .eq('user_id', userId)
    .order('created_at', { ascending: false });
  if (error) throw error;
  if (favorites.length === 0) return [];
  const { data: cards, error: cardsError } = await supabase
    .from('product_cards')
    .select('id, slug, name, price, image_mobile, image_alt, availability')
    .eq('locale', locale)
    .in(
      'id',
      favorites.map((favorite) => favorite.product_id),
    );
  if (cardsError) throw cardsError;
  const cardById = new Map(cards.map((card) => [card.id, card]));
  return favorites.flatMap((favorite) => {
    const card = cardById.get(favorite.product_id);
    return card ? [card] : [];
  });
}

/** Whether the caller marked this product; RLS limits the read to the caller's own rows. */
export async function isFavoriteProduct(supabase: AppSupabaseClient, productId: string): Promise<boolean> {
  const { count, error } = await supabase
    .from('favorites')
    .select('product_id', { count: 'exact', head: true })
    .eq('product_id', productId);
  if (error) throw error;
  return (count ?? 0) > 0;
}

/** Marks a product; marking it twice is not an error (the row exists once either way). */
export async function addFavorite(supabase: AppSupabaseClient, productId: string): Promise<void> {
  const { error } = await supabase.from('favorites').insert({ product_id: productId });
  if (error && error.code !== '23505') throw error;
}

export async function removeFavorite(supabase: AppSupabaseClient, userId: string, productId: string): Promise<void> {
  const { error } = await supabase.from('favorites').delete().eq('user_id', userId).eq('product_id', productId);
  if (error) throw error;
}
