-- Visitors without a session and signed-in consumers read every translation table and the
-- localized views built on them (one row per entity and language; texts in that language).
begin;
select plan(16);

-- Fixture (as postgres): the catalog fixture and its Thai and Korean translations.
select tests.create_catalog_fixture();
select tests.create_catalog_translation_fixture();
select tests.create_supabase_user('translation_reader');

select tests.authenticate_as_anon();
select is((select t.name from public.category_translations t join public.categories c on c.id = t.category_id
           where c.slug = 'test-audio' and t.locale = 'th'), 'เครื่องเสียงทดสอบ', 'a visitor reads category translations');
select is((select array_agg(t.locale::text order by t.locale) from public.product_translations t
           join public.products p on p.id = t.product_id where p.slug = 'test-amp'), array['th', 'ko'],
  'a visitor reads product translations');
select is((select t.item from public.product_include_translations t join public.product_includes x on x.id = t.product_include_id
           where x.item = 'Power cable' and t.locale = 'th'), 'สายไฟ', 'a visitor reads in-the-box translations');
select is((select t.alt from public.product_image_translations t join public.product_images i on i.id = t.product_image_id
           where i.url = '/images/test/amp.svg' and t.locale = 'th'), 'แอมป์ทดสอบ', 'a visitor reads image translations');
select is((select name from public.category_cards where locale = 'th' and slug = 'test-audio'), 'เครื่องเสียงทดสอบ',
  'a visitor reads a category card in Thai');
select is((select name from public.product_cards where locale = 'th' and slug = 'test-amp'), 'แอมป์ทดสอบ',
  'a visitor reads a product card in Thai');
select is((select (includes[1]).item from public.product_pages where locale = 'th' and slug = 'test-amp'), 'สายไฟ',
  'a visitor reads a product page in Thai');
select is((select count(*)::int from public.product_cards where slug = 'test-amp'), 4,
  'without a locale filter a visitor gets one row per language');

select tests.authenticate_as('translation_reader');
select is((select t.name from public.category_translations t join public.categories c on c.id = t.category_id
           where c.slug = 'test-audio' and t.locale = 'th'), 'เครื่องเสียงทดสอบ', 'a consumer reads category translations');
select is((select array_agg(t.locale::text order by t.locale) from public.product_translations t
           join public.products p on p.id = t.product_id where p.slug = 'test-amp'), array['th', 'ko'],
  'a consumer reads product translations');
select is((select t.item from public.product_include_translations t join public.product_includes x on x.id = t.product_include_id
           where x.item = 'Power cable' and t.locale = 'th'), 'สายไฟ', 'a consumer reads in-the-box translations');
select is((select t.alt from public.product_image_translations t join public.product_images i on i.id = t.product_image_id
           where i.url = '/images/test/amp.svg' and t.locale = 'th'), 'แอมป์ทดสอบ', 'a consumer reads image translations');
select is((select name from public.category_cards where locale = 'th' and slug = 'test-audio'), 'เครื่องเสียงทดสอบ',
  'a consumer reads a category card in Thai');
select is((select name from public.product_cards where locale = 'ko' and slug = 'test-amp'), '테스트 앰프',
  'a consumer reads a product card in Korean');
select is((select (images[1]).alt from public.product_pages where locale = 'th' and slug = 'test-amp'), 'แอมป์ทดสอบ',
  'a consumer reads a product page in Thai');

select tests.authenticate_as_service_role();
select is((select count(*)::int from public.product_translations t join public.products p on p.id = t.product_id
           where p.slug = 'test-amp'), 2, 'the service role reads translations (scripts)');

select * from finish();
rollback;
