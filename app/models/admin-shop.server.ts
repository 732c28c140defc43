// The admin area's shop side: orders across customers and their status machine, stock, invite
// codes and the signup mode, and the audit log. Reads rely on RLS (admins read every order,
// invitation and audit row; product_cards shows admins the stock on hand); writes are the
// operator RPCs (set_order_status, adjust_stock, create_invitations, set_invitation_active,
// set_signup_mode), each with a reason.
import type { Database, Tables } from '~/types/database.types';
import { toRpcResult } from '~/utils/rpc-errors';
import type { AppSupabaseClient } from '~/utils/supabase.server';

export type OrderStatus = Database['public']['Enums']['order_status'];

/** The order machine (migration …0430): where an order may go from each status. */
export const NEXT_ORDER_STATUSES: Record<OrderStatus, OrderStatus[]> = {
  pending: ['processing', 'cancelled'],
  processing: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

export type AdminOrderRow = Pick<Tables<'orders'>, 'id' | 'order_number' | 'status' | 'customer_name' | 'customer_email' | 'grand_total' | 'created_at'>;

/** Orders across customers, newest first: one status, and/or an order number or email fragment. */
export async function listAdminOrders(supabase: AppSupabaseClient, filter: { status: OrderStatus | null; query: string }): Promise<AdminOrderRow[]> {
  let query = supabase.from('orders').select('id, order_number, status, customer_name, customer_email, grand_total, created_at');
  if (filter.status) query = query.eq('status', filter.status);
  const text = filter.query.trim();
  // AS-000042, as42 or 42 find order AS-000042; anything else is part of an email.
  const number = /^(?:as-?)?(\d{1,12})$/i.exec(text)?.[1];
  if (number) query = query.eq('order_number', `AS-${number.padStart(6, '0')}`);
  else if (text) query = query.ilike('customer_email', `%${text.replace(/[%_\\]/g, (char) => `\\${char}`)}%`);
  const { data, error } = await query.order('created_at', { ascending: false }).limit(100);
  if (error) throw error;
  return data;
}

export async function setOrderStatus(supabase: AppSupabaseClient, orderId: string, status: OrderStatus, reason: string) {
  return toRpcResult(await supabase.rpc('set_order_status', { order_id: orderId, status, reason }));
}

export interface StockRow {
  id: string;
  slug: string;
  name: string;
  onHand: number | null;
  availability: Database['public']['Enums']['stock_status'] | null;
}

/** Every product with its stock on hand (shown to admins only) and what shoppers see. */
export async function listStock(supabase: AppSupabaseClient): Promise<StockRow[]> {
  const { data, error } = await supabase
    .from('product_cards')
    .select('id, slug, name, stock_on_hand, availability')
    .eq('locale', 'en')
    .order('name');
  if (error) throw error;
  return data.map((row) => ({ id: row.id, slug: row.slug, name: row.name, onHand: row.stock_on_hand, availability: row.availability }));
}

export async function adjustStock(supabase: AppSupabaseClient, productId: string, newStock: number, reason: string) {
  return toRpcResult(await supabase.rpc('adjust_stock', { product_id: productId, new_stock: newStock, reason }));
}

export type InvitationRow = Pick<Tables<'invitations'>, 'id' | 'code' | 'active' | 'use_count' | 'max_uses' | 'expires_at' | 'note' | 'created_at'>;

export async function listInvitations(supabase: AppSupabaseClient): Promise<InvitationRow[]> {
  const { data, error } = await supabase
    .from('invitations')
    .select('id, code, active, use_count, max_uses, expires_at, note, created_at')
    .order('created_at', { ascending: false })
    .limit(200);
  if (error) throw error;
  return data;
}

export async function getSignupMode(supabase: AppSupabaseClient): Promise<string> {
  const { data, error } = await supabase.from('app_settings').select('signup_mode').maybeSingle();
  if (error) throw error;
  return data?.signup_mode ?? 'open';
}

export async function createInvitations(
  supabase: AppSupabaseClient,
  args: { count: number; maxUses: number | null; expiresAt: string | null; note: string | null; reason: string },
) {
  return toRpcResult(await supabase.rpc('create_invitations', {
    count: args.count,
    reason: args.reason,
    ...(args.maxUses !== null ? { max_uses: args.maxUses } : {}),
    ...(args.expiresAt !== null ? { expires_at: args.expiresAt } : {}),
    ...(args.note !== null ? { note: args.note } : {}),
  }));
}

export async function setInvitationActive(supabase: AppSupabaseClient, invitationId: string, active: boolean, reason: string) {
  return toRpcResult(await supabase.rpc('set_invitation_active', { invitation_id: invitationId, active, reason }));
}

export async function setSignupMode(supabase: AppSupabaseClient, mode: string, reason: string) {
  return toRpcResult(await supabase.rpc('set_signup_mode', { mode, reason }));
}

export type AuditRow = Pick<Tables<'audit_log'>, 'id' | 'occurred_at' | 'actor_id' | 'actor_role' | 'action' | 'target_table' | 'target_id' | 'old_values' | 'new_values' | 'reason'>;
export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, filtered by who acted, on whom (target id) or on which table. */
export async function listAudit(
  supabase: AppSupabaseClient,
  filter: { actorId: string | null; targetId: string | null; table: string | null; page: number },
): Promise<AuditRow[]> {
  let query = supabase.from('audit_log').select('id, occurred_at, actor_id, actor_role, action, target_table, target_id, old_values, new_values, reason');
  if (filter.actorId) query = query.eq('actor_id', filter.actorId);
  if (filter.targetId) query = query.eq('target_id', filter.targetId);
  if (filter.table) query = query.eq('target_table', filter.table);
  const from = (filter.page - 1) * AUDIT_PAGE_SIZE;
  const { data, error } = await query.order('occurred_at', { ascending: false }).order('id', { ascending: false }).range(from, from + AUDIT_PAGE_SIZE - 1);
  if (error) throw error;
  return data;
}
