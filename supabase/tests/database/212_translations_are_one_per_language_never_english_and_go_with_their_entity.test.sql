-- The translation tables' rules, for every writer, Studio (postgres) included: the languages are
-- the four of public.locale; English lives in the base tables, so a translation for 'en' is
-- refused; one row per entity and language; a text is null (not translated) or real text, never
-- blank or with control characters; translations go with their entity; updated_at is kept.
begin;
select plan(30);

select tests.create_catalog_fixture();
select tests.create_catalog_translation_fixture();

-- The languages ------------------------------------------------------------------------------
select enum_has_labels('public', 'locale', array['en', 'th', 'ko', 'zh-TW'], 'the store''s languages are en, th, ko, zh-TW');
select col_type_is('public', 'product_translations', 'locale', 'locale', 'translations name their language with public.locale');
select col_type_is('public', 'product_cards', 'locale', 'locale', 'the views'' locale column is a public.locale');

-- English is refused: it lives in the base tables ----------------------------------------------
select throws_ok($$ insert into public.category_translations (category_id, locale, name) select id, 'en', 'Other English' from public.categories where slug = 'test-audio' $$,
  '23514', 'new row for relation "category_translations" violates check constraint "category_translations_not_english"',
  'a category translation for en is refused');
select throws_ok($$ insert into public.product_translations (product_id, locale, name) select id, 'en', 'Other English' from public.products where slug = 'test-amp' $$,
  '23514', 'new row for relation "product_translations" violates check constraint "product_translations_not_english"',
  'a product translation for en is refused');
select throws_ok($$ insert into public.product_include_translations (product_include_id, locale, item) select id, 'en', 'Mains lead' from public.product_includes where item = 'Power cable' $$,
  '23514', 'new row for relation "product_include_translations" violates check constraint "product_include_translations_not_english"',
  'an in-the-box translation for en is refused');
select throws_ok($$ insert into public.product_image_translations (product_image_id, locale, alt) select id, 'en', 'Amp' from public.product_images where url = '/images/test/amp.svg' $$,
  '23514', 'new row for relation "product_image_translations" violates check constraint "product_image_translations_not_english"',
  'an image translation for en is refused');
select throws_ok($$ update public.product_translations set locale = 'en' where locale = 'ko' and product_id = (select id from public.products where slug = 'test-amp') $$,
  '23514', 'new row for relation "product_translations" violates check constraint "product_translations_not_english"',
  'an existing translation cannot be turned into an English one');

-- Only the four languages, spelled exactly -----------------------------------------------------
select throws_ok($$ insert into public.product_translations (product_id, locale, name) select id, 'fr', 'Ampli test' from public.products where slug = 'test-amp' $$,
  '22P02', 'invalid input value for enum locale: "fr"', 'a language outside the four is refused');
select throws_ok($$ insert into public.category_translations (category_id, locale, name) select id, 'zh-tw', '測試' from public.categories where slug = 'test-audio' $$,
  '22P02', 'invalid input value for enum locale: "zh-tw"', 'the database spells zh-TW exactly (the app normalises case)');
select throws_ok($$ insert into public.product_image_translations (product_image_id, locale, alt) select id, 'zh-CN', '测试' from public.product_images where url = '/images/test/amp.svg' $$,
  '22P02', 'invalid input value for enum locale: "zh-CN"', 'Simplified Chinese is not one of the store''s languages');
select throws_ok($$ select * from public.product_cards where locale = 'ja' $$,
  '22P02', 'invalid input value for enum locale: "ja"', 'a view filtered by an unknown language says so instead of answering nothing');

-- One row per entity and language --------------------------------------------------------------
select throws_ok($$ insert into public.product_translations (product_id, locale, name) select id, 'th', 'อีกชื่อ' from public.products where slug = 'test-amp' $$,
  '23505', 'duplicate key value violates unique constraint "product_translations_pkey"', 'a product has one Thai translation');
select throws_ok($$ insert into public.category_translations (category_id, locale, name) select id, 'th', 'อีกชื่อ' from public.categories where slug = 'test-audio' $$,
  '23505', 'duplicate key value violates unique constraint "category_translations_pkey"', 'a category has one Thai translation');
select lives_ok($$ insert into public.product_translations (product_id, locale, name) select id, 'zh-TW', '測試擴大機' from public.products where slug = 'test-amp' $$,
  'another language of the same product is its own row');

