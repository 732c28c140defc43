-- Deleting an account (Auth's admin API, Studio, delete_my_account) deletes its enrollments and
-- unused coupons, frees their seats and passes them to the first waitlisted, in the deletion's
-- transaction; a used coupon stays as the attendance record, without its owner.
begin;
select plan(10);

select tests.clear_events();

select tests.create_supabase_user(u) from unnest(array['leaver', 'waiter', 'attendee']) as u;
select tests.create_event('tiny', 1);
select tests.create_event('past-ish', 5);
insert into public.enrollments (event_id, user_id)
select e.id, tests.get_supabase_uid(u) from public.events e cross join unnest(array['leaver', 'waiter']) with ordinality as v(u, n)
 where e.slug = 'tiny' order by n;
update public.enrollments set status = 'approved' where id = tests.enrollment_of('leaver', 'tiny');
insert into public.enrollments (event_id, user_id)
select id, tests.get_supabase_uid('attendee') from public.events where slug = 'past-ish';
update public.enrollments set status = 'approved' where id = tests.enrollment_of('attendee', 'past-ish');
update public.coupons set used_at = now() where user_id = tests.get_supabase_uid('attendee');

select tests.authenticate_as('leaver');
select lives_ok($$ select public.delete_my_account() $$, 'the member deletes their account');
select tests.clear_authentication();
select is((select count(*)::int from public.enrollments e where e.event_id = (select id from public.events where slug = 'tiny')
             and e.status <> 'cancelled' and e.user_id is not distinct from null), 0, 'no orphan enrollment is left');
select is((select count(*)::int from public.enrollments where event_id = (select id from public.events where slug = 'tiny')), 1, 'their enrollment is gone');
select is((select count(*)::int from public.coupons where event_id = (select id from public.events where slug = 'tiny')), 0, 'their unused coupon is gone');
select is((select status::text from public.enrollments where id = tests.enrollment_of('waiter', 'tiny')), 'pending', 'the freed seat went to the first in line');
select results_eq($$ select seats_taken, seats_left from public.event_seats where event_id = (select id from public.events where slug = 'tiny') $$,
  $$ values (1, 0) $$, 'seats add up after the deletion');
select is((select count(*)::int from public.mail_outbox where user_id = tests.get_supabase_uid('waiter') and kind = 'enrollment_promoted'), 1,
  'the member moved up is told');

delete from auth.users where id = tests.get_supabase_uid('attendee');
select results_eq($$ select user_id, enrollment_id, used_at is not null from public.coupons where event_id = (select id from public.events where slug = 'past-ish') $$,
  $$ values (null::uuid, null::uuid, true) $$, 'a used coupon stays as the attendance record, without owner or enrollment');
select is((select seats_taken from public.events where slug = 'past-ish'), 0, 'a deletion from Studio frees the seat too');

select tests.clear_authentication();
select is_empty($$ select * from admin.event_integrity_problems() $$, 'after all of it, every events invariant holds');
select * from finish();
rollback;
