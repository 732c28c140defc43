-- No API role can select products.stock (column privilege). Visitors and consumers see the
-- availability badge only; admins read the exact count as product_cards.stock_on_hand.
begin;
select plan(13);

-- Fixture (as postgres): a category with two products, an image, a box line and a link.
select tests.create_catalog_fixture();

select tests.create_supabase_user('stock_consumer');
select tests.create_supabase_user('stock_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('stock_admin');

select tests.authenticate_as_anon();
select throws_ok($$ select stock from public.products $$,
  '42501', 'permission denied for table products', 'a visitor cannot select products.stock');
select throws_ok($$ select * from public.products $$,
  '42501', 'permission denied for table products', 'a visitor''s select * includes stock and is refused (list columns)');
select is((select (availability, quantity_left, stock_on_hand)::text from public.product_cards where locale = 'en' and slug = 'test-amp'),
  '(in_stock,,)', 'a visitor sees "in stock" without a number');
select is((select stock_on_hand from public.product_pages where locale = 'en' and slug = 'test-amp'), null, 'a visitor gets no stock on the product page');
select throws_ok($$ select private.available_stock(id) from public.product_cards $$,
  '42501', 'permission denied for function available_stock', 'a visitor cannot call the raw availability function');

select tests.authenticate_as('stock_consumer');
select throws_ok($$ select stock from public.products $$,
  '42501', 'permission denied for table products', 'a consumer cannot select products.stock');
select throws_ok($$ select sum(stock) from public.products where stock > 0 $$,
  '42501', 'permission denied for table products', 'a consumer cannot filter or aggregate on stock either');
select is((select stock_on_hand from public.product_cards where locale = 'en' and slug = 'test-amp'), null, 'a consumer sees no exact stock');
select throws_ok($$ select private.available_stock(id) from public.product_cards $$,
  '42501', 'permission denied for function available_stock', 'a consumer cannot call the raw availability function');

select tests.authenticate_as('stock_admin');
select is((select stock_on_hand from public.product_cards where locale = 'en' and slug = 'test-amp'), 42, 'an admin sees the exact stock on the card');
select is((select stock_on_hand from public.product_pages where locale = 'en' and slug = 'test-dac'), 3, 'an admin sees the exact stock on the page');
select throws_ok($$ select stock from public.products $$,
  '42501', 'permission denied for table products', 'even an admin reads stock through the views, not the column');
select lives_ok($$ update public.products set stock = 7 where slug = 'test-amp' $$, 'an admin sets stock without reading it');

select * from finish();
rollback;
