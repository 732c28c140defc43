-- adjust_stock: admins (API) and postgres (Studio) change stock by a delta or to a count, with a
-- reason, audited; never below the units held in carts; table edits are checked and audited
-- too; members and guests are refused.
begin;
select plan(12);

select tests.create_catalog_fixture();
select tests.create_supabase_user('stock-admin');
select tests.create_supabase_user('stock-shopper');
select tests.create_anonymous_user('stock-guest');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('stock-admin');
update public.products set stock = 10 where slug = 'test-amp';
create temporary table amp on commit drop as select id from public.products where slug = 'test-amp';
grant select on amp to authenticated;

select tests.authenticate_as('stock-shopper');
select public.reserve_stock((select id from amp), 3);
select throws_ok($$ select public.adjust_stock((select id from amp), 'count', delta => 5) $$, 'PT403', 'Only an admin can do that.',
  'a member cannot adjust stock');
select tests.authenticate_as('stock-guest');
select throws_ok($$ select public.adjust_stock((select id from amp), 'count', delta => 5) $$, 'PT403', 'Only an admin can do that.',
  'nor can a guest');

select tests.authenticate_as('stock-admin');
select is(public.adjust_stock((select id from amp), 'Delivery of 5 received', delta => 5) ->> 'stock', '15', 'an admin adds 5');
select is(public.adjust_stock((select id from amp), 'Stock count', new_stock => 4) ->> 'stock', '4', 'or sets the counted level');
select throws_ok($$ select public.adjust_stock((select id from amp), 'Broken units', new_stock => 2) $$, 'PT409',
  '3 units of "Test amp" are in shoppers'' carts: stock cannot go below 3.', 'never below what carts hold');
select throws_ok($$ select public.adjust_stock((select id from amp), 'x', delta => -100) $$, 'PT409',
  'Only 4 units of "Test amp" are in stock: it cannot go below 0.', 'never below 0');
select throws_ok($$ select public.adjust_stock((select id from amp), 'x', delta => 1, new_stock => 1) $$, 'PT422',
  'Give either a change (delta, not 0) or the new stock level (new_stock), not both.', 'one of delta or new_stock');
select throws_ok($$ select public.adjust_stock((select id from amp), '', delta => 1) $$, 'PT422',
  'A reason is required (1-1000 characters).', 'a reason is required');
select throws_ok($$ update public.products set stock = 1 where id = (select id from amp) $$, 'PT409',
  '3 units of "Test amp" are in shoppers'' carts: stock cannot go below 3.', 'the admin''s table edit is checked the same way');

select tests.clear_authentication();
select is(public.adjust_stock((select id from amp), 'Studio recount', delta => 1) ->> 'stock', '5', 'postgres (Studio) adjusts too');
update public.products set stock = 6 where id = (select id from amp);
select results_eq($$ select actor_role, reason, old_values ->> 'stock', new_values ->> 'stock' from public.audit_log
                     where action = 'product.stock_changed' and target_id = (select id from amp)::text order by id $$,
  $$ values ('postgres', 'no reason given', '42', '10'), ('authenticated', 'Delivery of 5 received', '10', '15'), ('authenticated', 'Stock count', '15', '4'),
            ('postgres', 'Studio recount', '4', '5'), ('postgres', 'no reason given', '5', '6') $$,
  'every change is audited with old/new values; a table edit as the database role with "no reason given"');
select is((select admin_id from (select actor_id as admin_id from public.audit_log where reason = 'Stock count') a),
  tests.get_supabase_uid('stock-admin'), 'the audit names the admin');

select * from finish();
rollback;
