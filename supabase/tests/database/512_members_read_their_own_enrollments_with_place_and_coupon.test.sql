-- my_enrollments: a member reads their own enrollments with their place in line and their
-- coupon, and nothing of anyone else's; a visitor cannot read it; the place helper answers only
-- for the caller's own enrollments (and admins').
begin;
select plan(11);

select tests.clear_events();

select tests.create_supabase_user('first');
select tests.create_supabase_user('second');
select tests.create_supabase_user('third');
select tests.create_supabase_user('admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('admin');
select tests.create_event('tiny', 1);
insert into public.enrollments (event_id, user_id)
select e.id, tests.get_supabase_uid(u) from public.events e cross join (values ('first'), ('second'), ('third')) as v(u)
 where e.slug = 'tiny' order by v.u = 'first' desc, v.u = 'second' desc;
update public.enrollments set status = 'approved' where id = tests.enrollment_of('first', 'tiny');

-- Visitor
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.my_enrollments $$, '42501', null, 'a visitor cannot read my_enrollments');

-- The approved member sees their coupon
select tests.authenticate_as('first');
select results_eq(
  $$ select status::text, waitlist_place, coupon_id is not null, coupon_code ~ '^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$', coupon_used_at is null from public.my_enrollments $$,
  $$ values ('approved', null::integer, true, true, true) $$,
  'the approved member reads their enrollment with its coupon and code');

-- Waitlisted members see their own place only
select tests.authenticate_as('second');
select results_eq($$ select status::text, waitlist_place from public.my_enrollments $$, $$ values ('waitlisted', 1) $$,
  'the first waitlisted member is told place 1');
select tests.authenticate_as('third');
select results_eq($$ select status::text, waitlist_place from public.my_enrollments $$, $$ values ('waitlisted', 2) $$,
  'the second waitlisted member is told place 2, and sees only their own row');
select is(private.waitlist_place(tests.enrollment_of('second', 'tiny')), null,
  'the place helper says nothing about another member''s enrollment');
select is((select count(*)::int from public.my_enrollments where coupon_id is not null), 0, 'no one else''s coupon shows up');

-- Even an admin's my_enrollments is their own (none here); the helper answers admins
select tests.authenticate_as('admin');
select is_empty($$ select 1 from public.my_enrollments $$, 'an admin''s my_enrollments lists only their own enrollments');
select is(private.waitlist_place(tests.enrollment_of('third', 'tiny')), 2, 'the place helper answers an admin');

-- After the approved member cancels, the first in line moves up and the places shift
select tests.authenticate_as('first');
select lives_ok($$ select public.cancel_enrollment(tests.enrollment_of('first', 'tiny')) $$, 'the approved member cancels');
select results_eq($$ select status::text, coupon_voided_at is not null from public.my_enrollments $$, $$ values ('cancelled', true) $$,
  'their cancelled enrollment stays listed with its coupon voided');
select tests.authenticate_as('third');
select results_eq($$ select status::text, waitlist_place from public.my_enrollments $$, $$ values ('waitlisted', 1) $$,
  'the member behind the promoted one is now first in line');

select * from finish();
rollback;
