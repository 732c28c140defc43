-- Approval: admins only; an event with a fee needs the payment recorded (mark_enrollment_paid:
-- admins, reference and reason, audited); approval issues exactly one coupon however often it is
-- called, and the member's mail (in their language, with the code) is written in the same
-- transaction; rejection needs a reason and mails it.
begin;
select plan(24);

select tests.clear_events();

select tests.create_supabase_user('member');
select tests.create_supabase_user('admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('admin');
update public.profiles set locale = 'ko' where id = tests.get_supabase_uid('member');
select tests.create_event('free', 5);
select tests.create_event('fee', 5, fee => 30.00);
insert into public.enrollments (event_id, user_id)
select id, tests.get_supabase_uid('member') from public.events where slug in ('free', 'fee');

-- Members cannot approve, reject or mark paid
select tests.authenticate_as('member');
select throws_ok(format('select public.approve_enrollment(%L)', tests.enrollment_of('member', 'free')), 'PT403', 'Only an admin can do that.',
  'a member cannot approve (admin_only)');
select throws_ok(format('select public.reject_enrollment(%L, %L)', tests.enrollment_of('member', 'free'), 'x'), 'PT403', 'Only an admin can do that.',
  'a member cannot reject');
select throws_ok(format('select public.mark_enrollment_paid(%L, %L, %L)', tests.enrollment_of('member', 'fee'), 'TX', 'x'), 'PT403', 'Only an admin can do that.',
  'a member cannot mark their own enrollment paid');

select tests.authenticate_as('admin');
-- Payment rule
select throws_ok(format('select public.approve_enrollment(%L)', tests.enrollment_of('member', 'fee')), 'PT409',
  'This event has a fee: mark the enrollment paid before approving it.', 'approval of an unpaid enrollment is refused (enrollment_payment_required)');
select throws_ok(format('select public.mark_enrollment_paid(%L, %L, null)', tests.enrollment_of('member', 'fee'), 'TX-1'), 'PT422',
  'A reason is required (1-1000 characters).', 'marking paid needs a reason');
select throws_ok(format('select public.mark_enrollment_paid(%L, %L, %L)', tests.enrollment_of('member', 'fee'), ' ', 'bank transfer'), 'PT422',
  'A payment reference is required (1-200 characters).', 'marking paid needs a reference');
select throws_ok(format('select public.mark_enrollment_paid(%L, %L, %L)', tests.enrollment_of('member', 'free'), 'TX-1', 'bank transfer'), 'PT409',
  'This event is free: there is nothing to pay.', 'a free enrollment has nothing to pay (payment_not_awaited)');
select results_eq(format('select payment_status::text, payment_reference from public.mark_enrollment_paid(%L, %L, %L)',
  tests.enrollment_of('member', 'fee'), 'TX-1', 'bank transfer seen'), $$ values ('paid', 'TX-1') $$, 'an admin marks it paid with a reference');
select results_eq($$ select reason, new_values ->> 'payment_reference' from public.audit_log where action = 'enrollment.marked_paid' $$,
  $$ values ('bank transfer seen', 'TX-1') $$, 'marking paid is audited with the reason and reference');
select is((select actor_id from public.audit_log where action = 'enrollment.marked_paid'), tests.get_supabase_uid('admin'), 'the audit names the admin');
select results_eq(format('select payment_status::text from public.mark_enrollment_paid(%L, %L, %L)', tests.enrollment_of('member', 'fee'), 'TX-1', 'again'),
  array['paid'], 'marking it paid again with the same reference returns it');
select throws_ok(format('select public.mark_enrollment_paid(%L, %L, %L)', tests.enrollment_of('member', 'fee'), 'TX-2', 'again'), 'PT409',
  'This enrollment is already marked paid.', 'another reference for a paid enrollment is refused');

-- Exactly one coupon
select results_eq(format('select status::text, coupon_id is not null from public.approve_enrollment(%L)', tests.enrollment_of('member', 'fee')),
  $$ values ('approved', true) $$, 'a paid enrollment is approved, with its coupon');
select results_eq(format('select status::text, coupon_id is not null from public.approve_enrollment(%L)', tests.enrollment_of('member', 'free')),
  $$ values ('approved', true) $$, 'a free enrollment is approved without payment');
select is((select coupon_id from public.approve_enrollment(tests.enrollment_of('member', 'free'))),
  (select id from public.coupons where enrollment_id = tests.enrollment_of('member', 'free')), 'approving again returns the same coupon');
select lives_ok(format('select public.approve_enrollment(%L)', tests.enrollment_of('member', 'free')), 'and again');
select is((select count(*)::int from public.coupons where enrollment_id = tests.enrollment_of('member', 'free')), 1, 'one coupon however often it is approved');
select is((select count(*)::int from public.audit_log where action = 'enrollment.status_changed' and target_id = tests.enrollment_of('member', 'free')::text), 1,
  'repeated approvals change nothing and audit nothing more');

-- The mail, written with the fact
select tests.clear_authentication();
select results_eq($$ select kind::text, locale::text, user_id, payload ->> 'coupon_code' from public.mail_outbox
                     where payload ->> 'enrollment_id' = tests.enrollment_of('member', 'free')::text $$,
  format($$ values ('enrollment_approved', 'ko', %L::uuid, %L) $$, tests.get_supabase_uid('member'),
         (select code from public.coupons where enrollment_id = tests.enrollment_of('member', 'free'))),
  'one approval mail, in the member''s language (profiles.locale), with the coupon code');
select is((select status::text from public.mail_outbox limit 1), 'pending', 'the mail waits for the mailer');

-- Rejection
select tests.create_supabase_user('late');
insert into public.enrollments (event_id, user_id) select id, tests.get_supabase_uid('late') from public.events where slug = 'free';
select tests.authenticate_as('admin');
select throws_ok(format('select public.reject_enrollment(%L, %L)', tests.enrollment_of('late', 'free'), '  '), 'PT422',
  'A reason is required (1-1000 characters).', 'rejection needs a reason');
select results_eq(format('select status::text, reason from public.reject_enrollment(%L, %L)', tests.enrollment_of('late', 'free'), 'The list closed'),
  $$ values ('rejected', 'The list closed') $$, 'an admin rejects with a reason');
select tests.clear_authentication();
select results_eq($$ select kind::text, locale::text, payload ->> 'reason' from public.mail_outbox where user_id = tests.get_supabase_uid('late') $$,
  $$ values ('enrollment_rejected', 'en', 'The list closed') $$, 'the rejection mail carries the reason, in English when no language was chosen');
select throws_ok(format('select public.approve_enrollment(%L)', (select id from public.enrollments where user_id = tests.get_supabase_uid('late'))),
  'PT409', 'An enrollment cannot go from rejected to approved.', 'a rejected enrollment cannot be approved');

select * from finish();
rollback;