-- Texts: null (not translated) or real text ----------------------------------------------------
select throws_ok($$ update public.product_translations set name = '   ' where locale = 'th' and product_id = (select id from public.products where slug = 'test-amp') $$,
  '23514', 'new row for relation "product_translations" violates check constraint "product_translations_name_length"',
  'a blank name is refused (null means "not translated")');
select throws_ok($$ update public.product_translations set features = '' where locale = 'th' and product_id = (select id from public.products where slug = 'test-amp') $$,
  '23514', 'new row for relation "product_translations" violates check constraint "product_translations_features_length"',
  'empty features are refused (null means "not translated")');
select throws_ok($$ update public.category_translations set description = repeat('ก', 501) where locale = 'th' and category_id = (select id from public.categories where slug = 'test-audio') $$,
  '23514', 'new row for relation "category_translations" violates check constraint "category_translations_description_length"',
  'a translation keeps the English column''s limit (500 characters)');
select throws_ok($$ update public.product_include_translations set item = 'สาย' || chr(8238) || 'ไฟ' where locale = 'th' and product_include_id in (select x.id from public.product_includes x join public.products p on p.id = x.product_id where p.slug = 'test-amp') $$,
  '23514', 'new row for relation "product_include_translations" violates check constraint "product_include_translations_item_typed"',
  'a bidi override in a translation is refused (typed text)');
select throws_ok($$ update public.product_image_translations set alt = 'แอมป์' || chr(7) where locale = 'th' and product_image_id in (select id from public.product_images where url = '/images/test/amp.svg') $$,
  '23514', 'new row for relation "product_image_translations" violates check constraint "product_image_translations_alt_typed"',
  'a control character in an alt text is refused (typed text)');
select lives_ok($$ update public.product_translations set description = null where locale = 'th' and product_id = (select id from public.products where slug = 'test-amp') $$,
  'a field can go back to untranslated (null)');
select lives_ok($$ update public.product_translations set features = 'ย่อหน้าแรก' || chr(10) || chr(10) || 'ย่อหน้าที่สอง' where locale = 'th' and product_id = (select id from public.products where slug = 'test-amp') $$,
  'features keep their paragraphs (newlines are allowed in multi-line texts)');

-- updated_at ---------------------------------------------------------------------------------
update public.category_translations set updated_at = now() - interval '1 day' where category_id = (select id from public.categories where slug = 'test-audio');
update public.category_translations set name = 'เครื่องเสียง' where locale = 'th' and category_id = (select id from public.categories where slug = 'test-audio');
select is((select ct.updated_at from public.category_translations ct join public.categories c on c.id = ct.category_id where c.slug = 'test-audio'),
  now(), 'updated_at is kept by a trigger');

-- Translations go with their entity ----------------------------------------------------------
create temporary table fixture_box_lines on commit drop as
  select x.id from public.product_includes x join public.products p on p.id = x.product_id where p.slug = 'test-amp';
delete from public.product_includes where id in (select id from fixture_box_lines);
select is((select count(*)::int from public.product_include_translations where product_include_id in (select id from fixture_box_lines)), 0,
  'deleting an in-the-box line deletes its translations');
delete from public.product_images where url = '/images/test/amp.svg';
select is((select count(*)::int from public.product_image_translations where alt = 'แอมป์ทดสอบ'), 0,
  'deleting an image deletes its translations');
select is((select count(*)::int from public.product_translations t join public.products p on p.id = t.product_id where p.slug = 'test-amp'), 3,
  'before: test-amp has three translations');
delete from public.products where slug = 'test-amp';
select is((select count(*)::int from public.product_translations where name in ('แอมป์ทดสอบ', '테스트 앰프', '測試擴大機')), 0,
  'deleting a product deletes its translations');
insert into public.category_translations (category_id, locale, name) select id, 'ko', '빈 카테고리' from public.categories where slug = 'test-empty';
delete from public.categories where slug = 'test-empty';
select is((select count(*)::int from public.category_translations where name = '빈 카테고리'), 0,
  'deleting a category deletes its translations');
update public.categories set id = extensions.gen_random_uuid() where slug = 'test-audio';
select is((select count(*)::int from public.category_translations ct join public.categories c on c.id = ct.category_id where c.slug = 'test-audio'), 1,
  'a translation follows its category''s id (on update cascade)');

-- Studio: postgres edits translations directly (RLS does not apply to it) ----------------------
select lives_ok($$ insert into public.category_translations (category_id, locale, name, description)
                   select id, 'zh-TW', '測試音響', '測試用分類' from public.categories where slug = 'test-audio' $$,
  'Studio (postgres) adds a translation in the table editor');

select * from finish();
rollback;
