-- Rejection and cancellation free the seat, void an unused coupon and give the seat to the
-- first waitlisted member (with a mail), all in the same transaction; owners cancel their own
-- without a reason, admins anyone's with one; cancelling an event cancels every live enrollment.
begin;
select plan(21);

select tests.clear_events();

select tests.create_supabase_user(u) from unnest(array['m1', 'm2', 'm3', 'm4', 'admin']) as u;
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('admin');
update public.profiles set locale = 'th' where id = tests.get_supabase_uid('m2');
select tests.create_event('solo', 1);
insert into public.enrollments (event_id, user_id)
select e.id, tests.get_supabase_uid(u) from public.events e cross join unnest(array['m1', 'm2', 'm3']) with ordinality as v(u, n)
 where e.slug = 'solo' order by n;
update public.enrollments set status = 'approved' where id = tests.enrollment_of('m1', 'solo');

-- Someone else's enrollment
select tests.authenticate_as('m3');
select throws_ok(format('select public.cancel_enrollment(%L)', tests.enrollment_of('m1', 'solo')), 'PT404', 'Enrollment not found.',
  'a member cannot cancel someone else''s enrollment (it does not exist for them)');

-- An admin cancels with a reason
select tests.authenticate_as('admin');
select throws_ok(format('select public.cancel_enrollment(%L)', tests.enrollment_of('m1', 'solo')), 'PT422', 'A reason is required (1-1000 characters).',
  'an admin cancelling someone''s enrollment must give a reason');
create temporary table cancelled_one (id uuid) on commit drop;
insert into cancelled_one select tests.enrollment_of('m1', 'solo');
select results_eq(format('select status::text, reason from public.cancel_enrollment(%L, %L)', (select id from cancelled_one), 'Asked by phone'),
  $$ values ('cancelled', 'Asked by phone') $$, 'an admin cancels with a reason');
select tests.clear_authentication();
select isnt((select voided_at from public.coupons where enrollment_id = (select id from cancelled_one)), null, 'the unused coupon is void');
select is((select status::text from public.enrollments where id = tests.enrollment_of('m2', 'solo')), 'pending', 'the first in line (m2) got the seat');
select is((select status::text from public.enrollments where id = tests.enrollment_of('m3', 'solo')), 'waitlisted', 'the second (m3) still waits');
select is((select waitlist_place from private.enrollment_state(tests.enrollment_of('m3', 'solo'))), 1, 'm3 is now first in line');
select results_eq($$ select kind::text, locale::text from public.mail_outbox where user_id = tests.get_supabase_uid('m2') $$,
  $$ values ('enrollment_promoted', 'th') $$, 'm2 is told in Thai that they moved up');
select results_eq($$ select seats_taken, seats_left from public.event_seats $$, $$ values (1, 0) $$, 'the seat was passed on: still 1 taken, 0 left');
select is((select reason from public.audit_log where action = 'enrollment.status_changed' and target_id = (select id::text from cancelled_one) order by id desc limit 1),
  'Asked by phone', 'the cancellation is audited with the admin''s reason');

-- The owner cancels without a reason
select tests.authenticate_as('m2');
select results_eq(format('select status::text from public.cancel_enrollment(%L)', tests.enrollment_of('m2', 'solo')), array['cancelled'],
  'the owner cancels without a reason');
select results_eq(format('select status::text from public.cancel_enrollment(%L)', (select id from public.enrollments where user_id = tests.get_supabase_uid('m2'))),
  array['cancelled'], 'cancelling again returns the cancelled enrollment');
select tests.clear_authentication();
select is((select status::text from public.enrollments where id = tests.enrollment_of('m3', 'solo')), 'pending', 'm3 moved up in the same transaction');

-- Rejecting the last pending frees the seat with nobody waiting
select tests.authenticate_as('admin');
select lives_ok(format('select public.reject_enrollment(%L, %L)', tests.enrollment_of('m3', 'solo'), 'Duplicate booking'), 'an admin rejects m3');
select tests.clear_authentication();
select results_eq($$ select seats_taken, seats_left from public.event_seats $$, $$ values (0, 1) $$, 'with no waitlist the seat stays free');
select is((select count(*)::int from public.mail_outbox where user_id = tests.get_supabase_uid('m3') and kind = 'enrollment_rejected'), 1,
  'm3 is told about the rejection');

-- Cancelling the event cancels every live enrollment
select tests.create_event('called-off', 1);
insert into public.enrollments (event_id, user_id)
select e.id, tests.get_supabase_uid(u) from public.events e cross join unnest(array['m1', 'm4']) as u where e.slug = 'called-off';
update public.enrollments set status = 'approved' where id = tests.enrollment_of('m1', 'called-off');
update public.events set cancelled_at = now() where slug = 'called-off';
select is((select array_agg(distinct status::text) from public.enrollments e join public.events v on v.id = e.event_id where v.slug = 'called-off'),
  array['cancelled'], 'cancelling an event cancels its approved, pending and waitlisted enrollments');
select is((select count(*)::int from public.coupons c join public.events v on v.id = c.event_id where v.slug = 'called-off' and c.voided_at is null), 0,
  'and voids their coupons');
select is((select count(*)::int from public.mail_outbox where user_id = tests.get_supabase_uid('m4') and kind = 'enrollment_promoted'), 0,
  'nobody is moved up into a cancelled event');
select is((select seats_taken from public.events where slug = 'called-off'), 0, 'its seats are all free');

select tests.clear_authentication();
select is_empty($$ select * from admin.event_integrity_problems() $$, 'after all of it, every events invariant holds');
select * from finish();
rollback;
