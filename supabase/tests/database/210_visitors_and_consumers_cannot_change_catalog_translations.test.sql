-- Writes to the translation tables by a visitor fail on the missing grant (42501 permission
-- denied); a signed-in consumer passes the grant and stops at the admin-only policies: inserts
-- raise 42501 (row-level security), updates and deletes touch 0 rows.
begin;
select plan(26);

-- Fixture (as postgres): the catalog fixture and its Thai and Korean translations.
select tests.create_catalog_fixture();
select tests.create_catalog_translation_fixture();
select tests.create_supabase_user('translation_consumer');

select tests.authenticate_as_anon();
select throws_ok($$ insert into public.category_translations (category_id, locale, name) select id, 'ko', '새 이름' from public.categories where slug = 'test-audio' $$,
  '42501', 'permission denied for table category_translations', 'a visitor cannot add category translations (no grant)');
select throws_ok($$ update public.category_translations set name = 'เปลี่ยน' where locale = 'th' and category_id = (select id from public.categories where slug = 'test-audio') $$,
  '42501', 'permission denied for table category_translations', 'a visitor cannot change category translations (no grant)');
select throws_ok($$ delete from public.category_translations where locale = 'th' and category_id = (select id from public.categories where slug = 'test-audio') $$,
  '42501', 'permission denied for table category_translations', 'a visitor cannot delete category translations (no grant)');
select throws_ok($$ insert into public.product_translations (product_id, locale, name) select id, 'zh-TW', '測試擴大機' from public.products where slug = 'test-amp' $$,
  '42501', 'permission denied for table product_translations', 'a visitor cannot add product translations (no grant)');
select throws_ok($$ update public.product_translations set name = 'เปลี่ยน' where locale = 'th' and product_id = (select id from public.products where slug = 'test-amp') $$,
  '42501', 'permission denied for table product_translations', 'a visitor cannot change product translations (no grant)');
select throws_ok($$ delete from public.product_translations where locale = 'th' and product_id = (select id from public.products where slug = 'test-amp') $$,
  '42501', 'permission denied for table product_translations', 'a visitor cannot delete product translations (no grant)');
select throws_ok($$ insert into public.product_include_translations (product_include_id, locale, item) select id, 'ko', '전원 케이블' from public.product_includes where item = 'Power cable' $$,
  '42501', 'permission denied for table product_include_translations', 'a visitor cannot add in-the-box translations (no grant)');
select throws_ok($$ update public.product_include_translations set item = 'เปลี่ยน' where locale = 'th' and product_include_id in (select x.id from public.product_includes x join public.products p on p.id = x.product_id where p.slug = 'test-amp') $$,
  '42501', 'permission denied for table product_include_translations', 'a visitor cannot change in-the-box translations (no grant)');
select throws_ok($$ delete from public.product_include_translations where locale = 'th' and product_include_id in (select x.id from public.product_includes x join public.products p on p.id = x.product_id where p.slug = 'test-amp') $$,
  '42501', 'permission denied for table product_include_translations', 'a visitor cannot delete in-the-box translations (no grant)');
select throws_ok($$ insert into public.product_image_translations (product_image_id, locale, alt) select id, 'ko', '테스트 앰프' from public.product_images where url = '/images/test/amp.svg' $$,
  '42501', 'permission denied for table product_image_translations', 'a visitor cannot add image translations (no grant)');
select throws_ok($$ update public.product_image_translations set alt = 'เปลี่ยน' where locale = 'th' and product_image_id in (select id from public.product_images where url = '/images/test/amp.svg') $$,
  '42501', 'permission denied for table product_image_translations', 'a visitor cannot change image translations (no grant)');
select throws_ok($$ delete from public.product_image_translations where locale = 'th' and product_image_id in (select id from public.product_images where url = '/images/test/amp.svg') $$,
  '42501', 'permission denied for table product_image_translations', 'a visitor cannot delete image translations (no grant)');

