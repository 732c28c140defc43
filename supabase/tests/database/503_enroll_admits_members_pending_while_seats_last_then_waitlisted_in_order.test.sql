-- enroll: members only (guests refused; in invite-only mode an account needs a redeemed code);
-- pending while a seat is free, then waitlisted in order with its place; a second call returns
-- the same row; a member who cancelled enrolls again at the back; unpublished, cancelled and
-- started events are refused readably; payment follows the fee; seats add up.
begin;
select plan(32);

select tests.clear_events();

select tests.create_supabase_user('m' || i) from generate_series(1, 5) as i;
select tests.create_supabase_user('admin');
select tests.create_anonymous_user('guest');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('admin');
select tests.create_event('duo', 2);
select tests.create_event('paid', 3, fee => 25.00);
select tests.create_event('draft', 3, published => false);
select tests.create_event('off', 3);
update public.events set cancelled_at = now() where slug = 'off';
select tests.create_event('soon', 3, starts_in => interval '1 hour');

create function pg_temp.enroll_as(who text, slug text) returns public.enrollment_state
language plpgsql as $$
declare
  result public.enrollment_state;
begin
  perform tests.authenticate_as(who);
  select * into result from public.enroll((select id from public.events where events.slug = enroll_as.slug));
  perform tests.clear_authentication();
  return result;
end;
$$;

-- Who may enroll
select tests.authenticate_as_anon();
select throws_ok($$ select public.enroll(gen_random_uuid()) $$, '42501', null, 'a visitor cannot call enroll');
select tests.authenticate_as('guest');
select throws_ok($$ select public.enroll((select id from public.events where slug = 'duo')) $$,
  'PT403', 'Events are for members: create an account (or sign in) to enroll.', 'a guest is refused readably (members_only)');
select tests.clear_authentication();
update public.app_settings set signup_mode = 'invite_only';
select tests.authenticate_as('m5');
select throws_ok($$ select public.enroll((select id from public.events where slug = 'duo')) $$,
  'PT403', 'Events are for members: redeem an invite code on your account page to enroll.',
  'invite-only: an account without a redeemed code is refused (membership_required)');
select tests.clear_authentication();
insert into public.invitations (code) values ('EVENTS-TEST');
update public.profiles set invitation_id = (select id from public.invitations where code = 'EVENTS-TEST') where id = tests.get_supabase_uid('m5');
select is((pg_temp.enroll_as('m5', 'paid')).status, 'pending'::public.enrollment_status, 'invite-only: an account with a redeemed code enrolls');
update public.app_settings set signup_mode = 'open';

-- Which events
select tests.authenticate_as('m1');
select throws_ok($$ select public.enroll((select id from public.events where slug = 'draft')) $$,
  'PT404', 'This event does not exist.', 'an unpublished event does not exist for members');
select throws_ok($$ select public.enroll(gen_random_uuid()) $$, 'PT404', 'This event does not exist.', 'an unknown event is refused');
select throws_ok($$ select public.enroll((select id from public.events where slug = 'off')) $$,
  'PT409', '"Event off" has been cancelled.', 'a cancelled event is refused (event_cancelled)');
select tests.clear_authentication();
update private.clock set offset_by = interval '2 hours';
select tests.authenticate_as('m1');
select throws_ok($$ select public.enroll((select id from public.events where slug = 'soon')) $$,
  'PT409', '"Event soon" has already started, so enrollment is closed.', 'a started event is refused (event_started)');
select tests.clear_authentication();
update private.clock set offset_by = interval '0';

-- Pending while seats last, then waitlisted in order
select is((pg_temp.enroll_as('m1', 'duo')).status, 'pending'::public.enrollment_status, 'first member: pending');
select is((pg_temp.enroll_as('m2', 'duo')).status, 'pending'::public.enrollment_status, 'second member: pending (the last seat)');
select results_eq($$ select status::text, waitlist_place from pg_temp.enroll_as('m3', 'duo') $$,
  $$ values ('waitlisted', 1) $$, 'third member: waitlisted, first in line');
