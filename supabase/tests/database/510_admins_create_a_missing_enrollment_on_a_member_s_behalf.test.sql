-- create_enrollment: an admin enrolls a member on their behalf (support: "paid but not on the
-- list"), with a reason, through the same seat rules; members cannot; guests cannot be enrolled.
begin;
select plan(8);

select tests.clear_events();
select tests.create_supabase_user(u) from unnest(array['member', 'admin']) as u;
select tests.create_anonymous_user('guest');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('admin');
select tests.create_event('desk', 1, fee => 20.00, published => false);

select tests.authenticate_as('member');
select throws_ok(format('select public.create_enrollment(%L, %L, %L)', tests.get_supabase_uid('member'), (select id from public.events), 'me'),
  'PT403', 'Only an admin can do that.', 'a member cannot create enrollments');

select tests.authenticate_as('admin');
select throws_ok(format('select public.create_enrollment(%L, %L, null)', tests.get_supabase_uid('member'), (select id from public.events)),
  'PT422', 'A reason is required (1-1000 characters).', 'a reason is required');
select throws_ok(format('select public.create_enrollment(%L, %L, %L)', tests.get_supabase_uid('guest'), (select id from public.events), 'x'),
  'PT403', 'Events are for members: a guest cannot be enrolled.', 'a guest cannot be enrolled');
select throws_ok(format('select public.create_enrollment(%L, %L, %L)', gen_random_uuid(), (select id from public.events), 'x'),
  'PT404', 'No account has that id.', 'an unknown account is refused');
select results_eq(format('select status::text, payment_status::text from public.create_enrollment(%L, %L, %L)',
    tests.get_supabase_uid('member'), (select id from public.events), 'Paid by transfer, not on the list'),
  $$ values ('pending', 'awaiting') $$, 'an admin enrolls the member, even in an unpublished event: pending, awaiting payment');
select is((select id from public.create_enrollment(tests.get_supabase_uid('member'), (select id from public.events), 'again')),
  tests.enrollment_of('member', 'desk'), 'creating it again returns the same enrollment');
select tests.clear_authentication();
select results_eq($$ select actor_id, reason from public.audit_log where action = 'enrollment.created' and occurred_at = now() $$,
  format($$ values (%L::uuid, 'Paid by transfer, not on the list') $$, tests.get_supabase_uid('admin')),
  'the audit says the admin did it, and why (never "by the member")');
select is((select seats_taken from public.events), 1, 'the seat rules hold: the seat is taken');

select * from finish();
rollback;
