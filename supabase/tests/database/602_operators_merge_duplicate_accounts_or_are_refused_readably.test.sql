-- merge_accounts: orders, enrollments with their coupons, favorites, holds and consents move to
-- the kept account in one transaction, duplicates keep the kept account's row, the removed
-- account is deleted through the deletion path (audited, erased); refusals are readable.
begin;
select plan(20);

select tests.clear_events();
select tests.create_catalog_fixture();
select tests.create_supabase_user(u) from unnest(array['merge-admin', 'merge-keep', 'merge-dup', 'merge-member']) as u;
select tests.create_anonymous_user('merge-guest');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('merge-admin');
create temporary table merged_ids on commit drop as select tests.get_supabase_uid('merge-dup') as dup;
select tests.create_event('merge-night', 5);
select tests.create_event('merge-day', 5);

-- The duplicate account: an order, an approved enrollment with its coupon, two favorites (one
-- the kept account has too), a hold on a product the kept account holds too, its consents.
select tests.authenticate_as('merge-dup');
select public.reserve_stock((select id from public.products where slug = 'test-amp'), 1);
select public.place_order('merge-key-01', 'Dup', 'dup@example.com', null, '1 Road', '10110', 'Bangkok', 'Thailand', 'cash');
select public.reserve_stock((select id from public.products where slug = 'test-dac'), 2);
insert into public.favorites (product_id) select id from public.products where slug in ('test-amp', 'test-dac');
select public.enroll((select id from public.events where slug = 'merge-night'));
select tests.authenticate_as('merge-keep');
select public.reserve_stock((select id from public.products where slug = 'test-dac'), 1);
insert into public.favorites (product_id) select id from public.products where slug = 'test-amp';
select tests.clear_authentication();
select public.approve_enrollment(tests.enrollment_of('merge-dup', 'merge-night'));
insert into public.consents (user_id, document, version) values (tests.get_supabase_uid('merge-dup'), 'terms', 'merge-v1');

-- Refusals
select tests.authenticate_as('merge-member');
select throws_ok(format('select public.merge_accounts(%L, %L, %L)', tests.get_supabase_uid('merge-member'), tests.get_supabase_uid('merge-dup'), 'mine'),
  'PT403', 'Only an admin can do that.', 'a member cannot merge accounts');
select tests.authenticate_as('merge-guest');
select throws_ok(format('select public.merge_accounts(%L, %L, %L)', tests.get_supabase_uid('merge-guest'), tests.get_supabase_uid('merge-dup'), 'mine'),
  'PT403', 'Only an admin can do that.', 'nor can a guest');
select tests.authenticate_as('merge-admin');
select throws_ok(format('select public.merge_accounts(%L, %L, null)', tests.get_supabase_uid('merge-keep'), tests.get_supabase_uid('merge-dup')),
  'PT422', 'A reason is required (1-1000 characters).', 'a reason is required');
select throws_ok(format('select public.merge_accounts(%L, %L, %L)', tests.get_supabase_uid('merge-keep'), tests.get_supabase_uid('merge-keep'), 'x'),
  'PT422', 'Choose two different accounts: the one to keep and the one to remove.', 'the same account twice');
select throws_ok(format('select public.merge_accounts(%L, %L, %L)', tests.get_supabase_uid('merge-keep'), gen_random_uuid(), 'x'),
  'PT404', 'No account has that id.', 'a missing account');
select throws_ok(format('select public.merge_accounts(%L, %L, %L)', tests.get_supabase_uid('merge-guest'), tests.get_supabase_uid('merge-dup'), 'x'),
  'PT422', 'The account to keep is a guest: keep the member account and remove the guest.', 'a guest cannot be the kept account');
select tests.clear_authentication();
update public.profiles set role = 'consumer' where role = 'admin' and id <> tests.get_supabase_uid('merge-admin');
select throws_ok(format('select public.merge_accounts(%L, %L, %L)', tests.get_supabase_uid('merge-keep'), tests.get_supabase_uid('merge-admin'), 'x'),
  'PT409', 'This is the only admin: make another account admin first.', 'the last admin cannot be merged away');
select tests.authenticate_as('merge-keep');
select public.enroll((select id from public.events where slug = 'merge-night'));
select tests.clear_authentication();
select throws_ok(format('select public.merge_accounts(%L, %L, %L)', tests.get_supabase_uid('merge-keep'), tests.get_supabase_uid('merge-dup'), 'x'),
  'PT409', 'Both accounts are enrolled in "Event merge-night": cancel one of the two enrollments first.', 'both enrolled in the same event');
select public.cancel_enrollment(tests.enrollment_of('merge-keep', 'merge-night'), 'duplicate enrollment, keeps the approved one');

-- The merge, by an admin through the API
select tests.authenticate_as('merge-admin');
select is(public.merge_accounts(tests.get_supabase_uid('merge-keep'), tests.get_supabase_uid('merge-dup'), 'Two accounts, same person (ticket 42)'),
  '{"holds": 0, "coupons": 1, "orders": 1, "consents": 1, "favorites": 1, "enrollments": 1}'::jsonb, 'it says what moved');
select tests.clear_authentication();
select is((select count(*)::int from auth.users where id = (select dup from merged_ids)), 0, 'the duplicate account is gone');
select is((select user_id from public.orders where idempotency_key = 'merge-key-01'), tests.get_supabase_uid('merge-keep'), 'its order moved');
select is((select status::text from public.enrollments where user_id = tests.get_supabase_uid('merge-keep') and status <> 'cancelled'),
  'approved', 'its approved enrollment moved');
select is((select c.user_id from public.coupons c where c.voided_at is null and c.event_id = (select id from public.events where slug = 'merge-night')),
  tests.get_supabase_uid('merge-keep'), 'with its coupon');
select is((select count(*)::int from public.favorites where user_id = tests.get_supabase_uid('merge-keep')), 2, 'favorites: one moved, the duplicate kept once');
select is((select quantity from public.stock_reservations where user_id = tests.get_supabase_uid('merge-keep')
            and product_id = (select id from public.products where slug = 'test-dac')), 1, 'a hold on the same product keeps the kept account''s');
select is((select reserved from public.products where slug = 'test-dac'), 1, 'and the dropped hold left the counter');
select is((select count(*)::int from public.consents where user_id = tests.get_supabase_uid('merge-keep') and version = 'merge-v1'), 1, 'consents moved');
select results_eq(format($$ select action, reason, actor_id from public.audit_log where target_id in (%L, %L) and action in ('account.merged', 'account.deleted') order by id $$,
                         tests.get_supabase_uid('merge-keep'), (select dup from merged_ids)),
  format($$ values ('account.merged', 'Two accounts, same person (ticket 42)', %1$L::uuid), ('account.deleted', 'Two accounts, same person (ticket 42)', %1$L::uuid) $$, tests.get_supabase_uid('merge-admin')),
  'audited: the merge and the deletion, with the admin and the reason');
select is_empty($$ select * from admin.event_integrity_problems() $$, 'the events'' invariants hold');

-- postgres (Studio) merges a guest's cart into an account
select tests.authenticate_as('merge-guest');
insert into public.favorites (product_id) select id from public.products where slug = 'test-dac';
select tests.clear_authentication();
select is(public.merge_accounts(tests.get_supabase_uid('merge-member'), tests.get_supabase_uid('merge-guest'), 'Guest cart of the same member') ->> 'favorites',
  '1', 'postgres merges too, a guest as the removed account');

select * from finish();
rollback;
