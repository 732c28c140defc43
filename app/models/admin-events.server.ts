// What the admin area reads and does about events: what needs attention, each event's
// enrollments with the member's name, and the operator RPCs (approve, reject, mark paid, cancel,
// create on a member's behalf, check a coupon in). Reads rely on RLS (admins read every
// enrollment, profile and order); every write is an RPC that checks private.is_admin() itself.
import type { Database, Tables } from '~/types/database.types';
import { toRpcResult, type RpcErrorLike, type RpcResult } from '~/utils/rpc-errors';
import type { AppSupabaseClient } from '~/utils/supabase.server';

export type EnrollmentState = Database['public']['CompositeTypes']['enrollment_state'];
export type CouponCheckIn = Database['public']['CompositeTypes']['coupon_check_in'];
export type EnrollmentStatus = Database['public']['Enums']['enrollment_status'];

export interface AttentionCounts {
  pendingEnrollments: number;
  awaitingPayment: number;
  waitlisted: number;
  ordersToHandle: number;
  lowStock: number;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

async function countRows(query: PromiseLike<{ count: number | null; error: unknown }>): Promise<number> {
  const { count, error } = await query;
  if (error) throw error;
  return count ?? 0;
}

/** The dashboard's numbers, each one request, all at once. */
export async function getAttentionCounts(supabase: AppSupabaseClient): Promise<AttentionCounts> {
  const head = { count: 'exact', head: true } as const;
  const [pendingEnrollments, awaitingPayment, waitlisted, ordersToHandle, lowStock] = await Promise.all([
    countRows(supabase.from('enrollments').select('id', head).eq('status', 'pending')),
    countRows(supabase.from('enrollments').select('id', head).in('status', ['pending', 'waitlisted']).eq('payment_status', 'awaiting')),
    countRows(supabase.from('enrollments').select('id', head).eq('status', 'waitlisted')),
    countRows(supabase.from('orders').select('id', head).in('status', ['pending', 'processing'])),
    // Low stock = what a shopper sees as "few left" or "sold out" (5 units or fewer not held).
    countRows(supabase.from('product_cards').select('id', head).eq('locale', 'en').in('availability', ['few_left', 'sold_out'])),
  ]);
  return { pendingEnrollments, awaitingPayment, waitlisted, ordersToHandle, lowStock };
}

export interface AdminEventRow {
  id: string;
  slug: string;
  name: string;
  startsAt: string;
  capacity: number;
  seatsTaken: number;
  published: boolean;
  cancelled: boolean;
  fee: number | null;
  counts: Record<EnrollmentStatus, number>;
  awaitingPayment: number;
}

/**
 * Every event (unpublished ones too), soonest first, with its live enrollments counted by status
 * in the database (rpc enrollment_counts_by_event: counting rows here was capped by a fetch limit).
 */
export async function listAdminEvents(supabase: AppSupabaseClient): Promise<AdminEventRow[]> {
  const events = await supabase
    .from('events')
    .select('id, slug, name, starts_at, capacity, seats_taken, published, cancelled_at, fee')
    .order('starts_at', { ascending: false })
    .limit(200);
  if (events.error) throw events.error;
  const counted = await supabase.rpc('enrollment_counts_by_event', { event_ids: events.data.map((event) => event.id) });
  if (counted.error) throw counted.error;
  const countsByEvent = new Map(counted.data.map((row) => [row.event_id, row]));
  return events.data.map((event) => {
    const row = countsByEvent.get(event.id);
    return {
      id: event.id,
      slug: event.slug,
      name: event.name,
      startsAt: event.starts_at,
      capacity: event.capacity,
      seatsTaken: event.seats_taken,
      published: event.published,
      cancelled: event.cancelled_at !== null,
      fee: event.fee,
      counts: {
        pending: row?.pending ?? 0,
        waitlisted: row?.waitlisted ?? 0,
        approved: row?.approved ?? 0,
        rejected: row?.rejected ?? 0,
        cancelled: 0,
      },
      awaitingPayment: row?.awaiting_payment ?? 0,
    };
  });
}

export type AdminEvent = Pick<Tables<'events'>, 'id' | 'slug' | 'name' | 'starts_at' | 'ends_at' | 'location' | 'capacity' | 'seats_taken' | 'fee' | 'published' | 'cancelled_at'>;

export async function getAdminEvent(supabase: AppSupabaseClient, eventId: string): Promise<AdminEvent | null> {
  if (!isUuid(eventId)) return null;
  const { data, error } = await supabase
    .from('events')
    .select('id, slug, name, starts_at, ends_at, location, capacity, seats_taken, fee, published, cancelled_at')
    .eq('id', eventId)
    .maybeSingle();
  if (error) throw error;
  return data;
}

export interface AdminEnrollmentRow {
  id: string;
  userId: string;
  status: EnrollmentStatus;
  paymentStatus: Database['public']['Enums']['payment_status'];
  paymentReference: string | null;
  waitlistPosition: number | null;
  reason: string | null;
  createdAt: string;
  member: { firstName: string | null; lastName: string | null; displayName: string | null; phone: string | null } | null;
  couponCode: string | null;
  couponUsedAt: string | null;
}

/** An event's enrollments (optionally one status), in line order, with the member and coupon. */
export async function listEventEnrollments(
  supabase: AppSupabaseClient,
  eventId: string,
  status: EnrollmentStatus | null,
): Promise<AdminEnrollmentRow[]> {
  let query = supabase
    .from('enrollments')
    .select(
      'id, user_id, status, payment_status, payment_reference, waitlist_position, reason, created_at, profiles(first_name, last_name, display_name, phone)',
    )
    .eq('event_id', eventId);
  if (status) query = query.eq('status', status);
  const [enrollments, coupons] = await Promise.all([
    query.order('waitlist_position', { ascending: true, nullsFirst: true }).order('created_at').limit(1000),
    supabase.from('coupons').select('enrollment_id, code, used_at').eq('event_id', eventId).limit(1000),
  ]);
  if (enrollments.error) throw enrollments.error;
  if (coupons.error) throw coupons.error;
  const couponByEnrollment = new Map(coupons.data.map((coupon) => [coupon.enrollment_id, coupon]));
  return enrollments.data.map((row) => {
    const coupon = couponByEnrollment.get(row.id);
    return {
      id: row.id,
      userId: row.user_id,
      status: row.status,
      paymentStatus: row.payment_status,
      paymentReference: row.payment_reference,
      waitlistPosition: row.waitlist_position,
      reason: row.reason,
      createdAt: row.created_at,
      member: row.profiles
        ? { firstName: row.profiles.first_name, lastName: row.profiles.last_name, displayName: row.profiles.display_name, phone: row.profiles.phone }
        : null,
      couponCode: coupon?.code ?? null,
      couponUsedAt: coupon?.used_at ?? null,
    };
  });
}

async function rpcResult<T>(call: PromiseLike<{ data: T | null; error: RpcErrorLike | null }>): Promise<RpcResult<T>> {
  return toRpcResult(await call);
}

export function approveEnrollment(supabase: AppSupabaseClient, enrollmentId: string): Promise<RpcResult<EnrollmentState>> {
  return rpcResult(supabase.rpc('approve_enrollment', { enrollment_id: enrollmentId }));
}

export function rejectEnrollment(supabase: AppSupabaseClient, enrollmentId: string, reason: string): Promise<RpcResult<EnrollmentState>> {
  return rpcResult(supabase.rpc('reject_enrollment', { enrollment_id: enrollmentId, reason }));
}

export function cancelEnrollmentAsStaff(supabase: AppSupabaseClient, enrollmentId: string, reason: string): Promise<RpcResult<EnrollmentState>> {
  return rpcResult(supabase.rpc('cancel_enrollment', { enrollment_id: enrollmentId, reason }));
}

export function markEnrollmentPaid(
  supabase: AppSupabaseClient,
  enrollmentId: string,
  reference: string,
  reason: string,
): Promise<RpcResult<EnrollmentState>> {
  return rpcResult(supabase.rpc('mark_enrollment_paid', { enrollment_id: enrollmentId, reference, reason }));
}

export function createEnrollmentFor(supabase: AppSupabaseClient, userId: string, eventId: string, reason: string): Promise<RpcResult<EnrollmentState>> {
  return rpcResult(supabase.rpc('create_enrollment', { user_id: userId, event_id: eventId, reason }));
}

/** rpc('check_in_coupon'): the member and event behind a code, marked used, once. */
export function checkInCoupon(supabase: AppSupabaseClient, code: string): Promise<RpcResult<CouponCheckIn>> {
  return rpcResult(supabase.rpc('check_in_coupon', { code }));
}
