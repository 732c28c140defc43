-- Studio lists: admin.pending_enrollments (with contact details and payment), admin.waitlists
-- (in order) and admin.event_integrity_problems() (which can fail). Not exposed: API roles cannot read them.
begin;
select plan(7);

select tests.clear_events();

select tests.create_supabase_user(u, u || '@example.test') from unnest(array['first', 'second', 'third']) as u;
select tests.create_event('queue', 1, fee => 10.00);
insert into public.enrollments (event_id, user_id)
select e.id, tests.get_supabase_uid(u) from public.events e cross join unnest(array['first', 'second', 'third']) with ordinality as v(u, n)
 where e.slug = 'queue' order by n;

select results_eq($$ select event_slug, member_email, payment_status::text from admin.pending_enrollments $$,
  $$ values ('queue', 'first@example.test', 'awaiting') $$, 'pending enrollments show the member and the payment');
select results_eq($$ select place, member_email from admin.waitlists $$,
  $$ values (1, 'second@example.test'), (2, 'third@example.test') $$, 'the waitlist is listed in order');
select is_empty($$ select * from admin.event_integrity_problems() $$, 'the events invariants hold');
update public.events set seats_taken = 0 where slug = 'queue';
select results_eq($$ select invariant from admin.event_integrity_problems() order by 1 $$,
  array['no free seat while someone waits', 'seats_taken = pending + approved'], 'the check can fail: a counter broken by hand is reported');
update public.events set seats_taken = 1 where slug = 'queue';
select is_empty($$ select * from admin.event_integrity_problems() $$, 'and holds again once repaired');
select tests.authenticate_as('first');
select throws_ok($$ select 1 from admin.waitlists $$, '42501', null, 'a member cannot read the waitlists');
select tests.authenticate_as_service_role();
select throws_ok($$ select 1 from admin.pending_enrollments $$, '42501', null, 'nor can the service role (Studio only)');

select * from finish();
rollback;
