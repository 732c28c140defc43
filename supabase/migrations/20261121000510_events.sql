-- =============================================================================================
-- Events, enrollments and coupons (DESIGN §6): invite → sign up → enroll → (pay) → approval →
-- a single-use coupon shown at the venue.
--
-- Tables
--   events               published events are public; admins write. capacity > 0; fee null = free.
--   event_translations   name, description, location and image alt per other language (decision
--                        008: English in events, null = not translated, per-field fallback).
--   enrollments          one live row (status other than cancelled) per member and event.
--   coupons              one per approved enrollment, ever: unguessable code (80 bits).
-- Views
--   event_cards          one row per published event and language (filter on locale).
--   event_seats          event_id, capacity, seats_taken, seats_left (visitors too).
--   admin.pending_enrollments, admin.waitlists   Studio lists for operators.
--   admin.event_integrity_problems()   the invariants below as rows (none = all hold).
--
-- Status machine of an enrollment, for everyone including Studio (trigger):
--
--   (new) → pending       a seat was free            pending    → approved | rejected | cancelled
--   (new) → waitlisted    no seat was free           waitlisted → pending | rejected | cancelled
--                                                    approved   → cancelled | rejected
--   rejected and cancelled are final. A member who cancelled may enroll again: a new row, at the
--   back of the line. A rejected member's enroll returns the rejected row.
--
-- Seats: pending and approved hold a seat; events.seats_taken counts them and is kept by the
-- triggers on enrollments for every writer (RPCs, Studio, account-deletion cascades). A seat is
-- taken only by `update events set seats_taken = seats_taken + 1 where … and seats_taken <
-- capacity`, which PostgreSQL re-checks after any lock wait, so pending + approved can never
-- exceed capacity (CHECK seats_taken <= capacity as the backstop). Every change of an event's
-- seats or waitlist happens while holding that event's row lock (the counter update takes it;
-- an enroll that finds no seat takes it with FOR UPDATE and tries once more under it), and
-- every later statement reads what it locked, so:
--   * waitlist places (a sequence drawn under the lock) are in the order the lock was granted;
--   * a freed seat (rejection, cancellation, deletion, a capacity increase) goes in the same
--     transaction to the first waitlisted enrollment (private.promote_waitlisted), so a free
--     seat and a waitlist never exist together.
-- Approval needs payment_status not_required or paid, and inserts the coupon with `on conflict
-- (enrollment_id) do nothing` in the same transaction: one coupon however often it is
-- clicked. Rejection and cancellation void an unused coupon. Each of these facts is audited
-- (private.write_audit) and those a member hears about are queued in mail_outbox (…0500).
--
-- RPCs (security invoker wrappers over private definer halves, decision 006):
--   rpc('enroll', { event_id })                                   members
--   rpc('cancel_enrollment', { enrollment_id, reason? })          owner; admins with a reason
--   rpc('approve_enrollment', { enrollment_id })                  admins
--   rpc('reject_enrollment', { enrollment_id, reason })           admins
--   rpc('mark_enrollment_paid', { enrollment_id, reference, reason })  admins
--   rpc('create_enrollment', { user_id, event_id, reason })     admins, on a member's behalf
--     each returns one row: id, event_id, user_id, status, payment_status, payment_reference,
--     waitlist_place (1 = next in line; null unless waitlisted), coupon_id, reason, updated_at
--   rpc('use_coupon', { coupon_id })                              the approved owner → coupons row
--   rpc('check_in_coupon', { code })                              admins → coupon, member, event
--   rpc('reset_coupon', { coupon_id, reason })                    admins → coupons row
-- Studio: edit enrollments.status (the same trigger path: coupon on approval, promotion when a
-- seat frees; `set local app.audit_reason = '…'` first to record why), or call the functions.
--
-- Errors (hint = name; app/utils/error-catalogue.ts): sign_in_required PT401, members_only
-- PT403, membership_required PT403, event_not_found PT404, event_cancelled PT409,
-- event_started PT409, enrollment_not_found PT404, admin_only PT403, reason_required PT422,
-- enrollment_transition_invalid PT409, enrollment_change_invalid PT409,
-- enrollment_payment_required PT409, event_full PT409, payment_not_awaited PT409,
-- payment_reference_required PT422, coupon_not_found PT404, coupon_already_used PT409,
-- coupon_void PT409, coupon_change_invalid PT409.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Types
  * -------------------------------------------------------
 */

create type public.enrollment_status as enum ('pending', 'waitlisted', 'approved', 'rejected', 'cancelled');
comment on type public.enrollment_status is
  'pending: holds a seat, waits for approval; waitlisted: no seat yet, waits in line; approved: holds a seat and a coupon; rejected, cancelled: final, the seat is freed.';

create type public.payment_status as enum ('not_required', 'awaiting', 'paid');
comment on type public.payment_status is
  'not_required: the event is free; awaiting: the event has a fee not yet received; paid: an admin recorded the payment (with a reference).';

-- What every enrollment RPC returns (one object through PostgREST).
create type public.enrollment_state as (
  id uuid,
  event_id uuid,
  user_id uuid,
  status public.enrollment_status,
  payment_status public.payment_status,
  payment_reference text,
  waitlist_place integer,
  coupon_id uuid,
  reason text,
  updated_at timestamptz
);
comment on type public.enrollment_state is
  'An enrollment as the RPCs return it: its columns, waitlist_place (1 = next in line; null unless waitlisted) and coupon_id (null until approved).';

-- What check_in_coupon returns: the coupon, who it is for and which event.
create type public.coupon_check_in as (
  coupon_id uuid,
  coupon_code text,
  used_at timestamptz,
  enrollment_id uuid,
  user_id uuid,
  member_name text,
  member_email text,
  event_id uuid,
  event_name text,
  starts_at timestamptz
);
comment on type public.coupon_check_in is 'A checked-in coupon with its member (name, email) and event (name, start).';

/**
  * -------------------------------------------------------
  * Section - Sequences
  * -------------------------------------------------------
 */

create sequence private.enrollment_waitlist_seq;
comment on sequence private.enrollment_waitlist_seq is
  'Waitlist order: drawn under the event''s row lock, so a lower number joined the line earlier.';
revoke all on sequence private.enrollment_waitlist_seq from public, anon, authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

create table public.events (
  id uuid primary key default extensions.gen_random_uuid(),
  slug text not null constraint events_slug_key unique
    constraint events_slug_check check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 100),
  name text not null constraint events_name_check check (char_length(btrim(name)) between 1 and 120)
    constraint events_name_typed check (private.is_typed_text(name)),
  description text not null default ''
    constraint events_description_check check (char_length(description) <= 4000)
    constraint events_description_typed check (private.is_typed_text(description, true)),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  location text not null constraint events_location_check check (char_length(btrim(location)) between 1 and 200)
    constraint events_location_typed check (private.is_typed_text(location)),
  capacity integer not null constraint events_capacity_check check (capacity between 1 and 100000),
  fee numeric(10, 2) constraint events_fee_check check (fee > 0),
  image_url text constraint events_image_url_check
    check (char_length(image_url) <= 2048 and image_url ~ '^(/|https://)[^[:space:][:cntrl:]]+$'),
  image_alt text not null default ''
    constraint events_image_alt_check check (char_length(image_alt) <= 200)
    constraint events_image_alt_typed check (private.is_typed_text(image_alt)),
  published boolean not null default false,
  cancelled_at timestamptz,
  seats_taken integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint events_ends_after_start check (ends_at > starts_at),
  constraint events_seats_taken_check check (seats_taken between 0 and capacity)
);

