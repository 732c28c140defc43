-- =============================================================================================
-- rpc('enrollment_counts_by_event', { event_ids }): the admin area's events list counts each
-- event's enrollments by status, and the payments it awaits, in the database. Before, the page
-- fetched up to 10,000 enrollment rows and counted them in JavaScript, so past 10,000 live
-- enrollments its counts were silently short (and each view moved every row over the wire).
-- Security invoker: it counts what the caller may read, so an admin counts everyone and a member
-- only their own enrollments (enrollments' RLS, …0510). Uses enrollments_event_id_status_idx.
-- =============================================================================================

create function public.enrollment_counts_by_event(event_ids uuid[])
returns table (
  event_id uuid,
  pending integer,
  waitlisted integer,
  approved integer,
  rejected integer,
  awaiting_payment integer
)
language sql
stable
security invoker
set search_path = ''
as $$
  select e.event_id,
         (count(*) filter (where e.status = 'pending'))::integer,
         (count(*) filter (where e.status = 'waitlisted'))::integer,
         (count(*) filter (where e.status = 'approved'))::integer,
         (count(*) filter (where e.status = 'rejected'))::integer,
         (count(*) filter (where e.payment_status = 'awaiting' and e.status <> 'rejected'))::integer
    from public.enrollments e
   where e.event_id = any (enrollment_counts_by_event.event_ids)
     and e.status <> 'cancelled'
   group by e.event_id;
$$;

comment on function public.enrollment_counts_by_event(uuid[]) is
  'Admin events list: per event, live enrollments by status and those awaiting payment (rejected excluded). Counts only what the caller may read (RLS): admins everyone, members their own.';

revoke execute on function public.enrollment_counts_by_event(uuid[]) from public;
grant execute on function public.enrollment_counts_by_event(uuid[]) to authenticated;
