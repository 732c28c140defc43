-- =============================================================================================
-- The member's own enrollments as the events pages and the account area show them: each with
-- its place in line (while waitlisted) and its coupon. A place counts other members' waitlisted
-- rows, which RLS hides from the member, so it comes from one definer helper that answers only
-- for the caller's own enrollments (and admins'); everything else is read as the caller.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * The place in line of a waitlisted enrollment (1 = next to move up), null when it is not
 * waitlisted or is neither the caller's nor read by an admin. Definer: the place counts the
 * other waitlisted rows of the event, which the caller may not read.
 */
create function private.waitlist_place(enrollment_id uuid)
returns integer
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  mine public.enrollments;
begin
  select e.* into mine from public.enrollments e where e.id = waitlist_place.enrollment_id;
  if mine.id is null or mine.status <> 'waitlisted'
     or (mine.user_id is distinct from auth.uid() and not private.is_admin()) then
    return null;
  end if;
  return (select count(*)::integer from public.enrollments w
           where w.event_id = mine.event_id and w.status = 'waitlisted' and w.waitlist_position <= mine.waitlist_position);
end;
$$;

comment on function private.waitlist_place(uuid) is
  'Place in line of a waitlisted enrollment (1 = next), for its owner and admins only; null otherwise.';

revoke execute on function private.waitlist_place(uuid) from public;
grant execute on function private.waitlist_place(uuid) to authenticated;

/**
  * -------------------------------------------------------
  * Section - Views (security invoker: the enrollments and coupons policies decide)
  * -------------------------------------------------------
 */

create view public.my_enrollments
  with (security_invoker = true)
as
select
  e.id,
  e.event_id,
  e.status,
  e.payment_status,
  e.payment_reference,
  private.waitlist_place(e.id) as waitlist_place,
  e.reason,
  e.created_at,
  e.updated_at,
  c.id as coupon_id,
  c.code as coupon_code,
  c.used_at as coupon_used_at,
  c.voided_at as coupon_voided_at
from public.enrollments as e
left join public.coupons as c on c.enrollment_id = e.id
where e.user_id = (select auth.uid());

comment on view public.my_enrollments is
  'The caller''s own enrollments (every event, cancelled ones included), with the place in line and the coupon. The events pages and the account area.';
comment on column public.my_enrollments.waitlist_place is 'Place in line while waitlisted (1 = next to move up); null otherwise.';
comment on column public.my_enrollments.reason is 'Why an operator rejected or cancelled it (shown to the member).';
comment on column public.my_enrollments.coupon_id is 'The coupon issued on approval; null before.';
comment on column public.my_enrollments.coupon_code is 'The code to show at the venue (readable by its owner only).';
comment on column public.my_enrollments.coupon_used_at is 'When the coupon was used; null while usable.';
comment on column public.my_enrollments.coupon_voided_at is 'When the coupon was voided (the enrollment was cancelled or rejected).';

/**
  * -------------------------------------------------------
  * Section - Grants
  * -------------------------------------------------------
 */

revoke all on public.my_enrollments from anon, authenticated, service_role;
grant select on public.my_enrollments to authenticated;
