// Orders of the caller. place_order and cancel_order are the only writers; reads go through RLS
// and, for lists, an explicit user_id filter (the policy alone makes PostgreSQL check every row).
import type { Locale } from '~/i18n/locales';
import type { Database, Tables } from '~/types/database.types';
import type { RpcResult } from '~/utils/rpc-errors';
import type { AppSupabaseClient } from '~/utils/supabase.server';

type PlaceOrderArgs = Database['public']['Functions']['place_order']['Args'];
type OrderRow = Tables<'orders'>;

export interface OrderSummaryItem {
  name: string;
  quantity: number;
  /** The product's small image today (null when the product or its image is gone). */
  thumbnail: { url: string; alt: string } | null;
}

export type OrderSummary = Pick<OrderRow, 'id' | 'order_number' | 'status' | 'grand_total' | 'created_at'> & {
  items: OrderSummaryItem[];
};

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The user's orders, newest first, each with its items (names as bought) and the products'
 * small images: three queries whatever the number of orders (orders, their items, the images).
 */
export async function listOrders(supabase: AppSupabaseClient, userId: string, locale: Locale, limit = 50): Promise<OrderSummary[]> {
  const { data: orders, error } = await supabase
    .from('orders')
    .select('id, order_number, status, grand_total, created_at')
    .eq('user_id', userId)
    .order('created_at', { ascending: false })
    .limit(limit);
  if (error) throw error;
  if (orders.length === 0) return [];
  const { data: items, error: itemsError } = await supabase
    .from('order_items')
    .select('order_id, product_id, product_name, quantity')
    .in('order_id', orders.map((order) => order.id))
    .order('id');
  if (itemsError) throw itemsError;
  const productIds = [...new Set(items.map((item) => item.product_id).filter((id): id is string => id !== null))];
  const { data: cards, error: cardsError } = productIds.length
    ? await supabase.from('product_cards').select('id, image_mobile, image_alt').eq('locale', locale).in('id', productIds)
    : { data: [], error: null };
  if (cardsError) throw cardsError;
  const thumbnails = new Map(cards.map((card) => [card.id, card.image_mobile ? { url: card.image_mobile, alt: card.image_alt ?? '' } : null]));
  return orders.map((order) => ({
    ...order,
    items: items
      .filter((item) => item.order_id === order.id)
      .map((item) => ({ name: item.product_name, quantity: item.quantity, thumbnail: (item.product_id && thumbnails.get(item.product_id)) || null })),
  }));
}

export interface OrderDetails {
  order: Omit<OrderRow, 'idempotency_key'>;
  items: Array<Pick<Tables<'order_items'>, 'id' | 'product_slug' | 'product_name' | 'unit_price' | 'quantity' | 'line_total'>>;
  events: Array<Pick<Tables<'order_events'>, 'id' | 'from_status' | 'to_status' | 'acted_by' | 'reason' | 'created_at'>>;
}

/** One order with its item snapshots and history; null when it does not exist or is not the caller's. */
export async function getOrderDetails(supabase: AppSupabaseClient, orderId: string): Promise<OrderDetails | null> {
  // Not a uuid → not an order (and no 22P02 from PostgreSQL).
  if (!UUID_PATTERN.test(orderId)) return null;
  const { data: order, error } = await supabase
    .from('orders')
    .select(
      'id, order_number, user_id, status, customer_name, customer_email, customer_phone, shipping_address, shipping_zip, shipping_city, shipping_country, payment_method, emoney_last4, subtotal, shipping, vat, discount, grand_total, created_at, updated_at',
    )
    .eq('id', orderId)
    .maybeSingle();
  if (error) throw error;
  if (!order) return null;

  const [items, events] = await Promise.all([
    supabase
      .from('order_items')
      .select('id, product_slug, product_name, unit_price, quantity, line_total')
      .eq('order_id', orderId)
      .order('id'),
    supabase
      .from('order_events')
      .select('id, from_status, to_status, acted_by, reason, created_at')
      .eq('order_id', orderId)
      .order('created_at')
      .order('id'),
  ]);
  if (items.error) throw items.error;
  if (events.error) throw events.error;
  return { order, items: items.data, events: events.data };
}


/** rpc('place_order'): the caller's unexpired holds become one order. Same key → same order. */
export async function placeOrder(supabase: AppSupabaseClient, args: PlaceOrderArgs): Promise<RpcResult<OrderRow>> {
  const { data, error } = await supabase.rpc('place_order', args);
  if (error) return { ok: false, error };
  return { ok: true, data };
}

/** rpc('cancel_order'): owners may cancel while the order is pending; stock goes back once. */
export async function cancelOrder(supabase: AppSupabaseClient, orderId: string): Promise<RpcResult<OrderRow>> {
  const { data, error } = await supabase.rpc('cancel_order', { order_id: orderId, reason: 'Cancelled by the customer' });
  if (error) return { ok: false, error };
  return { ok: true, data };
}
