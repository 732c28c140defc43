-- category_cards, product_cards and product_pages give one row per entity and language, every
-- text in that language where it is translated and in English where it is not, field by field:
-- a Thai product whose features are not translated yet reads Thai name, English features.
-- Read as a visitor, as the storefront does.
begin;
select plan(27);

-- Fixture (as postgres): the catalog fixture with Thai (partly) and Korean (name only) texts,
-- plus a card image for test-amp and a related image for test-dac, each with a Thai alt.
select tests.create_catalog_fixture();
select tests.create_catalog_translation_fixture();
insert into public.product_images (product_id, type, size, url, alt)
select id, 'category', 'mobile', '/images/test/amp-card.svg', 'Test amp card' from public.products where slug = 'test-amp';
insert into public.product_images (product_id, type, size, url, alt)
select id, 'related', 'mobile', '/images/test/dac-related.svg', 'Test DAC small' from public.products where slug = 'test-dac';
insert into public.product_images (category_id, type, size, url, alt)
select id, 'category', 'mobile', '/images/test/audio.svg', 'Test audio category' from public.categories where slug = 'test-audio';
insert into public.product_image_translations (product_image_id, locale, alt)
select id, 'th', v.alt from public.product_images
join (values ('/images/test/amp-card.svg', 'การ์ดแอมป์ทดสอบ'), ('/images/test/audio.svg', 'หมวดหมู่เครื่องเสียงทดสอบ')) as v(url, alt) using (url);
insert into public.product_translations (product_id, locale, name)
select id, 'th', 'DAC ทดสอบ' from public.products where slug = 'test-dac';

select tests.authenticate_as_anon();

-- One row per entity and language ------------------------------------------------------------
select is((select array_agg(locale::text order by locale) from public.product_cards where slug = 'test-amp'),
  array['en', 'th', 'ko', 'zh-TW'], 'product_cards: one row per language, every language');
select is((select array_agg(locale::text order by locale) from public.product_pages where slug = 'test-amp'),
  array['en', 'th', 'ko', 'zh-TW'], 'product_pages: one row per language, every language');
select is((select array_agg(locale::text order by locale) from public.category_cards where slug = 'test-empty'),
  array['en', 'th', 'ko', 'zh-TW'], 'category_cards: one row per language, even a category without any translation');

-- product_cards, Thai: translated fields in Thai, the rest in English ----------------------------
select is((select (name, description)::text from public.product_cards where locale = 'th' and slug = 'test-amp'),
  '(แอมป์ทดสอบ,สินค้าทดสอบ)', 'a Thai card: the product''s name and description in Thai');
select is((select (category_name, category_description)::text from public.product_cards where locale = 'th' and slug = 'test-amp'),
  '(เครื่องเสียงทดสอบ,"Fixture category")', 'a Thai card: the category''s name in Thai, its untranslated description in English');
select is((select image_alt from public.product_cards where locale = 'th' and slug = 'test-amp'), 'การ์ดแอมป์ทดสอบ',
  'a Thai card: the image''s alt text in Thai');
select is((select (name, description, image_alt)::text from public.product_cards where locale = 'th' and slug = 'test-dac'),
  '("DAC ทดสอบ","Fixture product",)', 'a Thai card: only the name translated, description in English');
select is((select (price, availability, image_mobile)::text from public.product_cards where locale = 'th' and slug = 'test-amp'),
  (select (price, availability, image_mobile)::text from public.product_cards where locale = 'en' and slug = 'test-amp'),
  'a Thai card has the same price, badge and image as the English one');

-- Korean (name only) and Traditional Chinese (nothing) ------------------------------------------
select is((select (name, description, category_name)::text from public.product_cards where locale = 'ko' and slug = 'test-amp'),
  '("테스트 앰프","Fixture product","Test audio")', 'a Korean card: the name in Korean, the rest in English');
select is((select (name, description, category_name, category_description, image_alt)::text from public.product_cards where locale = 'zh-TW' and slug = 'test-amp'),
  (select (name, description, category_name, category_description, image_alt)::text from public.product_cards where locale = 'en' and slug = 'test-amp'),
  'a card in a language without any translation is the English card');
select is((select (name, description)::text from public.product_cards where locale = 'en' and slug = 'test-amp'),
  '("Test amp","Fixture product")', 'the English card reads the base tables');

