-- An admin (profiles.role = 'admin') writes every catalog table through the API role; the
-- right follows the profile on every request, so a demoted admin loses it at once.
begin;
select plan(17);

-- Fixture (as postgres): a category with two products, an image, a box line and a link.
select tests.create_catalog_fixture();
select tests.create_supabase_user('catalog_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('catalog_admin');

select tests.authenticate_as('catalog_admin');
select is(tests.rows_affected($$ insert into public.categories (slug, name) values ('test-new', 'New') $$), 1, 'an admin adds categories');
select is(tests.rows_affected($$ insert into public.products (slug, name, category_id, price, stock) select 'test-new', 'New', id, 10, 1 from public.categories where slug = 'test-audio' $$), 1, 'an admin adds products');
select is(tests.rows_affected($$ insert into public.product_images (product_id, type, size, url, alt) select id, 'gallery', 'mobile', '/images/test/new.svg', 'New' from public.products where slug = 'test-amp' $$), 1, 'an admin adds product_images');
select is(tests.rows_affected($$ insert into public.product_includes (product_id, quantity, item) select id, 2, 'Spare fuse' from public.products where slug = 'test-amp' $$), 1, 'an admin adds product_includes');
select is(tests.rows_affected($$ insert into public.related_products (product_id, related_product_id) select d.id, a.id from public.products d, public.products a where d.slug = 'test-dac' and a.slug = 'test-amp' $$), 1, 'an admin adds related_products');
select is(tests.rows_affected($$ update public.categories set name = 'Changed' where slug = 'test-audio' $$), 1, 'an admin changes categories');
select is(tests.rows_affected($$ update public.products set price = 1, stock = 0 where slug = 'test-amp' $$), 1, 'an admin changes products');
select is(tests.rows_affected($$ update public.product_images set url = '/images/test/changed.svg' where url = '/images/test/amp.svg' $$), 1, 'an admin changes product_images');
select is(tests.rows_affected($$ update public.product_includes set quantity = 9 where item = 'Power cable' $$), 1, 'an admin changes product_includes');
select is(tests.rows_affected($$ update public.related_products set position = 9 where product_id = (select id from public.products where slug = 'test-amp') $$), 1, 'an admin changes related_products');
select is(tests.rows_affected($$ delete from public.related_products where product_id = (select id from public.products where slug = 'test-amp') $$), 1, 'an admin deletes related_products');
select is(tests.rows_affected($$ delete from public.product_includes where item = 'Power cable' $$), 1, 'an admin deletes product_includes');
select is(tests.rows_affected($$ delete from public.product_images where url = '/images/test/changed.svg' $$), 1, 'an admin deletes product_images');
select is(tests.rows_affected($$ delete from public.products where slug = 'test-dac' $$), 1, 'an admin deletes products');
select is(tests.rows_affected($$ delete from public.categories where slug = 'test-empty' $$), 1, 'an admin deletes categories');
select is((select name from public.categories where slug = 'test-audio'), 'Changed', 'the admin''s change is visible');

select tests.clear_authentication();
update public.profiles set role = 'consumer' where id = tests.get_supabase_uid('catalog_admin');

select tests.authenticate_as('catalog_admin');
select is(tests.rows_affected($$ update public.categories set name = 'Changed again' where slug = 'test-audio' $$), 0,
  'a demoted admin changes nothing on the next request');

select * from finish();
rollback;
