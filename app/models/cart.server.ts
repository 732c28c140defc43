// The caller's cart: their stock holds (RLS scopes every query to the owner; the explicit
// user_id filter lets PostgreSQL use the primary key instead of filtering through the policy).
// reserve_stock is the only writer, and the only judge of how many units anybody may hold.
import type { Locale } from '~/i18n/locales';
import type { Database, Tables } from '~/types/database.types';
import type { RpcResult } from '~/utils/rpc-errors';
import type { AppSupabaseClient } from '~/utils/supabase.server';

type ProductCard = Tables<'product_cards'>;
type StockHold = Database['public']['CompositeTypes']['stock_hold'];

export interface CartLine {
  productId: string;
  slug: string;
  name: string;
  unitPrice: number;
  imageUrl: string | null;
  imageAlt: string | null;
  quantity: number;
  expiresAt: string;
  /** The hold ran out: the units no longer count as the shopper's and may be sold to others. */
  isExpired: boolean;
  availability: ProductCard['availability'];
  quantityLeft: number | null;
}

/**
 * The signed-in header in one read (public.header_summary): units in the caller's own unexpired
 * holds, and whether the account is an admin (the header's Admin link; false on any doubt).
 */
export async function getHeaderSummary(supabase: AppSupabaseClient): Promise<{ cartCount: number; isAdmin: boolean }> {
  const { data, error } = await supabase.rpc('header_summary', undefined, { get: true }).single();
  if (error) throw error;
  return { cartCount: data.cart_count, isAdmin: data.is_admin };
}

/**
 * Every line of the user's cart, expired holds included (the cart page offers to hold them
 * again), oldest first so lines do not jump around when a quantity changes. Names and alt texts
 * in `locale` (English where not translated).
 */
export async function getCartLines(
  supabase: AppSupabaseClient,
  userId: string,
  locale: Locale,
  now = new Date(),
): Promise<CartLine[]> {
  const { data: holds, error } = await supabase
    .from('stock_reservations')
    .select('product_id, quantity, expires_at, created_at')
    .eq('user_id', userId)
    .order('created_at', { ascending: true });
  if (error) throw error;
  if (holds.length === 0) return [];

  // Two reads instead of an embed: product_cards is a view, and the card is what the cart shows.
  const { data: cards, error: cardsError } = await supabase
    .from('product_cards')
    .select('id, slug, name, price, image_mobile, image_alt, availability, quantity_left')
    .eq('locale', locale)
    .in(
      'id',
      holds.map((hold) => hold.product_id),
    );
  if (cardsError) throw cardsError;
  const cardById = new Map(cards.map((card) => [card.id, card]));

  return holds.flatMap((hold) => {
    const card = cardById.get(hold.product_id);
    // A product deleted since: its hold was deleted by the cascade too, so this is a stale read.
    if (!card?.id || !card.slug || !card.name || card.price === null) return [];
    return [
      {
        productId: card.id,
        slug: card.slug,
        name: card.name,
        unitPrice: card.price,
        imageUrl: card.image_mobile,
        imageAlt: card.image_alt,
        quantity: hold.quantity,
        expiresAt: hold.expires_at,
        isExpired: new Date(hold.expires_at).getTime() <= now.getTime(),
        availability: card.availability,
        quantityLeft: card.quantity_left,
      },
    ];
  });
}

/**
 * The user's line for one product, held or expired (null when there is none). The cart page's
 * quantity forms may only change an existing line: a form from a stale tab must not bring back
 * a line removed in another tab.
 */
export async function findCartLine(supabase: AppSupabaseClient, userId: string, productId: string): Promise<{ quantity: number; expiresAt: string } | null> {
  const { data, error } = await supabase
    .from('stock_reservations')
    .select('quantity, expires_at')
    .eq('user_id', userId)
    .eq('product_id', productId)
    .maybeSingle();
  if (error) throw error;
  return data ? { quantity: data.quantity, expiresAt: data.expires_at } : null;
}

/** Units the user holds of one product right now (an expired hold holds nothing). */
export async function getHeldQuantity(supabase: AppSupabaseClient, userId: string, productId: string): Promise<number> {
  const line = await findCartLine(supabase, userId, productId);
  return line && new Date(line.expiresAt).getTime() > Date.now() ? line.quantity : 0;
}

/** rpc('reserve_stock'): hold `quantity` units for 30 minutes (0 removes the line). */
export async function reserveStock(supabase: AppSupabaseClient, productId: string, quantity: number): Promise<RpcResult<StockHold>> {
  const { data, error } = await supabase.rpc('reserve_stock', { product_id: productId, quantity });
  if (error) return { ok: false, error };
  return { ok: true, data };
}
