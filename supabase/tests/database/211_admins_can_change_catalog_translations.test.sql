-- An admin (profiles.role = 'admin') adds, edits and deletes translations through the API role
-- (the admin area; Studio edits them as postgres, 212); the right follows the profile on every
-- request, so a demoted admin loses it at once.
begin;
select plan(16);

-- Fixture (as postgres): the catalog fixture and its Thai and Korean translations.
select tests.create_catalog_fixture();
select tests.create_catalog_translation_fixture();
select tests.create_supabase_user('translation_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('translation_admin');

select tests.authenticate_as('translation_admin');
select is(tests.rows_affected($$ insert into public.category_translations (category_id, locale, name, description) select id, 'ko', '테스트 오디오', '테스트용 카테고리' from public.categories where slug = 'test-audio' $$), 1,
  'an admin adds category translations');
select is(tests.rows_affected($$ insert into public.product_translations (product_id, locale, name) select id, 'zh-TW', '測試擴大機' from public.products where slug = 'test-amp' $$), 1,
  'an admin adds product translations');
select is(tests.rows_affected($$ insert into public.product_include_translations (product_include_id, locale, item) select id, 'ko', '전원 케이블' from public.product_includes where item = 'Power cable' $$), 1,
  'an admin adds in-the-box translations');
select is(tests.rows_affected($$ insert into public.product_image_translations (product_image_id, locale, alt) select id, 'ko', '테스트 앰프' from public.product_images where url = '/images/test/amp.svg' $$), 1,
  'an admin adds image translations');
select is(tests.rows_affected($$ update public.category_translations set description = 'หมวดหมู่ทดสอบ' where locale = 'th' and category_id = (select id from public.categories where slug = 'test-audio') $$), 1,
  'an admin changes category translations');
select is(tests.rows_affected($$ update public.product_translations set features = 'คุณสมบัติทดสอบ' where locale = 'th' and product_id = (select id from public.products where slug = 'test-amp') $$), 1,
  'an admin changes product translations');
select is(tests.rows_affected($$ update public.product_include_translations set item = 'สายไฟ AC' where locale = 'th' and product_include_id in (select x.id from public.product_includes x join public.products p on p.id = x.product_id where p.slug = 'test-amp') $$), 1,
  'an admin changes in-the-box translations');
select is(tests.rows_affected($$ update public.product_image_translations set alt = 'แอมป์ทดสอบ ด้านหน้า' where locale = 'th' and product_image_id in (select id from public.product_images where url = '/images/test/amp.svg') $$), 1,
  'an admin changes image translations');
-- The admin area saves a translation as an upsert on (entity, locale).
select is(tests.rows_affected($$ insert into public.product_translations (product_id, locale, name) select id, 'ko', '테스트 앰프 2' from public.products where slug = 'test-amp'
                                 on conflict (product_id, locale) do update set name = excluded.name $$), 1,
  'an admin upserts a translation on (product_id, locale)');
select is((select (name, features)::text from public.product_pages where locale = 'th' and slug = 'test-amp'), '(แอมป์ทดสอบ,คุณสมบัติทดสอบ)',
  'the admin''s change shows on the Thai page');
select is(tests.rows_affected($$ delete from public.product_image_translations where locale = 'ko' and product_image_id in (select id from public.product_images where url = '/images/test/amp.svg') $$), 1, 'an admin deletes image translations');
select is(tests.rows_affected($$ delete from public.product_include_translations where locale = 'ko' and product_include_id in (select x.id from public.product_includes x join public.products p on p.id = x.product_id where p.slug = 'test-amp') $$), 1, 'an admin deletes in-the-box translations');
select is(tests.rows_affected($$ delete from public.product_translations where locale = 'zh-TW' and product_id = (select id from public.products where slug = 'test-amp') $$), 1, 'an admin deletes product translations');
select is(tests.rows_affected($$ delete from public.category_translations where locale = 'ko' and category_id = (select id from public.categories where slug = 'test-audio') $$), 1, 'an admin deletes category translations');

select tests.clear_authentication();
update public.profiles set role = 'consumer' where id = tests.get_supabase_uid('translation_admin');

select tests.authenticate_as('translation_admin');
select is(tests.rows_affected($$ update public.product_translations set name = 'เปลี่ยนอีกครั้ง' where locale = 'th' and product_id = (select id from public.products where slug = 'test-amp') $$), 0,
  'a demoted admin changes no translation on the next request');
select throws_ok($$ insert into public.category_translations (category_id, locale, name) select id, 'ko', '다시' from public.categories where slug = 'test-audio' $$,
  '42501', 'new row violates row-level security policy for table "category_translations"', 'a demoted admin adds no translation');

select * from finish();
rollback;
