-- reserve_stock tells a shopper no more about stock than the availability badge: a count only
-- when 0-5 units are left for them, otherwise no number, in its answer and in its refusal.
begin;
select plan(6);

select tests.create_catalog_fixture();
select tests.create_supabase_user('badge-a');
select tests.create_supabase_user('badge-b');
update public.app_settings set max_units_held_per_product = 1000;

select tests.authenticate_as('badge-a');
select is((select available from public.reserve_stock((select id from public.products where slug = 'test-amp'), 1)), null::integer,
  '42 in stock: the answer gives no number');
select throws_ok($$ select public.reserve_stock((select id from public.products where slug = 'test-amp'), 100) $$, 'PT409',
  'Not that many are available right now.', 'asking for 100 of 42 does not reveal 42');
select is((select available from public.reserve_stock((select id from public.products where slug = 'test-dac'), 1)), 3,
  '3 in stock: the count, as the badge shows it');

select tests.authenticate_as('badge-b');
select throws_ok($$ select public.reserve_stock((select id from public.products where slug = 'test-dac'), 3) $$, 'PT409',
  'Only 2 left.', 'few left: the refusal names the count');
select is((select available from public.reserve_stock((select id from public.products where slug = 'test-dac'), 2)), 2,
  'b holds the last 2');
select tests.authenticate_as('badge-a');
select throws_ok($$ select public.reserve_stock((select id from public.products where slug = 'test-dac'), 2) $$, 'PT409',
  'Only 1 left.', 'a, holding 1, may hold only that 1');

select * from finish();
rollback;
