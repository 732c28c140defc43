// Events and the caller's enrollments in them. Reads: event_cards (one row per event and
// language) and my_enrollments (the caller's own rows, with place in line and coupon). Writes
// are the RPCs only (enroll, cancel_enrollment, use_coupon): seats, waitlist and coupons are
// decided in the database, in one transaction each.
import type { Locale } from '~/i18n/locales';
import type { Database, Tables } from '~/types/database.types';
import type { RpcResult } from '~/utils/rpc-errors';
import type { AppSupabaseClient } from '~/utils/supabase.server';

const EVENT_CARD_COLUMNS =
  'id, slug, name, description, location, starts_at, ends_at, capacity, seats_left, fee, image_url, image_alt, cancelled_at, enrollment_open';

type EventCardRow = Pick<
  Tables<'event_cards'>,
  'id' | 'slug' | 'name' | 'description' | 'location' | 'starts_at' | 'ends_at' | 'capacity' | 'seats_left' | 'fee' |
  'image_url' | 'image_alt' | 'cancelled_at' | 'enrollment_open'
>;

/** An event as the pages show it; `seatsLeft` is never negative, `open` is the database's verdict. */
export interface EventCard {
  id: string;
  slug: string;
  name: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  seatsLeft: number;
  fee: number | null;
  imageUrl: string | null;
  imageAlt: string;
  cancelled: boolean;
  /** enroll accepts it now: not cancelled and not started (database clock). */
  open: boolean;
}

export type MyEnrollment = Pick<
  Tables<'my_enrollments'>,
  'id' | 'event_id' | 'status' | 'payment_status' | 'payment_reference' | 'waitlist_place' | 'reason' | 'created_at' |
  'coupon_id' | 'coupon_code' | 'coupon_used_at' | 'coupon_voided_at'
>;

export type EnrollmentState = Database['public']['CompositeTypes']['enrollment_state'];

const MY_ENROLLMENT_COLUMNS =
  'id, event_id, status, payment_status, payment_reference, waitlist_place, reason, created_at, coupon_id, coupon_code, coupon_used_at, coupon_voided_at';

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toEventCard(row: EventCardRow): EventCard {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    location: row.location,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    capacity: row.capacity,
    seatsLeft: Math.max(0, row.seats_left ?? 0),
    fee: row.fee,
    imageUrl: row.image_url,
    imageAlt: row.image_alt,
    cancelled: row.cancelled_at !== null,
    open: row.enrollment_open === true,
  };
}

/** Every published event in `locale`, soonest first. */
export async function listEventCards(supabase: AppSupabaseClient, locale: Locale): Promise<EventCard[]> {
  const { data, error } = await supabase
    .from('event_cards')
    .select(EVENT_CARD_COLUMNS)
    .eq('locale', locale)
    .order('starts_at')
    .order('slug');
  if (error) throw error;
  return data.map(toEventCard);
}

/** The next events still open for enrollment, soonest first (the home page's teaser). */
export async function listUpcomingEventCards(supabase: AppSupabaseClient, locale: Locale, limit: number): Promise<EventCard[]> {
  const { data, error } = await supabase
    .from('event_cards')
    .select(EVENT_CARD_COLUMNS)
    .eq('locale', locale)
    .eq('enrollment_open', true)
    .order('starts_at')
    .order('slug')
    .limit(limit);
  if (error) throw error;
  return data.map(toEventCard);
}

/** One published event by its URL name, or null. */
export async function getEventCardBySlug(supabase: AppSupabaseClient, slug: string, locale: Locale): Promise<EventCard | null> {
  if (!SLUG_PATTERN.test(slug) || slug.length > 80) return null;
  const { data, error } = await supabase
    .from('event_cards')
    .select(EVENT_CARD_COLUMNS)
    .eq('locale', locale)
    .eq('slug', slug)
    .maybeSingle();
  if (error) throw error;
  return data ? toEventCard(data) : null;
}

/** Published events by id, in `locale` (an enrollment's event may have been unpublished since). */
export async function listEventCardsById(supabase: AppSupabaseClient, ids: string[], locale: Locale): Promise<Map<string, EventCard>> {
  if (ids.length === 0) return new Map();
  const { data, error } = await supabase.from('event_cards').select(EVENT_CARD_COLUMNS).eq('locale', locale).in('id', ids);
  if (error) throw error;
  return new Map(data.map((row) => [row.id, toEventCard(row)]));
}

/** The caller's enrollments, newest first (cancelled ones too: re-enrolling makes a new row). */
export async function listMyEnrollments(supabase: AppSupabaseClient, eventId?: string): Promise<MyEnrollment[]> {
  let query = supabase.from('my_enrollments').select(MY_ENROLLMENT_COLUMNS);
  if (eventId) query = query.eq('event_id', eventId);
  const { data, error } = await query.order('created_at', { ascending: false }).limit(200);
  if (error) throw error;
  return data;
}

/** The enrollment a page shows for one event: the live one, else the latest cancelled one. */
export function pickCurrentEnrollment(enrollments: MyEnrollment[]): MyEnrollment | null {
  return enrollments.find((enrollment) => enrollment.status !== 'cancelled') ?? enrollments[0] ?? null;
}

/** rpc('enroll'): pending while a seat is free, else waitlisted; a second call returns the same row. */
export async function enrollInEvent(supabase: AppSupabaseClient, eventId: string): Promise<RpcResult<EnrollmentState>> {
  const { data, error } = await supabase.rpc('enroll', { event_id: eventId });
  if (error) return { ok: false, error };
  return { ok: true, data };
}

/** rpc('cancel_enrollment') by its owner: frees the seat (the first waitlisted moves up). */
export async function cancelMyEnrollment(supabase: AppSupabaseClient, enrollmentId: string): Promise<RpcResult<EnrollmentState>> {
  if (!UUID_PATTERN.test(enrollmentId)) return { ok: false, error: { code: 'PT404', hint: 'enrollment_not_found' } };
  const { data, error } = await supabase.rpc('cancel_enrollment', { enrollment_id: enrollmentId });
  if (error) return { ok: false, error };
  return { ok: true, data };
}

/** rpc('use_coupon') by its approved owner: marks it used, once. */
export async function markCouponUsed(supabase: AppSupabaseClient, couponId: string): Promise<RpcResult<Tables<'coupons'>>> {
  if (!UUID_PATTERN.test(couponId)) return { ok: false, error: { code: 'PT404', hint: 'coupon_not_found' } };
  const { data, error } = await supabase.rpc('use_coupon', { coupon_id: couponId });
  if (error) return { ok: false, error };
  return { ok: true, data };
}
