-- Nobody can empty the shelf by holding it: one shopper (account or guest) may hold at most
-- app_settings.max_units_held_per_product units of one product (default 5), enforced by
-- reserve_stock in SQL; the setting is the operator's, not the shopper's. And holds commit
-- durably: reserve_stock leaves the server's synchronous_commit alone.
begin;
select plan(12);

select tests.create_catalog_fixture();
select tests.create_supabase_user('limit-member');
select tests.create_anonymous_user('limit-guest');

create function pg_temp.amp() returns uuid language sql stable as $$ select id from public.products where slug = 'test-amp' $$;
grant execute on all functions in schema pg_temp to anon, authenticated;

select is((select max_units_held_per_product from public.app_settings), 5, 'the default limit is 5 units');

select tests.authenticate_as('limit-member');
select is((select quantity from public.reserve_stock(pg_temp.amp(), 5)), 5, 'a member may hold 5');
select throws_ok($$ select public.reserve_stock(pg_temp.amp(), 6) $$, '22023',
  'You can hold at most 5 of a product at a time.', 'a member may not hold 6');
select is((select quantity from public.stock_reservations where product_id = pg_temp.amp()), 5,
  'the refused call left the hold as it was');

select tests.authenticate_as('limit-guest');
select throws_ok($$ select public.reserve_stock(pg_temp.amp(), 42) $$, '22023',
  'You can hold at most 5 of a product at a time.', 'a guest may not hold the whole stock (42)');
select is((select quantity from public.reserve_stock(pg_temp.amp(), 5)), 5, 'a guest may hold 5 too');
select is(current_setting('synchronous_commit'),
  (select reset_val from pg_settings where name = 'synchronous_commit'),
  'a hold commits with the server''s synchronous_commit (durably)');

-- Shoppers cannot raise their own limit.
select tests.authenticate_as('limit-member');
select throws_ok($$ update public.app_settings set max_units_held_per_product = 1000 $$, '42501',
  'permission denied for table app_settings', 'a shopper cannot change the limit');

-- The operator's setting decides.
select tests.clear_authentication();
update public.app_settings set max_units_held_per_product = 2;
select tests.authenticate_as('limit-member');
select throws_ok($$ select public.reserve_stock(pg_temp.amp(), 3) $$, '22023',
  'You can hold at most 2 of a product at a time.', 'a lower limit applies to the next call');
select is((select quantity from public.reserve_stock(pg_temp.amp(), 2)), 2, 'lowering to the limit is fine');
select is((select max_units_per_shopper from public.product_pages where locale = 'en' and slug = 'test-amp'), 2,
  'product_pages tells the quantity picker the limit');

select tests.clear_authentication();
select throws_ok($$ update public.app_settings set max_units_held_per_product = 0 $$, '23514', null,
  'the limit is at least 1');

select * from finish();
rollback;