select tests.authenticate_as('translation_consumer');
select throws_ok($$ insert into public.category_translations (category_id, locale, name) select id, 'ko', '새 이름' from public.categories where slug = 'test-audio' $$,
  '42501', 'new row violates row-level security policy for table "category_translations"', 'a consumer cannot add category translations (policy)');
select is(tests.rows_affected($$ update public.category_translations set name = 'เปลี่ยน' where locale = 'th' and category_id = (select id from public.categories where slug = 'test-audio') $$), 0,
  'a consumer changes no category translations (the policy hides every row from the update)');
select is(tests.rows_affected($$ delete from public.category_translations where locale = 'th' and category_id = (select id from public.categories where slug = 'test-audio') $$), 0,
  'a consumer deletes no category translations (the policy hides every row from the delete)');
select throws_ok($$ insert into public.product_translations (product_id, locale, name) select id, 'zh-TW', '測試擴大機' from public.products where slug = 'test-amp' $$,
  '42501', 'new row violates row-level security policy for table "product_translations"', 'a consumer cannot add product translations (policy)');
select is(tests.rows_affected($$ update public.product_translations set name = 'เปลี่ยน' where locale = 'th' and product_id = (select id from public.products where slug = 'test-amp') $$), 0,
  'a consumer changes no product translations (the policy hides every row from the update)');
select is(tests.rows_affected($$ delete from public.product_translations where locale = 'th' and product_id = (select id from public.products where slug = 'test-amp') $$), 0,
  'a consumer deletes no product translations (the policy hides every row from the delete)');
select throws_ok($$ insert into public.product_include_translations (product_include_id, locale, item) select id, 'ko', '전원 케이블' from public.product_includes where item = 'Power cable' $$,
  '42501', 'new row violates row-level security policy for table "product_include_translations"', 'a consumer cannot add in-the-box translations (policy)');
select is(tests.rows_affected($$ update public.product_include_translations set item = 'เปลี่ยน' where locale = 'th' and product_include_id in (select x.id from public.product_includes x join public.products p on p.id = x.product_id where p.slug = 'test-amp') $$), 0,
  'a consumer changes no in-the-box translations (the policy hides every row from the update)');
select is(tests.rows_affected($$ delete from public.product_include_translations where locale = 'th' and product_include_id in (select x.id from public.product_includes x join public.products p on p.id = x.product_id where p.slug = 'test-amp') $$), 0,
  'a consumer deletes no in-the-box translations (the policy hides every row from the delete)');
select throws_ok($$ insert into public.product_image_translations (product_image_id, locale, alt) select id, 'ko', '테스트 앰프' from public.product_images where url = '/images/test/amp.svg' $$,
  '42501', 'new row violates row-level security policy for table "product_image_translations"', 'a consumer cannot add image translations (policy)');
select is(tests.rows_affected($$ update public.product_image_translations set alt = 'เปลี่ยน' where locale = 'th' and product_image_id in (select id from public.product_images where url = '/images/test/amp.svg') $$), 0,
  'a consumer changes no image translations (the policy hides every row from the update)');
select is(tests.rows_affected($$ delete from public.product_image_translations where locale = 'th' and product_image_id in (select id from public.product_images where url = '/images/test/amp.svg') $$), 0,
  'a consumer deletes no image translations (the policy hides every row from the delete)');

select tests.clear_authentication();
select is((select count(*)::int from public.category_translations ct join public.categories c on c.id = ct.category_id where c.slug like 'test-%')
          + (select count(*)::int from public.product_translations pt join public.products p on p.id = pt.product_id where p.slug like 'test-%')
          + (select count(*)::int from public.product_include_translations xt join public.product_includes x on x.id = xt.product_include_id where x.item = 'Power cable')
          + (select count(*)::int from public.product_image_translations it join public.product_images i on i.id = it.product_image_id where i.url = '/images/test/amp.svg'),
  5, 'no translation was added or deleted');
select is((select name from public.product_cards where locale = 'th' and slug = 'test-amp'), 'แอมป์ทดสอบ', 'the Thai name is unchanged');

select * from finish();
rollback;
