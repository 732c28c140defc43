-- A category that still lists products cannot be deleted, by an admin or in Studio: PT409
-- (HTTP 409) with a message naming the category and the count. Empty categories delete fine.
begin;
select plan(6);

-- Fixture (as postgres): a category with two products, an image, a box line and a link.
select tests.create_catalog_fixture();

select tests.create_supabase_user('category_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('category_admin');

select tests.authenticate_as('category_admin');
select throws_ok($$ delete from public.categories where slug = 'test-audio' $$,
  'PT409', 'The category "Test audio" still has 2 product(s), so it cannot be deleted.',
  'an admin cannot delete a category that has products');
select is((select count(*)::int from public.categories where slug = 'test-audio'), 1, 'the category is still there');
select lives_ok($$ delete from public.categories where slug = 'test-empty' $$, 'an admin deletes an empty category');

select tests.clear_authentication();
select throws_ok($$ delete from public.categories where slug = 'test-audio' $$,
  'PT409', 'The category "Test audio" still has 2 product(s), so it cannot be deleted.',
  'Studio (postgres) gets the same refusal');
insert into public.categories (slug, name, position) values ('test-other', 'Test other', 92);
update public.products set category_id = (select id from public.categories where slug = 'test-other') where slug = 'test-dac';

select tests.authenticate_as('category_admin');
select throws_ok($$ delete from public.categories where slug = 'test-audio' $$,
  'PT409', 'The category "Test audio" still has 1 product(s), so it cannot be deleted.',
  'the message counts the products that remain');
delete from public.products where slug = 'test-amp';
select lives_ok($$ delete from public.categories where slug = 'test-audio' $$,
  'once its products are moved or deleted, the category can be deleted');

select * from finish();
rollback;
