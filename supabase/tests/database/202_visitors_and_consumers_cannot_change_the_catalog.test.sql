-- Writes by a visitor fail on the missing grant (42501 permission denied); writes by a signed-in
-- consumer pass the grant and stop at the admin-only policies: inserts raise 42501 (row-level
-- security), updates and deletes touch 0 rows.
begin;
select plan(32);

-- Fixture (as postgres): a category with two products, an image, a box line and a link.
select tests.create_catalog_fixture();
select tests.create_supabase_user('catalog_consumer');

select tests.authenticate_as_anon();
select throws_ok($$ insert into public.categories (slug, name) values ('test-new', 'New') $$,
  '42501', 'permission denied for table categories', 'a visitor cannot add categories (no grant)');
select throws_ok($$ update public.categories set name = 'Changed' where slug = 'test-audio' $$,
  '42501', 'permission denied for table categories', 'a visitor cannot change categories (no grant)');
select throws_ok($$ delete from public.categories where slug = 'test-empty' $$,
  '42501', 'permission denied for table categories', 'a visitor cannot delete categories (no grant)');
select throws_ok($$ insert into public.products (slug, name, category_id, price, stock) select 'test-new', 'New', id, 10, 1 from public.categories where slug = 'test-audio' $$,
  '42501', 'permission denied for table products', 'a visitor cannot add products (no grant)');
select throws_ok($$ update public.products set price = 1, stock = 0 where slug = 'test-amp' $$,
  '42501', 'permission denied for table products', 'a visitor cannot change products (no grant)');
select throws_ok($$ delete from public.products where slug = 'test-dac' $$,
  '42501', 'permission denied for table products', 'a visitor cannot delete products (no grant)');
select throws_ok($$ insert into public.product_images (product_id, type, size, url, alt) select id, 'gallery', 'mobile', '/images/test/new.svg', 'New' from public.products where slug = 'test-amp' $$,
  '42501', 'permission denied for table product_images', 'a visitor cannot add product_images (no grant)');
select throws_ok($$ update public.product_images set url = '/images/test/changed.svg' where url = '/images/test/amp.svg' $$,
  '42501', 'permission denied for table product_images', 'a visitor cannot change product_images (no grant)');
select throws_ok($$ delete from public.product_images where url = '/images/test/amp.svg' $$,
  '42501', 'permission denied for table product_images', 'a visitor cannot delete product_images (no grant)');
select throws_ok($$ insert into public.product_includes (product_id, quantity, item) select id, 2, 'Spare fuse' from public.products where slug = 'test-amp' $$,
  '42501', 'permission denied for table product_includes', 'a visitor cannot add product_includes (no grant)');
select throws_ok($$ update public.product_includes set quantity = 9 where item = 'Power cable' $$,
  '42501', 'permission denied for table product_includes', 'a visitor cannot change product_includes (no grant)');
select throws_ok($$ delete from public.product_includes where item = 'Power cable' $$,
  '42501', 'permission denied for table product_includes', 'a visitor cannot delete product_includes (no grant)');
select throws_ok($$ insert into public.related_products (product_id, related_product_id) select d.id, a.id from public.products d, public.products a where d.slug = 'test-dac' and a.slug = 'test-amp' $$,
  '42501', 'permission denied for table related_products', 'a visitor cannot add related_products (no grant)');
select throws_ok($$ update public.related_products set position = 9 where product_id = (select id from public.products where slug = 'test-amp') $$,
  '42501', 'permission denied for table related_products', 'a visitor cannot change related_products (no grant)');
select throws_ok($$ delete from public.related_products where product_id = (select id from public.products where slug = 'test-amp') $$,
  '42501', 'permission denied for table related_products', 'a visitor cannot delete related_products (no grant)');

select tests.authenticate_as('catalog_consumer');
select throws_ok($$ insert into public.categories (slug, name) values ('test-new', 'New') $$,
  '42501', 'new row violates row-level security policy for table "categories"', 'a consumer cannot add categories (policy)');
select is(tests.rows_affected($$ update public.categories set name = 'Changed' where slug = 'test-audio' $$), 0,
  'a consumer changes no categories (the policy hides every row from the update)');
select is(tests.rows_affected($$ delete from public.categories where slug = 'test-empty' $$), 0,
  'a consumer deletes no categories (the policy hides every row from the delete)');
select throws_ok($$ insert into public.products (slug, name, category_id, price, stock) select 'test-new', 'New', id, 10, 1 from public.categories where slug = 'test-audio' $$,
  '42501', 'new row violates row-level security policy for table "products"', 'a consumer cannot add products (policy)');
select is(tests.rows_affected($$ update public.products set price = 1, stock = 0 where slug = 'test-amp' $$), 0,
  'a consumer changes no products (the policy hides every row from the update)');
select is(tests.rows_affected($$ delete from public.products where slug = 'test-dac' $$), 0,
  'a consumer deletes no products (the policy hides every row from the delete)');
select throws_ok($$ insert into public.product_images (product_id, type, size, url, alt) select id, 'gallery', 'mobile', '/images/test/new.svg', 'New' from public.products where slug = 'test-amp' $$,
  '42501', 'new row violates row-level security policy for table "product_images"', 'a consumer cannot add product_images (policy)');
select is(tests.rows_affected($$ update public.product_images set url = '/images/test/changed.svg' where url = '/images/test/amp.svg' $$), 0,
  'a consumer changes no product_images (the policy hides every row from the update)');
select is(tests.rows_affected($$ delete from public.product_images where url = '/images/test/amp.svg' $$), 0,
  'a consumer deletes no product_images (the policy hides every row from the delete)');
select throws_ok($$ insert into public.product_includes (product_id, quantity, item) select id, 2, 'Spare fuse' from public.products where slug = 'test-amp' $$,
  '42501', 'new row violates row-level security policy for table "product_includes"', 'a consumer cannot add product_includes (policy)');
select is(tests.rows_affected($$ update public.product_includes set quantity = 9 where item = 'Power cable' $$), 0,
  'a consumer changes no product_includes (the policy hides every row from the update)');
select is(tests.rows_affected($$ delete from public.product_includes where item = 'Power cable' $$), 0,
  'a consumer deletes no product_includes (the policy hides every row from the delete)');
select throws_ok($$ insert into public.related_products (product_id, related_product_id) select d.id, a.id from public.products d, public.products a where d.slug = 'test-dac' and a.slug = 'test-amp' $$,
  '42501', 'new row violates row-level security policy for table "related_products"', 'a consumer cannot add related_products (policy)');
select is(tests.rows_affected($$ update public.related_products set position = 9 where product_id = (select id from public.products where slug = 'test-amp') $$), 0,
  'a consumer changes no related_products (the policy hides every row from the update)');
select is(tests.rows_affected($$ delete from public.related_products where product_id = (select id from public.products where slug = 'test-amp') $$), 0,
  'a consumer deletes no related_products (the policy hides every row from the delete)');

select tests.clear_authentication();
select is((select name from public.categories where slug = 'test-audio'), 'Test audio', 'the category is unchanged');
select is((select (price, stock)::text from public.products where slug = 'test-amp'), '(100.00,42)', 'the product is unchanged');

select * from finish();
rollback;