create table public.event_translations (
  event_id uuid not null references public.events (id) on update cascade on delete cascade,
  locale public.locale not null constraint event_translations_not_english check (locale <> 'en'),
  name text constraint event_translations_name_check check (char_length(btrim(name)) between 1 and 120)
    constraint event_translations_name_typed check (private.is_typed_text(name)),
  description text
    constraint event_translations_description_check check (char_length(description) <= 4000 and btrim(description) <> '')
    constraint event_translations_description_typed check (private.is_typed_text(description, true)),
  location text constraint event_translations_location_check check (char_length(btrim(location)) between 1 and 200)
    constraint event_translations_location_typed check (private.is_typed_text(location)),
  image_alt text constraint event_translations_image_alt_check check (char_length(btrim(image_alt)) between 1 and 200)
    constraint event_translations_image_alt_typed check (private.is_typed_text(image_alt)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint event_translations_pkey primary key (event_id, locale)
);

create table public.enrollments (
  id uuid primary key default extensions.gen_random_uuid(),
  event_id uuid not null references public.events (id) on update cascade on delete restrict,
  user_id uuid not null references public.profiles (id) on update cascade on delete cascade,
  status public.enrollment_status not null default 'pending',
  waitlist_position bigint,
  payment_status public.payment_status not null default 'not_required',
  payment_reference text
    constraint enrollments_payment_reference_check check (char_length(btrim(payment_reference)) between 1 and 200)
    constraint enrollments_payment_reference_typed check (private.is_typed_text(payment_reference)),
  paid_at timestamptz,
  reason text constraint enrollments_reason_check check (char_length(reason) <= 1000)
    constraint enrollments_reason_typed check (private.is_typed_text(reason, true)),
  approved_at timestamptz,
  rejected_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint enrollments_waitlisted_has_position check ((status = 'waitlisted') = (waitlist_position is not null)),
  constraint enrollments_paid_has_reference check ((payment_status = 'paid') = (payment_reference is not null and paid_at is not null))
);

create table public.coupons (
  id uuid primary key default extensions.gen_random_uuid(),
  code text not null constraint coupons_code_key unique
    constraint coupons_code_check check (code ~ '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
  enrollment_id uuid constraint coupons_enrollment_id_key unique
    references public.enrollments (id) on update cascade on delete set null,
  event_id uuid not null references public.events (id) on update cascade on delete restrict,
  user_id uuid references public.profiles (id) on update cascade on delete set null,
  issued_at timestamptz not null default now(),
  used_at timestamptz,
  voided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

/**
  * -------------------------------------------------------
  * Section - Comments (Studio shows them)
  * -------------------------------------------------------
 */

comment on table public.events is
  'Capacity-limited member events. Everyone reads published ones (event_cards, event_seats); admins write. Cancel with cancelled_at rather than deleting: every live enrollment is then cancelled.';
comment on column public.events.id is 'Surrogate key; URLs use the slug.';
comment on column public.events.slug is 'URL name, e.g. /events/listening-night. Lowercase words joined by hyphens.';
comment on column public.events.name is 'Title in English (event_translations for other languages). 1-120 characters.';
comment on column public.events.description is 'What happens there, in English; paragraphs separated by a blank line. At most 4000 characters.';
comment on column public.events.starts_at is 'When it starts. Enrollment closes then (private.now()).';
comment on column public.events.ends_at is 'When it ends; after starts_at.';
comment on column public.events.location is 'Where, as shown to members (venue and address), in English. 1-200 characters.';
comment on column public.events.capacity is
  'Seats (1-100000): pending plus approved enrollments never exceed it. Raising it moves waitlisted members up at once; it cannot go below seats_taken.';
comment on column public.events.fee is 'Price per seat, VAT included; null for a free event. With a fee, approval needs the enrollment marked paid.';
comment on column public.events.image_url is 'Picture: site-relative path (/images/events/…) or an https URL; null for none.';
comment on column public.events.image_alt is 'Alternative text of the picture, in English.';
comment on column public.events.published is 'Visible to members and visitors. Unpublished events are seen by admins only.';
comment on column public.events.cancelled_at is
  'When the event was called off (null: it goes ahead). Setting it cancels every live enrollment and voids their unused coupons; enroll refuses it.';
comment on column public.events.seats_taken is
  'Pending plus approved enrollments. Maintained by the enrollment triggers under the event''s row lock; never edit it by hand (API roles cannot).';
comment on column public.events.created_at is 'When the event was added.';
comment on column public.events.updated_at is 'Last change other than the seat counter; maintained by a trigger.';

comment on table public.event_translations is
  'An event''s texts in a language other than English (one row per event and language). Empty fields show the English text. Readable with the event; admins write.';
comment on column public.event_translations.event_id is 'The event translated. Deleting the event deletes its translations.';
comment on column public.event_translations.locale is 'The language: th, ko or zh-TW (English lives in events itself, so en is refused).';
comment on column public.event_translations.name is 'events.name in this language; null shows the English name.';
comment on column public.event_translations.description is 'events.description in this language; null shows the English text.';
comment on column public.event_translations.location is 'events.location in this language; null shows the English text.';
comment on column public.event_translations.image_alt is 'events.image_alt in this language; null shows the English text.';
comment on column public.event_translations.created_at is 'When the translation was added.';
comment on column public.event_translations.updated_at is 'Last change; maintained by a trigger.';

comment on table public.enrollments is
  'A member''s place at an event. One live row (not cancelled) per member and event. Status changes only along the machine (trigger, Studio included); approval issues the coupon; rejection and cancellation free the seat for the first waitlisted. Owner and admins read; changes go through the RPCs or Studio.';
comment on column public.enrollments.id is 'Surrogate key.';
comment on column public.enrollments.event_id is 'The event. An event with enrollments cannot be deleted (cancel it instead).';
comment on column public.enrollments.user_id is 'The member. Deleting the account deletes the enrollment and frees its seat for the next in line.';
comment on column public.enrollments.status is
  'pending | waitlisted | approved | rejected | cancelled; see the type. Edit it in Studio to approve, reject or cancel: the triggers do the rest.';
comment on column public.enrollments.waitlist_position is
  'Order in the waitlist (lower = earlier), only while waitlisted. The place in line (1, 2, …) is the rank among the event''s waitlisted rows.';
comment on column public.enrollments.payment_status is
  'not_required (free event), awaiting (fee not received yet) or paid; set from the event''s fee when enrolling. Only awaiting → paid is allowed.';
comment on column public.enrollments.payment_reference is 'The bank transfer or receipt reference an admin recorded when marking it paid.';
comment on column public.enrollments.paid_at is 'When an admin marked it paid.';
comment on column public.enrollments.reason is 'Why it was rejected or cancelled, as given by the admin or member (at most 1000 characters).';
comment on column public.enrollments.approved_at is 'When it was approved (and the coupon issued).';
comment on column public.enrollments.rejected_at is 'When it was rejected.';
comment on column public.enrollments.cancelled_at is 'When it was cancelled.';
comment on column public.enrollments.created_at is 'When the member enrolled.';
comment on column public.enrollments.updated_at is 'Last change; maintained by a trigger.';

comment on table public.coupons is
  'Single-use admission coupons: exactly one per approved enrollment. Owner and admins read; use_coupon / check_in_coupon mark it used once, reset_coupon (admins) makes it usable again. Changes are audited.';
comment on column public.coupons.id is 'Surrogate key (use_coupon, reset_coupon).';
comment on column public.coupons.code is
  'What the member shows at the venue (text or QR): 80 random bits in 16 Crockford base32 characters, XXXX-XXXX-XXXX-XXXX. check_in_coupon takes it in any case, with or without dashes.';
comment on column public.coupons.enrollment_id is 'The approved enrollment it admits; null once that enrollment was deleted with its account (a used coupon stays as the attendance record).';
comment on column public.coupons.event_id is 'The event it admits to.';
comment on column public.coupons.user_id is 'The member it belongs to (the enrollment''s); null after the account was deleted.';
comment on column public.coupons.issued_at is 'When approval issued it.';
comment on column public.coupons.used_at is 'When it was used (by its owner or checked in by an admin); null while usable.';
comment on column public.coupons.voided_at is 'When it stopped being valid (its enrollment was rejected or cancelled). Final.';
comment on column public.coupons.created_at is 'When the row was written (same as issued_at).';
comment on column public.coupons.updated_at is 'Last change; maintained by a trigger.';

/**
  * -------------------------------------------------------
  * Section - Indexes (every foreign key; unique constraints cover their leading columns)
  * -------------------------------------------------------
 */

create index events_starts_at_idx on public.events (starts_at) where published;
-- One live enrollment per member and event; a cancelled one leaves room for a new one.
create unique index enrollments_one_live_per_member_and_event on public.enrollments (event_id, user_id) where status <> 'cancelled';
create index enrollments_user_id_idx on public.enrollments (user_id, created_at desc);
create index enrollments_waitlist_idx on public.enrollments (event_id, waitlist_position) where status = 'waitlisted';
create index enrollments_event_id_status_idx on public.enrollments (event_id, status);
create index coupons_event_id_idx on public.coupons (event_id);
create index coupons_user_id_idx on public.coupons (user_id);

/**
  * -------------------------------------------------------
  * Section - Row level security
  * One policy per operation; reads of published events for everyone, writes for admins;
  * enrollments and coupons for their owner and admins; their writes go through the RPCs.
  * -------------------------------------------------------
 */

alter table public.events enable row level security;
alter table public.event_translations enable row level security;
alter table public.enrollments enable row level security;
alter table public.coupons enable row level security;

create policy "Anyone can read published events and admins read every event" on public.events
  for select to anon, authenticated using (published or (select private.is_admin()));
create policy "Admins can add events" on public.events
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can edit events" on public.events
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete events" on public.events
  for delete to authenticated using ((select private.is_admin()));

create policy "Anyone can read the translations of events they can read" on public.event_translations
  for select to anon, authenticated
  using (exists (select 1 from public.events e where e.id = event_translations.event_id));
create policy "Admins can add event translations" on public.event_translations
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can edit event translations" on public.event_translations
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete event translations" on public.event_translations
  for delete to authenticated using ((select private.is_admin()));

create policy "Members read their own enrollments and admins read every one" on public.enrollments
  for select to authenticated using (user_id = (select auth.uid()) or (select private.is_admin()));

create policy "Members read their own coupons and admins read every coupon" on public.coupons
  for select to authenticated using (user_id = (select auth.uid()) or (select private.is_admin()));

/**
  * -------------------------------------------------------
  * Section - Functions: helpers
  * -------------------------------------------------------
 */

/**
 * A new coupon code: 80 random bits as 16 Crockford base32 characters (no I, L, O, U), in
 * groups of four. 2^80 codes: guessing one of even a million issued codes takes ~10^18 tries.
 * Volatile, invoker: it only draws random bytes.
 */
create function private.generate_coupon_code()
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  bytes bytea := extensions.gen_random_bytes(10);
  code text := '';
  bits integer := 0;
  width integer := 0;
  i integer;
begin
  for i in 0..9 loop
    bits := (bits << 8) | get_byte(bytes, i);
    width := width + 8;
    while width >= 5 loop
      width := width - 5;
      code := code || substr(alphabet, 1 + ((bits >> width) & 31), 1);
    end loop;
    bits := bits & ((1 << width) - 1);
  end loop;
  return substr(code, 1, 4) || '-' || substr(code, 5, 4) || '-' || substr(code, 9, 4) || '-' || substr(code, 13, 4);
end;
$$;

comment on function private.generate_coupon_code() is
  'A coupon code: 80 random bits in 16 Crockford base32 characters (XXXX-XXXX-XXXX-XXXX).';

revoke execute on function private.generate_coupon_code() from public;

/**
 * A typed code as stored: upper case, Crockford's look-alikes read as digits (O → 0, I and L
 * → 1), spaces and dashes dropped, regrouped by four. Null when it cannot be a code.
 */
create function private.normalize_coupon_code(code text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case when c ~ '^[0-9A-HJKMNP-TV-Z]{16}$'
              then substr(c, 1, 4) || '-' || substr(c, 5, 4) || '-' || substr(c, 9, 4) || '-' || substr(c, 13, 4) end
    from (select translate(upper(regexp_replace(coalesce(code, ''), '[\s-]', '', 'g')), 'OIL', '011') as c) as typed;
$$;

comment on function private.normalize_coupon_code(text) is
  'The stored form of a typed coupon code (any case, with or without dashes or spaces; O/I/L read as 0/1), or null.';

revoke execute on function private.normalize_coupon_code(text) from public;

/**
 * Moves the first waitlisted enrollments of an event to pending while seats are free (not for
 * a cancelled event). The caller holds the event's row lock (it just changed seats_taken or
 * capacity), so each statement here reads the locked state. The status update's own trigger
 * takes the seat, audits and queues the "you moved up" mail. A waitlisted row locked by a
 * concurrent cancellation is waited for and skipped if it is no longer waitlisted.
 */
create function private.promote_waitlisted(event_id uuid)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  free integer;
  next_id uuid;
  promoted integer := 0;
  previous_reason text := current_setting('app.audit_reason', true);
begin
  perform pg_catalog.set_config('app.audit_reason', 'Moved up from the waitlist: a seat was freed.', true);
  loop
    select e.capacity - e.seats_taken into free
      from public.events e
     where e.id = promote_waitlisted.event_id and e.cancelled_at is null;
    exit when coalesce(free, 0) <= 0;
    select w.id into next_id
      from public.enrollments w
     where w.event_id = promote_waitlisted.event_id and w.status = 'waitlisted'
     order by w.waitlist_position
     limit 1
       for update;
    exit when next_id is null;
    update public.enrollments w set status = 'pending' where w.id = next_id;
    promoted := promoted + 1;
    next_id := null;
  end loop;
  perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  return promoted;
end;
$$;

comment on function private.promote_waitlisted(uuid) is
  'Gives an event''s free seats to its first waitlisted enrollments (status → pending). Called under the event''s row lock by the triggers.';

revoke execute on function private.promote_waitlisted(uuid) from public;

/**
 * The row every enrollment RPC returns: the enrollment with its place in line and coupon.
 * Definer because the place counts other members' rows; the RPCs call it only for rows the
 * caller may act on.
 */
create function private.enrollment_state(enrollment_id uuid)
returns public.enrollment_state
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  state public.enrollment_state;
begin
  -- plpgsql, not sql: it runs inside the event's lock on every enrollment, and a SQL function
  -- that is not inlined is planned again on every call, while plpgsql keeps its plan. The place
  -- is counted in the same statement rather than by a nested function, for the same reason.
  select e.id, e.event_id, e.user_id, e.status, e.payment_status, e.payment_reference,
         case when e.status = 'waitlisted' then
           (select count(*)::integer from public.enrollments w
             where w.event_id = e.event_id and w.status = 'waitlisted' and w.waitlist_position <= e.waitlist_position)
         end,
         c.id, e.reason, e.updated_at
    into state
    from public.enrollments e
    left join public.coupons c on c.enrollment_id = e.id
   where e.id = enrollment_state.enrollment_id;
  return state;
end;
$$;

comment on function private.enrollment_state(uuid) is 'One enrollment as the RPCs return it (with waitlist_place and coupon_id).';

revoke execute on function private.enrollment_state(uuid) from public;

/**
  * -------------------------------------------------------
  * Section - Functions: triggers on enrollments (every writer, Studio included)
  * -------------------------------------------------------
 */

/**
 * BEFORE INSERT: a new enrollment starts pending when a seat is free, else waitlisted at the
 * back of the line; its payment follows the event's fee (an operator's insert may bring a
 * recorded payment: paid with a reference). A seat is taken by the gated counter update; an
 * event that looks full goes straight to its row lock (one wait, not two), and one read under
 * the lock decides, so the waitlist number is drawn in lock order. Security definer: it updates events.seats_taken,
 * which no API role may write, also for inserts made by operators' functions.
 */
create function private.enrollment_before_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  event_fee numeric;
  took_seat boolean := false;
begin
  if new.status not in ('pending', 'waitlisted') then
    raise exception using
      errcode = 'PT409',
      message = format('A new enrollment starts as pending or waitlisted, not %s: change its status afterwards.', new.status),
      hint = 'enrollment_transition_invalid';
  end if;

  -- Queue for the event's row once. A full event (the rush's usual case) goes straight to the
  -- lock; trying the gate first would wait for the row, find no seat, and queue a second time.
  -- The unlocked read is only a hint: the decision is made by the gated update, under the lock.
  if coalesce((select e.seats_taken < e.capacity from public.events e where e.id = new.event_id), false) then
    update public.events e set seats_taken = e.seats_taken + 1
     where e.id = new.event_id and e.seats_taken < e.capacity
    returning e.fee into event_fee;
    took_seat := found;
  end if;
  if not took_seat then
    -- Under the lock, one read decides: a seat freed meanwhile is taken, else the back of the line.
    select e.fee, e.seats_taken < e.capacity into event_fee, took_seat
      from public.events e where e.id = new.event_id for update;
    if not found then
      raise exception using errcode = 'PT404', message = 'This event does not exist.', detail = 'event_id', hint = 'event_not_found';
    end if;
    if took_seat then
      update public.events e set seats_taken = e.seats_taken + 1 where e.id = new.event_id;
    end if;
  end if;

  if took_seat then
    new.status := 'pending';
    new.waitlist_position := null;
  else
    new.status := 'waitlisted';
    new.waitlist_position := nextval('private.enrollment_waitlist_seq');
  end if;

  if event_fee is null then
    new.payment_status := 'not_required';
    new.payment_reference := null;
    new.paid_at := null;
  elsif new.payment_status = 'paid' and new.payment_reference is not null then
    new.paid_at := coalesce(new.paid_at, now());
  else
    new.payment_status := 'awaiting';
    new.payment_reference := null;
    new.paid_at := null;
  end if;
  new.approved_at := null;
  new.rejected_at := null;
  new.cancelled_at := null;
  new.reason := null;
  return new;
end;
$$;

comment on function private.enrollment_before_insert() is
  'Trigger: a new enrollment is pending if a seat is free (taken under the gate), else waitlisted at the back; payment follows the event''s fee.';

revoke execute on function private.enrollment_before_insert() from public;

/**
 * BEFORE UPDATE: the status machine and the payment rule for everyone (Studio too), and the
 * seat a waitlisted enrollment takes when it moves up. Owner, event, creation and waitlist
 * bookkeeping cannot be edited. Definer for the seat counter (see enrollment_before_insert).
 */
create function private.enrollment_before_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  allowed public.enrollment_status[] := case old.status
    when 'pending' then array['approved', 'rejected', 'cancelled']::public.enrollment_status[]
    when 'waitlisted' then array['pending', 'rejected', 'cancelled']::public.enrollment_status[]
    when 'approved' then array['cancelled', 'rejected']::public.enrollment_status[]
    else array[]::public.enrollment_status[]
  end;
  why text := nullif(btrim(coalesce(current_setting('app.audit_reason', true), '')), '');
begin
  if new.id is distinct from old.id or new.event_id is distinct from old.event_id
     or new.user_id is distinct from old.user_id or new.created_at is distinct from old.created_at then
    raise exception using
      errcode = 'PT409',
      message = 'An enrollment''s member, event and creation time cannot be changed: cancel it and enroll again.',
      hint = 'enrollment_change_invalid';
  end if;

  -- Payment: only awaiting → paid, with a reference.
  if new.payment_status is distinct from old.payment_status then
    if not (old.payment_status = 'awaiting' and new.payment_status = 'paid') then
      raise exception using
        errcode = 'PT409',
        message = format('A payment cannot go from %s to %s.', old.payment_status, new.payment_status),
        hint = 'enrollment_change_invalid';
    end if;
    if char_length(btrim(coalesce(new.payment_reference, ''))) = 0 then
      raise exception using
        errcode = 'PT422',
        message = 'A payment reference is required to mark an enrollment paid.',
        detail = 'reference',
        hint = 'payment_reference_required';
    end if;
    new.payment_reference := btrim(new.payment_reference);
    new.paid_at := coalesce(new.paid_at, now());
  elsif new.payment_reference is distinct from old.payment_reference or new.paid_at is distinct from old.paid_at then
    if old.payment_status <> 'paid' or new.payment_reference is null then
      raise exception using
        errcode = 'PT409',
        message = 'A payment reference is recorded only by marking the enrollment paid.',
        hint = 'enrollment_change_invalid';
    end if;
  end if;

  if new.status = old.status then
    new.waitlist_position := old.waitlist_position;
    return new;
  end if;

  if not (new.status = any (allowed)) then
    raise exception using
      errcode = 'PT409',
      message = format('An enrollment cannot go from %s to %s.', old.status, new.status),
      hint = 'enrollment_transition_invalid',
      detail = case when cardinality(allowed) = 0
                    then format('%s is final.', old.status)
                    else format('From %s it can go to: %s.', old.status, array_to_string(allowed, ', ')) end;
  end if;

  if new.status = 'approved' and new.payment_status = 'awaiting' then
    raise exception using
      errcode = 'PT409',
      message = 'This event has a fee: mark the enrollment paid before approving it.',
      hint = 'enrollment_payment_required';
  end if;

  if old.status = 'waitlisted' and new.status = 'pending' then
    update public.events e set seats_taken = e.seats_taken + 1
     where e.id = new.event_id and e.seats_taken < e.capacity;
    if not found then
      raise exception using
        errcode = 'PT409',
        message = 'The event is full: no seat is free for this waitlisted enrollment.',
        hint = 'event_full';
    end if;
  end if;

  new.waitlist_position := case when new.status = 'waitlisted' then old.waitlist_position end;
  if new.status = 'approved' then new.approved_at := now(); end if;
  if new.status = 'rejected' then new.rejected_at := now(); end if;
  if new.status = 'cancelled' then new.cancelled_at := now(); end if;
  if new.status in ('rejected', 'cancelled') then
    new.reason := left(coalesce(nullif(btrim(coalesce(new.reason, '')), ''), why), 1000);
  end if;
  return new;
end;
$$;

comment on function private.enrollment_before_update() is
  'Trigger: legal status changes only (PT409), approval only when paid or free, payment only awaiting → paid with a reference; a waitlisted enrollment moving up takes a seat.';

revoke execute on function private.enrollment_before_update() from public;

/**
 * AFTER INSERT OR UPDATE OR DELETE: the effects, in the same transaction. A freed seat (pending
 * or approved leaving for rejected, cancelled, or a deleted row) goes back to the counter and
 * to the first waitlisted; approval issues the one coupon; rejection and cancellation void an
 * unused coupon; members hear about approval, rejection and moving up (mail_outbox); payment
 * and every status change is audited. Security definer: it writes events, coupons, audit_log
 * and mail_outbox, and runs as supabase_auth_admin when an account deletion cascades here.
 */
create function private.enrollment_after_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  ev public.events;
  coupon public.coupons;
  why text := nullif(btrim(coalesce(current_setting('app.audit_reason', true), '')), '');
  freed boolean;
begin
  if tg_op = 'INSERT' then
    perform private.write_audit('enrollment.created', 'public.enrollments', new.id::text, null,
      jsonb_build_object('event_id', new.event_id, 'user_id', new.user_id, 'status', new.status,
                         'payment_status', new.payment_status), why);
    return null;
  end if;

  if tg_op = 'DELETE' then
    perform private.write_audit('enrollment.deleted', 'public.enrollments', old.id::text,
      jsonb_build_object('event_id', old.event_id, 'user_id', old.user_id, 'status', old.status), null, why);
    if old.status in ('pending', 'approved') then
      update public.events e set seats_taken = e.seats_taken - 1 where e.id = old.event_id;
      perform private.promote_waitlisted(old.event_id);
    end if;
    return null;
  end if;

  -- UPDATE
  if new.payment_status is distinct from old.payment_status then
    perform private.write_audit('enrollment.marked_paid', 'public.enrollments', new.id::text,
      jsonb_build_object('payment_status', old.payment_status),
      jsonb_build_object('payment_status', new.payment_status, 'payment_reference', new.payment_reference), why);
  end if;

  if new.status = old.status then
    return null;
  end if;

  perform private.write_audit('enrollment.status_changed', 'public.enrollments', new.id::text,
    jsonb_build_object('status', old.status), jsonb_build_object('status', new.status), coalesce(why, new.reason));

  select e.* into ev from public.events e where e.id = new.event_id;
  freed := old.status in ('pending', 'approved') and new.status in ('rejected', 'cancelled');

  if new.status = 'approved' then
    insert into public.coupons (code, enrollment_id, event_id, user_id)
    values (private.generate_coupon_code(), new.id, new.event_id, new.user_id)
    on conflict (enrollment_id) do nothing;
    select c.* into coupon from public.coupons c where c.enrollment_id = new.id;
    perform private.write_audit('coupon.issued', 'public.coupons', coupon.id::text, null,
      jsonb_build_object('enrollment_id', new.id, 'event_id', new.event_id, 'user_id', new.user_id), why);
    perform private.enqueue_mail('enrollment_approved', new.user_id, jsonb_build_object(
      'enrollment_id', new.id, 'event_id', ev.id, 'event_slug', ev.slug, 'event_name', ev.name,
      'starts_at', ev.starts_at, 'ends_at', ev.ends_at, 'location', ev.location,
      'coupon_id', coupon.id, 'coupon_code', coupon.code));
  end if;

  if new.status in ('rejected', 'cancelled') then
    update public.coupons c set voided_at = now()
     where c.enrollment_id = new.id and c.used_at is null and c.voided_at is null;
  end if;

  if new.status = 'rejected' then
    perform private.enqueue_mail('enrollment_rejected', new.user_id, jsonb_build_object(
      'enrollment_id', new.id, 'event_id', ev.id, 'event_slug', ev.slug, 'event_name', ev.name,
      'starts_at', ev.starts_at, 'reason', new.reason));
  end if;

  if old.status = 'waitlisted' and new.status = 'pending' then
    perform private.enqueue_mail('enrollment_promoted', new.user_id, jsonb_build_object(
      'enrollment_id', new.id, 'event_id', ev.id, 'event_slug', ev.slug, 'event_name', ev.name,
      'starts_at', ev.starts_at, 'location', ev.location, 'payment_status', new.payment_status, 'fee', ev.fee));
  end if;

  if freed then
    update public.events e set seats_taken = e.seats_taken - 1 where e.id = new.event_id;
    perform private.promote_waitlisted(new.event_id);
  end if;
  return null;
end;
$$;

comment on function private.enrollment_after_change() is
  'Trigger: frees and passes on seats, issues the one coupon on approval, voids it on rejection/cancellation, queues the member''s mails, audits. Same path for RPCs, Studio and account deletion.';

revoke execute on function private.enrollment_after_change() from public;

/**
 * BEFORE DELETE: an enrollment's unused coupon goes with it (a used one stays, without its
 * enrollment and, with a deleted account, without its owner: the attendance record). Before,
 * not after: the foreign key's "set null" runs first among the after triggers. Definer: it
 * deletes coupons for an account deletion run by Auth.
 */
create function private.enrollment_before_delete()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.coupons c where c.enrollment_id = old.id and c.used_at is null;
  return old;
end;
$$;

comment on function private.enrollment_before_delete() is 'Trigger: deleting an enrollment deletes its unused coupon.';

revoke execute on function private.enrollment_before_delete() from public;

/**
  * -------------------------------------------------------
  * Section - Functions: triggers on events and coupons
  * -------------------------------------------------------
 */

/**
 * AFTER UPDATE OF capacity, cancelled_at ON events: more capacity moves the first waitlisted
 * up at once; cancelling the event cancels every live enrollment (voiding unused coupons) with
 * the reason "The event was cancelled." Definer: it writes enrollments for an admin's edit.
 */
create function private.event_after_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if new.cancelled_at is not null and old.cancelled_at is null then
    perform pg_catalog.set_config('app.audit_reason', 'The event was cancelled.', true);
    update public.enrollments en set status = 'cancelled'
     where en.event_id = new.id and en.status in ('pending', 'waitlisted', 'approved');
    perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  elsif new.capacity > old.capacity and new.cancelled_at is null then
    perform private.promote_waitlisted(new.id);
  end if;
  perform private.write_audit('event.updated', 'public.events', new.id::text,
    jsonb_build_object('capacity', old.capacity, 'cancelled_at', old.cancelled_at),
    jsonb_build_object('capacity', new.capacity, 'cancelled_at', new.cancelled_at));
  return null;
end;
$$;

comment on function private.event_after_update() is
  'Trigger: a capacity increase promotes waitlisted members; a cancellation cancels every live enrollment. Audited.';

revoke execute on function private.event_after_update() from public;

/**
 * BEFORE UPDATE ON coupons: only used_at and voided_at change, voided is final, and a voided
 * coupon cannot be used. Invoker: it reads only OLD and NEW.
 */
create function private.coupon_before_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.id is distinct from old.id or new.code is distinct from old.code or new.event_id is distinct from old.event_id
     or new.issued_at is distinct from old.issued_at or new.created_at is distinct from old.created_at
     or (new.enrollment_id is distinct from old.enrollment_id and new.enrollment_id is not null)
     or (new.user_id is distinct from old.user_id and new.user_id is not null) then
    raise exception using
      errcode = 'PT409',
      message = 'A coupon''s code, enrollment, owner and event cannot be changed.',
      hint = 'coupon_change_invalid';
  end if;
  if old.voided_at is not null and new.voided_at is distinct from old.voided_at then
    raise exception using errcode = 'PT409', message = 'A void coupon stays void.', hint = 'coupon_void';
  end if;
  if new.voided_at is not null and new.used_at is distinct from old.used_at then
    raise exception using errcode = 'PT409', message = 'This coupon is void: its enrollment was cancelled or rejected.', hint = 'coupon_void';
  end if;
  return new;
end;
$$;

comment on function private.coupon_before_update() is
  'Trigger: only used_at and voided_at change; void is final and cannot be used.';

revoke execute on function private.coupon_before_update() from public;

/**
 * AFTER UPDATE OF used_at, voided_at ON coupons: audits use, check-in, reset and voiding
 * (Studio edits too). Definer to call write_audit.
 */
create function private.coupon_after_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.write_audit(
    case when new.voided_at is not null and old.voided_at is null then 'coupon.voided'
         when new.used_at is null then 'coupon.reset'
         else 'coupon.used' end,
    'public.coupons', new.id::text,
    jsonb_build_object('used_at', old.used_at, 'voided_at', old.voided_at),
    jsonb_build_object('used_at', new.used_at, 'voided_at', new.voided_at));
  return null;
end;
$$;

comment on function private.coupon_after_update() is 'Trigger: audits every use, check-in, reset and voiding of a coupon.';

revoke execute on function private.coupon_after_update() from public;

/**
  * -------------------------------------------------------
  * Section - Functions: RPCs
  * -------------------------------------------------------
 */

/**
 * enroll, privileged half. Members only: signed in, not a guest, and in invite-only mode an
 * account with a redeemed invitation (or exempted, or an admin). One live row per member and
 * event: an existing one is returned as it is (a second click, a concurrent double submit:
 * the unique index and a retry inside an exception block, which also undoes the seat taken by
 * the losing insert). Security definer because enrollments and events' counter are not
 * writable by API roles; it checks its caller itself.
 */
create function private.enroll(event_id uuid)
returns public.enrollment_state
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
  caller auth.users;
  ev public.events;
  existing uuid;
  created uuid;
begin
  if me is null then
    raise exception using errcode = 'PT401', message = 'You need to be signed in to enroll in an event.', hint = 'sign_in_required';
  end if;
  select u.* into caller from auth.users u where u.id = me;
  if caller.id is null or coalesce(caller.is_anonymous, false) then
    raise exception using
      errcode = 'PT403',
      message = 'Events are for members: create an account (or sign in) to enroll.',
      hint = 'members_only';
  end if;
  if (select s.signup_mode from public.app_settings s) = 'invite_only'
     and not private.is_admin()
     and not private.invite_exempt(false, caller.raw_app_meta_data)
     and (select p.invitation_id from public.profiles p where p.id = me) is null then
    raise exception using
      errcode = 'PT403',
      message = 'Events are for members: redeem an invite code on your account page to enroll.',
      hint = 'membership_required';
  end if;

  select e.* into ev from public.events e where e.id = enroll.event_id and (e.published or private.is_admin());
  if ev.id is null then
    raise exception using errcode = 'PT404', message = 'This event does not exist.', detail = 'event_id', hint = 'event_not_found';
  end if;

  select en.id into existing from public.enrollments en
   where en.event_id = ev.id and en.user_id = me and en.status <> 'cancelled';
  if existing is not null then
    return private.enrollment_state(existing);
  end if;

  if ev.cancelled_at is not null then
    raise exception using errcode = 'PT409', message = format('"%s" has been cancelled.', ev.name), hint = 'event_cancelled';
  end if;
  if private.now() >= ev.starts_at then
    raise exception using
      errcode = 'PT409',
      message = format('"%s" has already started, so enrollment is closed.', ev.name),
      hint = 'event_started';
  end if;

  begin
    insert into public.enrollments (event_id, user_id) values (ev.id, me) returning enrollments.id into created;
  exception when unique_violation then
    select en.id into created from public.enrollments en
     where en.event_id = ev.id and en.user_id = me and en.status <> 'cancelled';
  end;
  return private.enrollment_state(created);
end;
$$;

comment on function private.enroll(uuid) is 'Privileged half of public.enroll.';

revoke execute on function private.enroll(uuid) from public;
grant execute on function private.enroll(uuid) to authenticated;

/**
 * rpc('enroll', { event_id }): the caller's enrollment in a published, upcoming event: pending
 * while a seat is free, else waitlisted with waitlist_place. A second call returns the same
 * row. Errors: PT401 sign_in_required, PT403 members_only / membership_required, PT404
 * event_not_found, PT409 event_cancelled / event_started.
 */
create function public.enroll(event_id uuid)
returns public.enrollment_state
language sql
security invoker
set search_path = ''
as $$
  select * from private.enroll(enroll.event_id);
$$;

comment on function public.enroll(uuid) is
  'Members: enroll in an event (pending while a seat is free, else waitlisted with waitlist_place); a second call returns the same enrollment.';

revoke execute on function public.enroll(uuid) from public;
grant execute on function public.enroll(uuid) to authenticated;

/**
 * create_enrollment, privileged half: an operator enrolls a member who should be enrolled
 * (support: "I paid but I am not on the list"), with a reason, through the same insert and
 * triggers as enroll (pending or waitlisted; the seat rules hold). It may enroll in an
 * unpublished or started event; guests and unknown accounts are refused. A live enrollment
 * already there is returned. Security definer: enrollments are not writable by API roles.
 */
create function private.create_enrollment(user_id uuid, event_id uuid, reason text)
returns public.enrollment_state
language plpgsql
security definer
set search_path = ''
as $$
declare
  why text;
  member auth.users;
  existing uuid;
  created uuid;
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if not private.is_operator() then
    raise exception using errcode = 'PT403', message = 'Only an admin can do that.', hint = 'admin_only';
  end if;
  why := private.required_reason(create_enrollment.reason);
  select u.* into member from auth.users u where u.id = create_enrollment.user_id;
  if member.id is null then
    raise exception using errcode = 'PT404', message = 'No account has that id.', hint = 'account_not_found';
  end if;
  if coalesce(member.is_anonymous, false) then
    raise exception using
      errcode = 'PT403',
      message = 'Events are for members: a guest cannot be enrolled.',
      hint = 'members_only';
  end if;
  if not exists (select 1 from public.events e where e.id = create_enrollment.event_id and e.cancelled_at is null) then
    raise exception using errcode = 'PT404', message = 'This event does not exist.', detail = 'event_id', hint = 'event_not_found';
  end if;
  select en.id into existing from public.enrollments en
   where en.event_id = create_enrollment.event_id and en.user_id = member.id and en.status <> 'cancelled';
  if existing is not null then
    return private.enrollment_state(existing);
  end if;
  perform pg_catalog.set_config('app.audit_reason', why, true);
  insert into public.enrollments (event_id, user_id) values (create_enrollment.event_id, member.id)
  returning enrollments.id into created;
  perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  return private.enrollment_state(created);
end;
$$;

comment on function private.create_enrollment(uuid, uuid, text) is 'Privileged half of public.create_enrollment.';

revoke execute on function private.create_enrollment(uuid, uuid, text) from public;
grant execute on function private.create_enrollment(uuid, uuid, text) to authenticated, service_role;

/**
 * rpc('create_enrollment', { user_id, event_id, reason }): admins enroll a member on their
 * behalf (audited with the reason; the audit row names the admin). Then mark it paid and
 * approve it as usual. Errors: PT403 admin_only / members_only, PT422 reason_required, PT404
 * account_not_found / event_not_found (or cancelled).
 */
create function public.create_enrollment(user_id uuid, event_id uuid, reason text)
returns public.enrollment_state
language sql
security invoker
set search_path = ''
as $$
  select * from private.create_enrollment(create_enrollment.user_id, create_enrollment.event_id, create_enrollment.reason);
$$;

comment on function public.create_enrollment(uuid, uuid, text) is
  'Admins: enroll a member on their behalf, with a reason (pending or waitlisted by the same rules as enroll). Audited.';

revoke execute on function public.create_enrollment(uuid, uuid, text) from public;
grant execute on function public.create_enrollment(uuid, uuid, text) to authenticated, service_role;

/**
 * The shared start of the admin enrollment RPCs: the caller must be an operator, the row must
 * exist; it is returned locked. Definer like its callers.
 */
create function private.lock_enrollment_for_operator(enrollment_id uuid)
returns public.enrollments
language plpgsql
security definer
set search_path = ''
as $$
declare
  target public.enrollments;
begin
  if not private.is_operator() then
    raise exception using errcode = 'PT403', message = 'Only an admin can do that.', hint = 'admin_only';
  end if;
  select en.* into target from public.enrollments en where en.id = lock_enrollment_for_operator.enrollment_id for update;
  if target.id is null then
    raise exception using errcode = 'PT404', message = 'Enrollment not found.', detail = 'enrollment_id', hint = 'enrollment_not_found';
  end if;
  return target;
end;
$$;

comment on function private.lock_enrollment_for_operator(uuid) is 'Operators only (PT403); the enrollment locked, or PT404.';

revoke execute on function private.lock_enrollment_for_operator(uuid) from public;

/**
 * cancel_enrollment, privileged half. The owner may cancel their own (reason optional); an
 * operator anyone's, with a reason. Cancelling a cancelled enrollment returns it unchanged.
 * The trigger frees the seat, voids an unused coupon and promotes the next in line.
 * Security definer because enrollments are not writable by API roles.
 */
create function private.cancel_enrollment(enrollment_id uuid, reason text default null)
returns public.enrollment_state
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
  target public.enrollments;
  why text := nullif(btrim(coalesce(cancel_enrollment.reason, '')), '');
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if me is null and not private.is_operator() then
    raise exception using errcode = 'PT401', message = 'You need to be signed in to cancel an enrollment.', hint = 'sign_in_required';
  end if;
  select en.* into target from public.enrollments en where en.id = cancel_enrollment.enrollment_id for update;
  if target.id is null or (target.user_id is distinct from me and not private.is_operator()) then
    raise exception using errcode = 'PT404', message = 'Enrollment not found.', detail = 'enrollment_id', hint = 'enrollment_not_found';
  end if;
  if target.user_id is distinct from me then
    why := private.required_reason(cancel_enrollment.reason);
  end if;
  if char_length(why) > 1000 then
    why := private.required_reason(why);
  end if;
  if target.status <> 'cancelled' then
    perform pg_catalog.set_config('app.audit_reason',
      coalesce(why, case when target.user_id = me then 'Cancelled by the member' end, ''), true);
    update public.enrollments en set status = 'cancelled', reason = why where en.id = target.id;
    perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  end if;
  return private.enrollment_state(target.id);
end;
$$;

comment on function private.cancel_enrollment(uuid, text) is 'Privileged half of public.cancel_enrollment.';

revoke execute on function private.cancel_enrollment(uuid, text) from public;
grant execute on function private.cancel_enrollment(uuid, text) to authenticated, service_role;

/**
 * rpc('cancel_enrollment', { enrollment_id, reason? }): the owner cancels their enrollment,
 * or an admin anyone's with a reason. Frees the seat for the next in line and voids an unused
 * coupon. Errors: PT401, PT404 enrollment_not_found (or not yours), PT422 reason_required
 * (admins), PT409 enrollment_transition_invalid (rejected is final).
 */
create function public.cancel_enrollment(enrollment_id uuid, reason text default null)
returns public.enrollment_state
language sql
security invoker
set search_path = ''
as $$
  select * from private.cancel_enrollment(cancel_enrollment.enrollment_id, cancel_enrollment.reason);
$$;

comment on function public.cancel_enrollment(uuid, text) is
  'Cancel an enrollment: the owner, or an admin with a reason. Frees the seat for the first waitlisted and voids an unused coupon.';

revoke execute on function public.cancel_enrollment(uuid, text) from public;
grant execute on function public.cancel_enrollment(uuid, text) to authenticated, service_role;

/**
 * approve_enrollment, privileged half: an operator approves a pending enrollment (paid or
 * free); approving an approved one returns it with its one coupon. Security definer because
 * enrollments are not writable by API roles.
 */
create function private.approve_enrollment(enrollment_id uuid)
returns public.enrollment_state
language plpgsql
security definer
set search_path = ''
as $$
declare
  target public.enrollments := private.lock_enrollment_for_operator(approve_enrollment.enrollment_id);
begin
  if target.status <> 'approved' then
    update public.enrollments en set status = 'approved' where en.id = target.id;
  end if;
  return private.enrollment_state(target.id);
end;
$$;

comment on function private.approve_enrollment(uuid) is 'Privileged half of public.approve_enrollment.';

revoke execute on function private.approve_enrollment(uuid) from public;
grant execute on function private.approve_enrollment(uuid) to authenticated, service_role;

/**
 * rpc('approve_enrollment', { enrollment_id }): admins approve a pending enrollment; issues its
 * one coupon in the same transaction (returned as coupon_id) and mails the member. Idempotent.
 * Errors: PT403 admin_only, PT404, PT409 enrollment_payment_required / enrollment_transition_invalid.
 */
create function public.approve_enrollment(enrollment_id uuid)
returns public.enrollment_state
language sql
security invoker
set search_path = ''
as $$
  select * from private.approve_enrollment(approve_enrollment.enrollment_id);
$$;

comment on function public.approve_enrollment(uuid) is
  'Admins: approve a pending enrollment (paid or free); issues exactly one coupon, however often it is called.';

revoke execute on function public.approve_enrollment(uuid) from public;
grant execute on function public.approve_enrollment(uuid) to authenticated, service_role;

/**
 * reject_enrollment, privileged half: an operator rejects a pending, waitlisted or approved
 * enrollment with a reason; rejecting a rejected one returns it. Security definer because
 * enrollments are not writable by API roles.
 */
create function private.reject_enrollment(enrollment_id uuid, reason text)
returns public.enrollment_state
language plpgsql
security definer
set search_path = ''
as $$
declare
  target public.enrollments := private.lock_enrollment_for_operator(reject_enrollment.enrollment_id);
  why text := private.required_reason(reject_enrollment.reason);
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if target.status <> 'rejected' then
    perform pg_catalog.set_config('app.audit_reason', why, true);
    update public.enrollments en set status = 'rejected', reason = why where en.id = target.id;
    perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  end if;
  return private.enrollment_state(target.id);
end;
$$;

comment on function private.reject_enrollment(uuid, text) is 'Privileged half of public.reject_enrollment.';

revoke execute on function private.reject_enrollment(uuid, text) from public;
grant execute on function private.reject_enrollment(uuid, text) to authenticated, service_role;

/**
 * rpc('reject_enrollment', { enrollment_id, reason }): admins reject an enrollment; frees its
 * seat for the next in line, voids an unused coupon, mails the member the reason.
 * Errors: PT403 admin_only, PT404, PT422 reason_required, PT409 enrollment_transition_invalid.
 */
create function public.reject_enrollment(enrollment_id uuid, reason text)
returns public.enrollment_state
language sql
security invoker
set search_path = ''
as $$
  select * from private.reject_enrollment(reject_enrollment.enrollment_id, reject_enrollment.reason);
$$;

comment on function public.reject_enrollment(uuid, text) is
  'Admins: reject an enrollment with a reason; frees the seat for the first waitlisted, voids an unused coupon, mails the member.';

revoke execute on function public.reject_enrollment(uuid, text) from public;
grant execute on function public.reject_enrollment(uuid, text) to authenticated, service_role;

/**
 * mark_enrollment_paid, privileged half: an operator records the payment of a live
 * enrollment awaiting it, with the transfer's reference and a reason (audited). Marking a
 * paid one with the same reference returns it. Security definer because enrollments are not
 * writable by API roles.
 */
create function private.mark_enrollment_paid(enrollment_id uuid, reference text, reason text)
returns public.enrollment_state
language plpgsql
security definer
set search_path = ''
as $$
declare
  target public.enrollments := private.lock_enrollment_for_operator(mark_enrollment_paid.enrollment_id);
  why text := private.required_reason(mark_enrollment_paid.reason);
  ref text := nullif(btrim(coalesce(mark_enrollment_paid.reference, '')), '');
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if ref is null or char_length(ref) > 200 then
    raise exception using
      errcode = 'PT422',
      message = 'A payment reference is required (1-200 characters).',
      detail = 'reference',
      hint = 'payment_reference_required';
  end if;
  if target.payment_status = 'paid' and target.payment_reference = ref then
    return private.enrollment_state(target.id);
  end if;
  if target.payment_status <> 'awaiting' or target.status in ('rejected', 'cancelled') then
    raise exception using
      errcode = 'PT409',
      message = case when target.payment_status = 'not_required' then 'This event is free: there is nothing to pay.'
                     when target.payment_status = 'paid' then 'This enrollment is already marked paid.'
                     else format('This enrollment is %s: a payment is no longer recorded.', target.status) end,
      hint = 'payment_not_awaited';
  end if;
  perform pg_catalog.set_config('app.audit_reason', why, true);
  update public.enrollments en set payment_status = 'paid', payment_reference = ref, paid_at = now() where en.id = target.id;
  perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  return private.enrollment_state(target.id);
end;
$$;

comment on function private.mark_enrollment_paid(uuid, text, text) is 'Privileged half of public.mark_enrollment_paid.';

revoke execute on function private.mark_enrollment_paid(uuid, text, text) from public;
grant execute on function private.mark_enrollment_paid(uuid, text, text) to authenticated, service_role;

/**
 * rpc('mark_enrollment_paid', { enrollment_id, reference, reason }): admins record that the fee
 * of an enrollment was received (audited with the reference and reason); approval needs it.
 * Errors: PT403 admin_only, PT404, PT422 reason_required / payment_reference_required, PT409
 * payment_not_awaited (free event, already paid, rejected or cancelled).
 */
create function public.mark_enrollment_paid(enrollment_id uuid, reference text, reason text)
returns public.enrollment_state
language sql
security invoker
set search_path = ''
as $$
  select * from private.mark_enrollment_paid(mark_enrollment_paid.enrollment_id, mark_enrollment_paid.reference, mark_enrollment_paid.reason);
$$;

comment on function public.mark_enrollment_paid(uuid, text, text) is
  'Admins: record an enrollment''s payment (reference and reason, audited). Approval of an event with a fee needs it.';

revoke execute on function public.mark_enrollment_paid(uuid, text, text) from public;
grant execute on function public.mark_enrollment_paid(uuid, text, text) to authenticated, service_role;

/**
 * use_coupon, privileged half: the owner of a valid coupon of an approved enrollment marks it
 * used, once: one conditional update, so of concurrent calls (and an admin's check-in) exactly
 * one succeeds. Security definer because coupons are not writable by API roles.
 */
create function private.use_coupon(coupon_id uuid)
returns public.coupons
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
  target public.coupons;
begin
  if me is null then
    raise exception using errcode = 'PT401', message = 'You need to be signed in to use a coupon.', hint = 'sign_in_required';
  end if;
  update public.coupons c set used_at = now()
   where c.id = use_coupon.coupon_id and c.user_id = me and c.used_at is null and c.voided_at is null
     and exists (select 1 from public.enrollments en where en.id = c.enrollment_id and en.status = 'approved')
  returning c.* into target;
  if target.id is not null then
    return target;
  end if;
  select c.* into target from public.coupons c where c.id = use_coupon.coupon_id and c.user_id = me;
  if target.id is null then
    raise exception using errcode = 'PT404', message = 'Coupon not found.', detail = 'coupon_id', hint = 'coupon_not_found';
  end if;
  if target.voided_at is not null or target.used_at is null then
    raise exception using errcode = 'PT409', message = 'This coupon is void: its enrollment was cancelled or rejected.', hint = 'coupon_void';
  end if;
  raise exception using errcode = 'PT409', message = 'This coupon has already been used.', hint = 'coupon_already_used';
end;
$$;

comment on function private.use_coupon(uuid) is 'Privileged half of public.use_coupon.';

revoke execute on function private.use_coupon(uuid) from public;
grant execute on function private.use_coupon(uuid) to authenticated;

/**
 * rpc('use_coupon', { coupon_id }): the approved owner uses their coupon, exactly once; returns
 * the coupon with used_at. Errors: PT401, PT404 coupon_not_found (or not yours), PT409
 * coupon_already_used / coupon_void.
 */
create function public.use_coupon(coupon_id uuid)
returns public.coupons
language sql
security invoker
set search_path = ''
as $$
  select * from private.use_coupon(use_coupon.coupon_id);
$$;

comment on function public.use_coupon(uuid) is 'The owner uses their coupon, exactly once (PT409 coupon_already_used after that).';

revoke execute on function public.use_coupon(uuid) from public;
grant execute on function public.use_coupon(uuid) to authenticated;

/**
 * check_in_coupon, privileged half: at the venue an operator checks a coupon in by its code
 * (typed or from the QR); shows the member and the event and marks it used, once (the same
 * conditional update as use_coupon). Security definer: coupons are not writable by API roles,
 * and the member's name is not readable by the checking admin's policies alone in every case.
 */
create function private.check_in_coupon(code text)
returns public.coupon_check_in
language plpgsql
security definer
set search_path = ''
as $$
declare
  typed text := private.normalize_coupon_code(check_in_coupon.code);
  target public.coupons;
begin
  if not private.is_operator() then
    raise exception using errcode = 'PT403', message = 'Only an admin can do that.', hint = 'admin_only';
  end if;
  update public.coupons c set used_at = now()
   where c.code = typed and c.used_at is null and c.voided_at is null
  returning c.* into target;
  if target.id is null then
    select c.* into target from public.coupons c where c.code = typed;
    if target.id is null then
      raise exception using errcode = 'PT404', message = 'No coupon has that code.', detail = 'code', hint = 'coupon_not_found';
    end if;
    if target.voided_at is not null then
      raise exception using errcode = 'PT409', message = 'This coupon is void: its enrollment was cancelled or rejected.', hint = 'coupon_void';
    end if;
    raise exception using
      errcode = 'PT409',
      message = format('This coupon was already used at %s.', to_char(target.used_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')),
      hint = 'coupon_already_used';
  end if;
  return (
    select row(target.id, target.code, target.used_at, target.enrollment_id, target.user_id,
               coalesce(p.display_name, nullif(concat_ws(' ', p.first_name, p.last_name), '')), u.email::text,
               e.id, e.name, e.starts_at)::public.coupon_check_in
      from public.events e
      left join public.profiles p on p.id = target.user_id
      left join auth.users u on u.id = target.user_id
     where e.id = target.event_id);
end;
$$;

comment on function private.check_in_coupon(text) is 'Privileged half of public.check_in_coupon.';

revoke execute on function private.check_in_coupon(text) from public;
grant execute on function private.check_in_coupon(text) to authenticated, service_role;

/**
 * rpc('check_in_coupon', { code }): admins at the venue: marks the coupon used, once, and
 * returns who it is for and which event. Errors: PT403 admin_only, PT404 coupon_not_found,
 * PT409 coupon_already_used (with when) / coupon_void.
 */
create function public.check_in_coupon(code text)
returns public.coupon_check_in
language sql
security invoker
set search_path = ''
as $$
  select * from private.check_in_coupon(check_in_coupon.code);
$$;

comment on function public.check_in_coupon(text) is
  'Admins: check a coupon in by its code (any case, dashes optional): marks it used once and returns the member and the event.';

revoke execute on function public.check_in_coupon(text) from public;
grant execute on function public.check_in_coupon(text) to authenticated, service_role;

/**
 * reset_coupon, privileged half: an operator makes a used coupon usable again (a check-in by
 * mistake), with a reason; a void coupon cannot be reset. Security definer because coupons are
 * not writable by API roles.
 */
create function private.reset_coupon(coupon_id uuid, reason text)
returns public.coupons
language plpgsql
security definer
set search_path = ''
as $$
declare
  why text;
  target public.coupons;
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if not private.is_operator() then
    raise exception using errcode = 'PT403', message = 'Only an admin can do that.', hint = 'admin_only';
  end if;
  why := private.required_reason(reset_coupon.reason);
  select c.* into target from public.coupons c where c.id = reset_coupon.coupon_id for update;
  if target.id is null then
    raise exception using errcode = 'PT404', message = 'Coupon not found.', detail = 'coupon_id', hint = 'coupon_not_found';
  end if;
  if target.voided_at is not null then
    raise exception using errcode = 'PT409', message = 'This coupon is void: its enrollment was cancelled or rejected.', hint = 'coupon_void';
  end if;
  if target.used_at is not null then
    perform pg_catalog.set_config('app.audit_reason', why, true);
    update public.coupons c set used_at = null where c.id = target.id returning c.* into target;
    perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  end if;
  return target;
end;
$$;

comment on function private.reset_coupon(uuid, text) is 'Privileged half of public.reset_coupon.';

revoke execute on function private.reset_coupon(uuid, text) from public;
grant execute on function private.reset_coupon(uuid, text) to authenticated, service_role;

/**
 * rpc('reset_coupon', { coupon_id, reason }): admins make a used coupon usable again (audited
 * with the reason). Errors: PT403 admin_only, PT422 reason_required, PT404, PT409 coupon_void.
 */
create function public.reset_coupon(coupon_id uuid, reason text)
returns public.coupons
language sql
security invoker
set search_path = ''
as $$
  select * from private.reset_coupon(reset_coupon.coupon_id, reset_coupon.reason);
$$;

comment on function public.reset_coupon(uuid, text) is 'Admins: make a used coupon usable again, with a reason (audited).';

revoke execute on function public.reset_coupon(uuid, text) from public;
grant execute on function public.reset_coupon(uuid, text) to authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Views (security invoker: the events policy decides what is visible)
  * -------------------------------------------------------
 */

create view public.event_seats
  with (security_invoker = true)
as
select e.id as event_id, e.capacity, e.seats_taken, e.capacity - e.seats_taken as seats_left
from public.events as e;

comment on view public.event_seats is
  'Seats of every event the caller can see (published ones for visitors): capacity, taken (pending + approved) and left.';
comment on column public.event_seats.event_id is 'The event.';
comment on column public.event_seats.capacity is 'Seats in all.';
comment on column public.event_seats.seats_taken is 'Pending plus approved enrollments.';
comment on column public.event_seats.seats_left is 'capacity - seats_taken; 0 means new enrollments join the waitlist.';

create view public.event_cards
  with (security_invoker = true)
as
select
  e.id,
  l.locale,
  e.slug,
  coalesce(t.name, e.name)::public.localized_text as name,
  coalesce(t.description, e.description)::public.localized_text as description,
  coalesce(t.location, e.location)::public.localized_text as location,
  e.starts_at,
  e.ends_at,
  e.capacity,
  e.seats_taken,
  e.capacity - e.seats_taken as seats_left,
  e.fee,
  e.image_url,
  coalesce(t.image_alt, e.image_alt)::public.localized_text as image_alt,
  e.cancelled_at,
  (e.cancelled_at is null and private.now() < e.starts_at) as enrollment_open
from public.events as e
cross join unnest(enum_range(null::public.locale)) as l (locale)
left join public.event_translations as t on t.event_id = e.id and t.locale = l.locale
where e.published;

comment on view public.event_cards is
  'One row per published event and language (filter on locale): texts in that language (English where not translated), dates, seats, fee, image. The events pages.';
comment on column public.event_cards.locale is 'The language of the texts in this row; every language of public.locale has a row. Always filter on it.';
comment on column public.event_cards.name is 'event_translations.name for this language, else events.name.';
comment on column public.event_cards.description is 'event_translations.description for this language, else events.description.';
comment on column public.event_cards.location is 'event_translations.location for this language, else events.location.';
comment on column public.event_cards.seats_taken is 'Pending plus approved enrollments.';
comment on column public.event_cards.seats_left is 'Free seats; 0 means new enrollments join the waitlist.';
comment on column public.event_cards.fee is 'Price per seat (VAT included); null for a free event.';
comment on column public.event_cards.image_alt is 'event_translations.image_alt for this language, else events.image_alt.';
comment on column public.event_cards.cancelled_at is 'Set when the event was called off.';
comment on column public.event_cards.enrollment_open is 'Whether enroll accepts it now: not cancelled and not started (database clock).';

/**
 * Studio lists for operators (admin schema: not exposed, not granted to API roles).
 * admin.pending_enrollments: what waits for a decision, with the member's contact details and
 * the payment; admin.waitlists: every waitlist in order, place 1 first.
 */
create view admin.pending_enrollments
  with (security_invoker = true)
as
select en.id as enrollment_id, e.slug as event_slug, e.name as event_name, e.starts_at,
       e.capacity - e.seats_taken as seats_left, en.user_id,
       coalesce(p.display_name, nullif(concat_ws(' ', p.first_name, p.last_name), '')) as member_name,
       u.email::text as member_email, p.phone as member_phone,
       e.fee, en.payment_status, en.payment_reference, en.created_at as enrolled_at
from public.enrollments en
join public.events e on e.id = en.event_id
join public.profiles p on p.id = en.user_id
left join auth.users u on u.id = en.user_id
where en.status = 'pending'
order by e.starts_at, en.created_at;

comment on view admin.pending_enrollments is
  'Enrollments waiting for approval, soonest event first, with the member''s name, email and phone and the payment (approve in the table editor or with public.approve_enrollment).';

create view admin.waitlists
  with (security_invoker = true)
as
select e.slug as event_slug, e.name as event_name, e.starts_at,
       row_number() over (partition by en.event_id order by en.waitlist_position)::integer as place,
       en.id as enrollment_id, en.user_id,
       coalesce(p.display_name, nullif(concat_ws(' ', p.first_name, p.last_name), '')) as member_name,
       u.email::text as member_email, en.created_at as enrolled_at
from public.enrollments en
join public.events e on e.id = en.event_id
join public.profiles p on p.id = en.user_id
left join auth.users u on u.id = en.user_id
where en.status = 'waitlisted'
order by e.starts_at, e.slug, place;

comment on view admin.waitlists is 'Every event''s waitlist in order (place 1 moves up first when a seat frees), with the member''s name and email.';

revoke all on admin.pending_enrollments, admin.waitlists from public, anon, authenticated, service_role;

/**
 * The events' invariants, for Studio, pgTAP, the race tests and the bench (like
 * admin.integrity_problems for money and stock): no rows means all hold.
 *   seats_taken = pending + approved;  pending + approved <= capacity;
 *   no free seat while someone waits (events not cancelled);
 *   an approved enrollment has exactly one coupon, not void; a coupon of an enrollment that is
 *   not approved is void, or was used before (a used coupon is never voided).
 */
create function admin.event_integrity_problems()
returns table (invariant text, subject text, detail text)
language sql
stable
set search_path = ''
as $$
  select 'seats_taken = pending + approved', e.slug, format('seats_taken %s, counted %s', e.seats_taken, coalesce(c.n, 0))
    from public.events e
    left join lateral (select count(*)::integer as n from public.enrollments en
                        where en.event_id = e.id and en.status in ('pending', 'approved')) as c on true
   where e.seats_taken is distinct from coalesce(c.n, 0)
  union all
  select 'pending + approved <= capacity', e.slug, format('capacity %s, taken %s', e.capacity, c.n)
    from public.events e
    cross join lateral (select count(*)::integer as n from public.enrollments en
                         where en.event_id = e.id and en.status in ('pending', 'approved')) as c
   where c.n > e.capacity
  union all
  select 'no free seat while someone waits', e.slug, format('%s seats left, %s waiting', e.capacity - e.seats_taken, w.n)
    from public.events e
    cross join lateral (select count(*)::integer as n from public.enrollments en
                         where en.event_id = e.id and en.status = 'waitlisted') as w
   where e.cancelled_at is null and w.n > 0 and e.seats_taken < e.capacity
  union all
  select 'an approved enrollment has one valid coupon', en.id::text, format('%s valid coupons', count(c.id))
    from public.enrollments en
    left join public.coupons c on c.enrollment_id = en.id and c.voided_at is null
   where en.status = 'approved'
   group by en.id
  having count(c.id) <> 1
  union all
  select 'a coupon of an enrollment not approved is void or used', c.code, en.status::text
    from public.coupons c
    join public.enrollments en on en.id = c.enrollment_id
   where en.status <> 'approved' and c.voided_at is null and c.used_at is null;
$$;

comment on function admin.event_integrity_problems() is
  'Events invariants (seats = pending + approved <= capacity, no free seat with a waitlist, one valid coupon per approval): select * from admin.event_integrity_problems(); no rows = all hold.';

revoke execute on function admin.event_integrity_problems() from public;

/**
  * -------------------------------------------------------
  * Section - Grants
  * -------------------------------------------------------
 */

revoke all on public.events, public.event_translations, public.enrollments, public.coupons,
  public.event_seats, public.event_cards from anon, authenticated, service_role;

grant select on public.events, public.event_translations, public.event_seats, public.event_cards to anon, authenticated, service_role;
grant select on public.enrollments, public.coupons to authenticated, service_role;

-- Admins write events through the authenticated role; the policies let only admins through.
-- seats_taken is the triggers' counter: no API role writes it.
grant insert (slug, name, description, starts_at, ends_at, location, capacity, fee, image_url, image_alt, published, cancelled_at),
  update (slug, name, description, starts_at, ends_at, location, capacity, fee, image_url, image_alt, published, cancelled_at)
  on public.events to authenticated, service_role;
grant delete on public.events to authenticated, service_role;
grant insert (event_id, locale, name, description, location, image_alt), update (event_id, locale, name, description, location, image_alt),
  delete on public.event_translations to authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

-- Counter-only changes (seats_taken) are not edits of the event (as products.reserved, …0300).
create trigger events_touch_updated_at
  before update on public.events
  for each row
  when (
    old.seats_taken is not distinct from new.seats_taken
    or old is distinct from jsonb_populate_record(new, jsonb_build_object('seats_taken', old.seats_taken))
  )
  execute function private.touch_updated_at();

create trigger events_after_update
  after update of capacity, cancelled_at on public.events
  for each row
  when (old.capacity is distinct from new.capacity or old.cancelled_at is distinct from new.cancelled_at)
  execute function private.event_after_update();

create trigger event_translations_touch_updated_at
  before update on public.event_translations
  for each row execute function private.touch_updated_at();

create trigger enrollments_before_insert
  before insert on public.enrollments
  for each row execute function private.enrollment_before_insert();

create trigger enrollments_before_update
  before update on public.enrollments
  for each row execute function private.enrollment_before_update();

create trigger enrollments_before_delete
  before delete on public.enrollments
  for each row execute function private.enrollment_before_delete();

create trigger enrollments_touch_updated_at
  before update on public.enrollments
  for each row execute function private.touch_updated_at();

create trigger enrollments_after_change
  after insert or update or delete on public.enrollments
  for each row execute function private.enrollment_after_change();

create trigger coupons_before_update
  before update on public.coupons
  for each row execute function private.coupon_before_update();

create trigger coupons_touch_updated_at
  before update on public.coupons
  for each row execute function private.touch_updated_at();

create trigger coupons_after_update
  after update of used_at, voided_at on public.coupons
  for each row
  when (old.used_at is distinct from new.used_at or old.voided_at is distinct from new.voided_at)
  execute function private.coupon_after_update();