select results_eq($$ select status::text, waitlist_place from pg_temp.enroll_as('m4', 'duo') $$,
  $$ values ('waitlisted', 2) $$, 'fourth member: waitlisted, second in line');
select results_eq($$ select capacity, seats_taken, seats_left from public.event_seats where event_id = (select id from public.events where slug = 'duo') $$,
  $$ values (2, 2, 0) $$, 'seats: 2 of 2 taken, none left; the waitlist holds none');
select is((pg_temp.enroll_as('m1', 'duo')).id, tests.enrollment_of('m1', 'duo'), 'a second click returns the same enrollment');
select is((pg_temp.enroll_as('m3', 'duo')).waitlist_place, 1, 'a second click of a waitlisted member returns their place');
select is((select count(*)::int from public.enrollments where user_id = tests.get_supabase_uid('m1')), 1, 'one row per member and event');
select results_eq($$ select payment_status::text from public.enrollments where event_id = (select id from public.events where slug = 'duo') order by created_at limit 1 $$,
  array['not_required'], 'a free event needs no payment');
select results_eq($$ select payment_status::text from pg_temp.enroll_as('m1', 'paid') $$, array['awaiting'], 'an event with a fee awaits payment');
select throws_ok($$ insert into public.enrollments (event_id, user_id) select id, tests.get_supabase_uid('m1') from public.events where slug = 'duo' $$,
  '23505', null, 'the database itself allows one live enrollment per member and event');

-- Cancel and enroll again: at the back of the line
select tests.authenticate_as('m1');
select is((select status from public.cancel_enrollment(tests.enrollment_of('m1', 'duo'))), 'cancelled'::public.enrollment_status,
  'the owner cancels (no reason needed)');
select tests.clear_authentication();
select is((select status from public.enrollments where id = tests.enrollment_of('m3', 'duo')), 'pending'::public.enrollment_status,
  'the freed seat went to the first in line');
select results_eq($$ select status::text, waitlist_place from pg_temp.enroll_as('m1', 'duo') $$,
  $$ values ('waitlisted', 2) $$, 'a member who cancelled enrolls again, at the back of the line (behind m4)');
select is((select count(*)::int from public.enrollments where user_id = tests.get_supabase_uid('m1') and event_id = (select id from public.events where slug = 'duo')), 2,
  'the cancelled enrollment stays as history; the new one is live');
select results_eq($$ select seats_taken, seats_left from public.event_seats where event_id = (select id from public.events where slug = 'duo') $$,
  $$ values (2, 0) $$, 'seats still add up: pending + approved = 2');
select is((select seats_taken from public.events where slug = 'duo'),
  (select count(*)::int from public.enrollments e join public.events v on v.id = e.event_id where v.slug = 'duo' and e.status in ('pending', 'approved')),
  'seats_taken is the number of pending and approved enrollments');

-- A rejected member's enroll returns the rejection
select tests.authenticate_as('admin');
select lives_ok($$ select public.reject_enrollment(tests.enrollment_of('m4', 'duo'), 'Not this time') $$, 'an admin rejects m4');
select tests.clear_authentication();
select results_eq($$ select status::text, reason from pg_temp.enroll_as('m4', 'duo') $$, $$ values ('rejected', 'Not this time') $$,
  'enrolling again after a rejection returns the rejected enrollment with its reason');

-- Audit
select is((select count(*)::int from public.audit_log where action = 'enrollment.created' and occurred_at = now()), (select count(*)::int from public.enrollments), 'every enrollment is audited (7)');
select is((select actor_id from public.audit_log where action = 'enrollment.created' and occurred_at = now() order by id limit 1), tests.get_supabase_uid('m5'),
  'the audit names the member who enrolled');

-- Capacity cannot drop below the seats taken
select throws_ok($$ update public.events set capacity = 1 where slug = 'duo' $$, '23514', null, 'capacity cannot go below the seats taken');
select throws_ok($$ update public.events set capacity = 0 where slug = 'paid' $$, '23514', null, 'capacity must be positive');

select tests.clear_authentication();
select is_empty($$ select * from admin.event_integrity_problems() $$, 'after all of it, every events invariant holds');
select * from finish();
rollback;