-- product_pages ------------------------------------------------------------------------------
select is((select (name, category_name, description)::text from public.product_pages where locale = 'th' and slug = 'test-amp'),
  '(แอมป์ทดสอบ,เครื่องเสียงทดสอบ,สินค้าทดสอบ)', 'a Thai page: name, category and description in Thai');
select is((select features from public.product_pages where locale = 'th' and slug = 'test-amp'), 'Fixture features',
  'a Thai page: untranslated features in English');
select is((select array(select x.quantity || ' × ' || x.item from unnest(includes) as x) from public.product_pages where locale = 'th' and slug = 'test-amp'),
  array['1 × สายไฟ'], 'a Thai page: the box line in Thai');
select is((select array(select x.item from unnest(includes) as x) from public.product_pages where locale = 'ko' and slug = 'test-amp'),
  array['Power cable'], 'a Korean page: the untranslated box line in English');
select is((select array(select i.alt from unnest(images) as i) from public.product_pages where locale = 'th' and slug = 'test-amp'),
  array['แอมป์ทดสอบ'], 'a Thai page: the product image''s alt text in Thai');
select is((select array(select i.alt from unnest(images) as i) from public.product_pages where locale = 'ko' and slug = 'test-amp'),
  array['Test amp'], 'a Korean page: the untranslated alt text in English');
select is((select array(select (r.name, r.image_alt)::text from unnest(related) as r) from public.product_pages where locale = 'th' and slug = 'test-amp'),
  array['("DAC ทดสอบ","Test DAC small")'], 'a Thai page: the related card''s name in Thai, its untranslated alt in English');
select is((select array(select r.name from unnest(related) as r) from public.product_pages where locale = 'ko' and slug = 'test-amp'),
  array['Test DAC'], 'a Korean page: the untranslated related name in English');
select is((select (features, cardinality(images), cardinality(includes), cardinality(related))::text from public.product_pages where locale = 'zh-TW' and slug = 'test-amp'),
  (select (features, cardinality(images), cardinality(includes), cardinality(related))::text from public.product_pages where locale = 'en' and slug = 'test-amp'),
  'a page in a language without any translation is the English page');

-- category_cards -----------------------------------------------------------------------------
select is((select (name, description)::text from public.category_cards where locale = 'th' and slug = 'test-audio'),
  '(เครื่องเสียงทดสอบ,"Fixture category")', 'a Thai category card: name in Thai, untranslated description in English');
select is((select array(select i.alt || ' ' || i.size from unnest(images) as i) from public.category_cards where locale = 'th' and slug = 'test-audio'),
  array['หมวดหมู่เครื่องเสียงทดสอบ mobile'], 'a Thai category card: its own image with the alt text in Thai');
select is((select (name, description, (images[1]).alt)::text from public.category_cards where locale = 'ko' and slug = 'test-audio'),
  '("Test audio","Fixture category","Test audio category")', 'a Korean category card without a translation is in English');

-- A translation removed (or a field set back to null) falls back at once ------------------------
select tests.clear_authentication();
update public.product_translations set name = null where locale = 'th' and product_id = (select id from public.products where slug = 'test-amp');
delete from public.category_translations where locale = 'th';
select tests.authenticate_as_anon();
select is((select (name, description, category_name)::text from public.product_cards where locale = 'th' and slug = 'test-amp'),
  '("Test amp",สินค้าทดสอบ,"Test audio")', 'a field set back to null, or a deleted translation, shows English again');

-- What is still English, for the translators (admin.missing_translations, Studio) ---------------
select tests.clear_authentication();
select set_eq(
  $$ select entity || ' ' || field from admin.missing_translations
      where locale = 'th' and entity_id in (select id from public.products where slug = 'test-amp') $$,
  array['product name', 'product features'], 'admin.missing_translations lists the Thai fields test-amp still lacks');
select set_eq(
  $$ select locale::text from admin.missing_translations m join public.product_includes x on x.id = m.entity_id where x.item = 'Power cable' $$,
  array['ko', 'zh-TW'], 'admin.missing_translations lists the languages a box line still lacks, never English');
select tests.authenticate_as_anon();
select throws_ok($$ select * from admin.missing_translations $$,
  '42501', 'permission denied for schema admin', 'admin.missing_translations is for Studio only');

select * from finish();
rollback;
