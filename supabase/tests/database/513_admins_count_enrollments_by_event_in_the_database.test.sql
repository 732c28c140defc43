-- enrollment_counts_by_event: per event, live enrollments by status and the payments awaited,
-- counted in SQL (the admin events list). An admin counts everyone's; a member, through RLS, only
-- their own; a visitor cannot call it. Events without live enrollments have no row.
begin;
select plan(5);

select tests.clear_events();
select tests.create_supabase_user('count-m' || i) from generate_series(1, 4) as i;
select tests.create_supabase_user('count-admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('count-admin');
select tests.create_event('count-free', 2);
select tests.create_event('count-paid', 5, fee => 10.00);
select tests.create_event('count-empty', 5);

create function pg_temp.enroll_as(who text, slug text) returns void
language plpgsql as $$
begin
  perform tests.authenticate_as(who);
  perform public.enroll((select id from public.events where events.slug = enroll_as.slug));
  perform tests.clear_authentication();
end;
$$;

-- count-free: two pending (its seats), one waitlisted; count-paid: two awaiting payment.
select pg_temp.enroll_as('count-m1', 'count-free');
select pg_temp.enroll_as('count-m2', 'count-free');
select pg_temp.enroll_as('count-m3', 'count-free');
select pg_temp.enroll_as('count-m1', 'count-paid');
select pg_temp.enroll_as('count-m4', 'count-paid');

create temporary table count_events as select id, slug from public.events where slug like 'count-%';
grant select on count_events to public;

select tests.authenticate_as('count-admin');
select results_eq($$
    select ev.slug, c.pending, c.waitlisted, c.approved, c.rejected, c.awaiting_payment
      from public.enrollment_counts_by_event((select array_agg(id) from count_events)) c
      join count_events ev on ev.id = c.event_id order by ev.slug $$,
  $$ values ('count-free', 2, 1, 0, 0, 0), ('count-paid', 2, 0, 0, 0, 2) $$,
  'an admin counts every member''s enrollments by status and the payments awaited; an empty event has no row');

-- A rejection leaves the awaited payments, a cancellation leaves the counts.
select public.reject_enrollment(tests.enrollment_of('count-m4', 'count-paid'), 'No seat for this one');
select public.cancel_enrollment(tests.enrollment_of('count-m3', 'count-free'), 'Asked by phone');
select results_eq($$
    select ev.slug, c.pending, c.waitlisted, c.rejected, c.awaiting_payment
      from public.enrollment_counts_by_event((select array_agg(id) from count_events)) c
      join count_events ev on ev.id = c.event_id order by ev.slug $$,
  $$ values ('count-free', 2, 0, 0, 0), ('count-paid', 1, 0, 1, 1) $$,
  'a rejected enrollment no longer awaits payment, and a cancelled one is not counted');

select tests.authenticate_as('count-m1');
select results_eq($$
    select c.pending from public.enrollment_counts_by_event((select array_agg(id) from count_events)) c order by 1 $$,
  $$ values (1), (1) $$, 'a member counts only their own enrollments (RLS)');

select tests.authenticate_as_anon();
select throws_ok($$ select * from public.enrollment_counts_by_event(array[gen_random_uuid()]) $$, '42501', null,
  'a visitor cannot call it');
select tests.clear_authentication();
select is((select count(*)::int from public.enrollment_counts_by_event(array[]::uuid[])), 0, 'no events, no rows');

select * from finish();
rollback;
