// The caller's cart: their unexpired stock holds (RLS scopes every query to the owner).
import type { AppSupabaseClient } from '~/utils/supabase.server';

/** Units in the caller's cart, for the header badge. Expired holds no longer count. */
export async function getCartCount(supabase: AppSupabaseClient): Promise<number> {
  const { data, error } = await supabase
    .from('stock_reservations')
    .select('quantity')
    .gt('expires_at', new Date().toISOString());
  if (error) throw error;
  return data.reduce((sum, line) => sum + line.quantity, 0);
}
