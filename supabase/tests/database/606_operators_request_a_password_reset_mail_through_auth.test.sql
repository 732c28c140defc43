-- request_password_reset: admins (API) and postgres (Studio) put a password_reset mail in the
-- outbox for the mailer to hand to Auth, audited with the reason; one waiting request at a
-- time; guests (no email) and unknown accounts are refused; members and guests cannot ask.
begin;
select plan(9);

select tests.create_supabase_user('reset-admin');
select tests.create_supabase_user('reset-member', 'forgetful@test.local');
select tests.create_anonymous_user('reset-guest');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('reset-admin');

select tests.authenticate_as('reset-member');
select throws_ok(format('select public.request_password_reset(%L, %L)', tests.get_supabase_uid('reset-member'), 'me'),
  'PT403', 'Only an admin can do that.', 'a member cannot');
select tests.authenticate_as('reset-guest');
select throws_ok(format('select public.request_password_reset(%L, %L)', tests.get_supabase_uid('reset-member'), 'me'),
  'PT403', 'Only an admin can do that.', 'nor can a guest');

select tests.authenticate_as('reset-admin');
select throws_ok(format('select public.request_password_reset(%L, null)', tests.get_supabase_uid('reset-member')),
  'PT422', 'A reason is required (1-1000 characters).', 'a reason is required');
select throws_ok(format('select public.request_password_reset(%L, %L)', tests.get_supabase_uid('reset-guest'), 'x'),
  'PT409', 'This account has no email address, so no reset mail can be sent: it signs in another way.', 'a guest has no email');
select throws_ok($$ select public.request_password_reset(gen_random_uuid(), 'x') $$, 'PT404', 'No account has that id.', 'unknown account');
create temporary table reset_mail on commit drop as
select public.request_password_reset(tests.get_supabase_uid('reset-member'), 'Forgot password, identity checked by phone') as id;
select tests.clear_authentication();
select results_eq($$ select kind::text, status::text, user_id from public.mail_outbox where id = (select id from reset_mail) $$,
  format($$ values ('password_reset', 'pending', %L::uuid) $$, tests.get_supabase_uid('reset-member')), 'a pending password_reset mail for the member');
select is(public.request_password_reset(tests.get_supabase_uid('reset-member'), 'asked again'), (select id from reset_mail),
  'postgres asking again while it waits gets the same mail');
select results_eq($$ select actor_id, reason from public.audit_log where action = 'account.password_reset_requested' $$,
  format($$ values (%L::uuid, 'Forgot password, identity checked by phone') $$, tests.get_supabase_uid('reset-admin')),
  'audited once, with the admin and the reason');
select is((select email from private.claim_mail('test-mailer', 10) where id = (select id from reset_mail)), 'forgetful@test.local',
  'the mailer claims it with the member''s email');

select * from finish();
rollback;
