-- Coupons: 80-bit codes (16 Crockford base32 characters); use_coupon succeeds once, only for
-- the approved owner; check_in_coupon (admins) takes the code in any form, shows the member and
-- the event and marks it used once; reset_coupon (admins, with a reason) makes it usable again;
-- void coupons stay void; every change is audited.
begin;
select plan(25);

select tests.clear_events();

select tests.create_supabase_user(u) from unnest(array['owner', 'other', 'admin']) as u;
update public.profiles set role = 'admin', first_name = 'Ada', last_name = 'Admin' where id = tests.get_supabase_uid('admin');
update public.profiles set first_name = 'Olga', last_name = 'Owner' where id = tests.get_supabase_uid('owner');
select tests.create_event('show', 10);
insert into public.enrollments (event_id, user_id)
select e.id, tests.get_supabase_uid(u) from public.events e cross join unnest(array['owner', 'other']) as u where e.slug = 'show';
update public.enrollments set status = 'approved' where event_id = (select id from public.events where slug = 'show');
create temporary table c (id uuid, code text, user_name text) on commit drop;
grant select on c to authenticated;
insert into c select id, code, 'owner' from public.coupons where user_id = tests.get_supabase_uid('owner');
insert into c select id, code, 'other' from public.coupons where user_id = tests.get_supabase_uid('other');

-- Unguessable
select ok((select code ~ '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$' from c where user_name = 'owner'),
  'a code is 16 Crockford base32 characters in four groups: 16 × 5 = 80 random bits');
select is((select count(distinct private.generate_coupon_code())::int from generate_series(1, 2000)), 2000, '2000 new codes are all different');
select cmp_ok((select count(distinct substr(code, i, 1))::int from (select private.generate_coupon_code() as code from generate_series(1, 400)) s
                 cross join unnest(array[1, 6, 11, 16]) as i), '>=', 32, 'every position uses the whole 32-character alphabet');
select is(private.normalize_coupon_code('abcd efgh jkmn pqrs'), 'ABCD-EFGH-JKMN-PQRS', 'a typed code is read in any case, with spaces');
select is(private.normalize_coupon_code('0O1I-L000-0000-0000'), '0011-1000-0000-0000', 'look-alike letters are read as digits');

-- use_coupon
select tests.authenticate_as('other');
select throws_ok(format('select public.use_coupon(%L)', (select id from c where user_name = 'owner')), 'PT404', 'Coupon not found.',
  'another member cannot use someone''s coupon');
select tests.authenticate_as('owner');
select isnt((select used_at from public.use_coupon((select id from c where user_name = 'owner'))), null, 'the owner uses their coupon');
select throws_ok(format('select public.use_coupon(%L)', (select id from c where user_name = 'owner')), 'PT409', 'This coupon has already been used.',
  'a second use is refused (coupon_already_used)');
select throws_ok(format('select public.check_in_coupon(%L)', (select code from c where user_name = 'owner')), 'PT403', 'Only an admin can do that.',
  'a member cannot check coupons in');
select throws_ok(format('select public.reset_coupon(%L, %L)', (select id from c where user_name = 'owner'), 'again'), 'PT403', 'Only an admin can do that.',
  'a member cannot reset a coupon');

-- check_in_coupon and reset_coupon
select tests.authenticate_as('admin');
select throws_ok(format('select public.check_in_coupon(%L)', (select code from c where user_name = 'owner')), 'PT409', null,
  'a used coupon cannot be checked in');
select throws_ok(format('select public.reset_coupon(%L, null)', (select id from c where user_name = 'owner')), 'PT422', 'A reason is required (1-1000 characters).',
  'a reset needs a reason');
select is((select used_at from public.reset_coupon((select id from c where user_name = 'owner'), 'Scanned by mistake')), null, 'an admin resets it');
select results_eq(format('select coupon_id, member_name, member_email, event_name from public.check_in_coupon(%L)',
    lower(replace((select code from c where user_name = 'owner'), '-', ''))),
  format($$ values (%L::uuid, 'Olga Owner', 'owner@test.local', 'Event show') $$, (select id from c where user_name = 'owner')),
  'an admin checks it in by its code (lower case, no dashes): the member and the event');
select throws_ok(format('select public.check_in_coupon(%L)', (select code from c where user_name = 'owner')), 'PT409', null,
  'a second check-in is refused (coupon_already_used, with when)');
select throws_ok($$ select public.check_in_coupon('ZZZZ-ZZZZ-ZZZZ-ZZZZ') $$, 'PT404', 'No coupon has that code.', 'an unknown code is refused');
select throws_ok($$ select public.check_in_coupon('not a code') $$, 'PT404', 'No coupon has that code.', 'a malformed code is refused the same way');
select tests.authenticate_as('owner');
select throws_ok(format('select public.use_coupon(%L)', (select id from c where user_name = 'owner')), 'PT409', 'This coupon has already been used.',
  'after a check-in the owner cannot use it');

-- Void
select tests.authenticate_as('other');
select lives_ok(format('select public.cancel_enrollment(%L)', tests.enrollment_of('other', 'show')), 'the other member cancels');
select throws_ok(format('select public.use_coupon(%L)', (select id from c where user_name = 'other')), 'PT409',
  'This coupon is void: its enrollment was cancelled or rejected.', 'a void coupon cannot be used (coupon_void)');
select tests.authenticate_as('admin');
select throws_ok(format('select public.reset_coupon(%L, %L)', (select id from c where user_name = 'other'), 'try'), 'PT409',
  'This coupon is void: its enrollment was cancelled or rejected.', 'a void coupon cannot be reset');
select throws_ok(format('select public.check_in_coupon(%L)', (select code from c where user_name = 'other')), 'PT409',
  'This coupon is void: its enrollment was cancelled or rejected.', 'a void coupon cannot be checked in');

-- Studio
select tests.clear_authentication();
select throws_ok(format($$ update public.coupons set code = 'AAAA-AAAA-AAAA-AAAA' where id = %L $$, (select id from c where user_name = 'owner')), 'PT409',
  'A coupon''s code, enrollment, owner and event cannot be changed.', 'Studio cannot change a code (coupon_change_invalid)');
select throws_ok(format($$ update public.coupons set voided_at = null where id = %L $$, (select id from c where user_name = 'other')), 'PT409',
  'A void coupon stays void.', 'Studio cannot revive a void coupon');
select results_eq(format($$ select action from public.audit_log where target_table = 'public.coupons' and target_id = %L order by id $$, (select id from c where user_name = 'owner')),
  array['coupon.issued', 'coupon.used', 'coupon.reset', 'coupon.used'], 'issue, use, reset and check-in are audited');

select * from finish();
rollback;
