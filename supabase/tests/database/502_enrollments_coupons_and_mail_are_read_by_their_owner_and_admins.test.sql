-- A member reads their own enrollments and coupons, another member none of them, a guest and a
-- visitor nothing; admins read every enrollment, coupon and outbox mail; members never read the
-- outbox; nobody writes any of the three through the API (the RPCs do).
begin;
select plan(22);

select tests.clear_events();

select tests.create_supabase_user('member');
select tests.create_supabase_user('other');
select tests.create_supabase_user('admin');
select tests.create_anonymous_user('guest');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('admin');
select tests.create_event('talk', 5);
insert into public.enrollments (event_id, user_id)
select e.id, tests.get_supabase_uid(u) from public.events e cross join (values ('member'), ('other')) as v(u) where e.slug = 'talk';
update public.enrollments set status = 'approved' where id = tests.enrollment_of('member', 'talk');

-- Visitor
select tests.authenticate_as_anon();
select throws_ok($$ select 1 from public.enrollments $$, '42501', null, 'a visitor cannot read enrollments');
select throws_ok($$ select 1 from public.coupons $$, '42501', null, 'a visitor cannot read coupons');
select throws_ok($$ select 1 from public.mail_outbox $$, '42501', null, 'a visitor cannot read the mail outbox');

-- Guest
select tests.authenticate_as('guest');
select is_empty($$ select 1 from public.enrollments $$, 'a guest reads no enrollment');
select is_empty($$ select 1 from public.coupons $$, 'a guest reads no coupon');

-- Member
select tests.authenticate_as('member');
select results_eq($$ select user_id from public.enrollments $$, array[tests.get_supabase_uid('member')],
  'a member reads their own enrollment only');
select results_eq($$ select user_id from public.coupons $$, array[tests.get_supabase_uid('member')],
  'a member reads their own coupon');
select is_empty($$ select 1 from public.mail_outbox $$, 'a member reads no outbox mail, not even their own');
select throws_ok($$ insert into public.enrollments (event_id, user_id) select id, auth.uid() from public.events $$,
  '42501', null, 'a member cannot insert an enrollment directly (enroll does)');
select throws_ok($$ update public.enrollments set status = 'approved' $$, '42501', null, 'a member cannot approve themselves');
select throws_ok($$ delete from public.enrollments $$, '42501', null, 'a member cannot delete enrollments');
select throws_ok($$ update public.coupons set used_at = null $$, '42501', null, 'a member cannot edit a coupon');
select throws_ok($$ insert into public.coupons (code, event_id) select 'AAAA-AAAA-AAAA-AAAA', id from public.events $$,
  '42501', null, 'a member cannot make a coupon');

-- Other member
select tests.authenticate_as('other');
select results_eq($$ select user_id from public.enrollments $$, array[tests.get_supabase_uid('other')],
  'another member reads only their own enrollment');
select is_empty($$ select 1 from public.coupons $$, 'another member reads no one else''s coupon');
select is_empty($$ select 1 from public.mail_outbox $$, 'another member reads no outbox mail');

-- Admin
select tests.authenticate_as('admin');
select results_eq($$ select count(*)::int from public.enrollments $$, array[2], 'an admin reads every enrollment');
select results_eq($$ select count(*)::int from public.coupons $$, array[1], 'an admin reads every coupon');
select results_eq($$ select kind::text from public.mail_outbox $$, array['enrollment_approved'], 'an admin reads the mail outbox');
select throws_ok($$ update public.mail_outbox set status = 'sent' $$, '42501', null, 'not even an admin edits the outbox through the API');
select throws_ok($$ update public.enrollments set status = 'rejected' $$, '42501', null, 'admins change enrollments through the RPCs, not table writes');

-- Service role (the mailer)
select tests.authenticate_as_service_role();
select is(tests.rows_affected($$ update public.mail_outbox set attempts = 1 $$), 1, 'the service role (mailer) updates outbox rows');

select * from finish();
rollback;
