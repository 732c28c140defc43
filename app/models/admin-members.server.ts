// The admin area's members: search (find_accounts: name, email, birthday, phone in any form),
// one member's profile, orders, enrollments and coupons, and the operator RPCs on an account
// (profile change, coupon reset, password-reset mail, merge, deletion). Every write is an RPC
// that checks the admin and records the reason in audit_log.
import type { Database, Tables } from '~/types/database.types';
import { toRpcResult, type RpcResult } from '~/utils/rpc-errors';
import type { AppSupabaseClient } from '~/utils/supabase.server';

export type AccountMatch = Database['public']['Functions']['find_accounts']['Returns'][number];
export const MEMBERS_PAGE_SIZE = 20;

/** One page of accounts matching `query`, newest first, and how many match in all. */
export async function findAccounts(
  supabase: AppSupabaseClient,
  query: string,
  page: number,
): Promise<RpcResult<{ accounts: AccountMatch[]; total: number }>> {
  const { data, error } = await supabase.rpc('find_accounts', { query, page, page_size: MEMBERS_PAGE_SIZE });
  if (error) return { ok: false, error };
  return { ok: true, data: { accounts: data, total: Number(data[0]?.total_count ?? 0) } };
}

/** The account with this id (its email comes from Auth through find_accounts), or null. */
export async function getAccount(supabase: AppSupabaseClient, userId: string): Promise<AccountMatch | null> {
  const result = await findAccounts(supabase, userId, 1);
  if (!result.ok) throw result.error;
  return result.data.accounts.find((account) => account.user_id === userId) ?? null;
}

export interface MemberActivity {
  orders: Array<Pick<Tables<'orders'>, 'id' | 'order_number' | 'status' | 'grand_total' | 'created_at'>>;
  enrollments: Array<{
    id: string;
    status: Tables<'enrollments'>['status'];
    paymentStatus: Tables<'enrollments'>['payment_status'];
    eventId: string;
    eventName: string | null;
    startsAt: string | null;
    coupon: { id: string; code: string; usedAt: string | null; voidedAt: string | null } | null;
  }>;
}

/** A member's orders and enrollments (with their coupons), newest first. */
export async function getMemberActivity(supabase: AppSupabaseClient, userId: string): Promise<MemberActivity> {
  const [orders, enrollments, coupons] = await Promise.all([
    supabase.from('orders').select('id, order_number, status, grand_total, created_at').eq('user_id', userId).order('created_at', { ascending: false }).limit(50),
    supabase.from('enrollments').select('id, status, payment_status, event_id, created_at, events(name, starts_at)').eq('user_id', userId).order('created_at', { ascending: false }).limit(50),
    supabase.from('coupons').select('id, code, enrollment_id, used_at, voided_at').eq('user_id', userId).limit(100),
  ]);
  if (orders.error) throw orders.error;
  if (enrollments.error) throw enrollments.error;
  if (coupons.error) throw coupons.error;
  const couponByEnrollment = new Map(coupons.data.map((coupon) => [coupon.enrollment_id, coupon]));
  return {
    orders: orders.data,
    enrollments: enrollments.data.map((enrollment) => {
      const coupon = couponByEnrollment.get(enrollment.id);
      return {
        id: enrollment.id,
        status: enrollment.status,
        paymentStatus: enrollment.payment_status,
        eventId: enrollment.event_id,
        eventName: enrollment.events?.name ?? null,
        startsAt: enrollment.events?.starts_at ?? null,
        coupon: coupon ? { id: coupon.id, code: coupon.code, usedAt: coupon.used_at, voidedAt: coupon.voided_at } : null,
      };
    }),
  };
}

export type ProfileChanges = Partial<Record<'first_name' | 'last_name' | 'display_name' | 'phone' | 'birthday' | 'account_type' | 'role', string | null>>;

export async function updateMemberProfile(supabase: AppSupabaseClient, userId: string, changes: ProfileChanges, reason: string) {
  return toRpcResult(await supabase.rpc('admin_update_profile', { user_id: userId, changes, reason }));
}

export async function resetCoupon(supabase: AppSupabaseClient, couponId: string, reason: string) {
  return toRpcResult(await supabase.rpc('reset_coupon', { coupon_id: couponId, reason }));
}

export async function requestPasswordReset(supabase: AppSupabaseClient, userId: string, reason: string) {
  return toRpcResult(await supabase.rpc('request_password_reset', { user_id: userId, reason }));
}

export async function mergeAccounts(supabase: AppSupabaseClient, keepUserId: string, removeUserId: string, reason: string) {
  return toRpcResult(await supabase.rpc('merge_accounts', { keep_user_id: keepUserId, remove_user_id: removeUserId, reason }));
}

export async function deleteAccount(supabase: AppSupabaseClient, userId: string, reason: string) {
  return toRpcResult(await supabase.rpc('delete_account', { user_id: userId, reason }));
}
