-- search_products finds products by name, description and features in the page's language
-- (English where a field is not translated), in scripts without word boundaries too (Thai,
-- Korean, Chinese; one- and two-character queries included), ranks exact and prefix name
-- matches first, pages, and refuses bad input with a named error. Unpublished products are
-- found by admins only, because the products read policy says so (allow and deny here).
-- Fixture words (Zyqora, Vexmorrow, ม้าลาย, 얼룩말, 斑馬) appear nowhere in the demo catalog.
begin;
select plan(32);

-- Fixture (as postgres) ------------------------------------------------------------------------
insert into public.categories (slug, name, description, position) values ('test-search', 'Test search', 'Fixture category', 95);
insert into public.products (slug, name, category_id, price, stock, description, features, published)
select v.slug, v.name, c.id, v.price, 10, v.description, v.features, v.published
from (values
  ('zq-exact', 'Zyqora', 30.00, 'The original', 'Plain', true),
  ('zq-lumina', 'Zyqora Lumina Amp', 20.00, 'A tube amplifier for quiet rooms', 'Glows softly', true),
  ('zq-cable', 'Cable for Zyqora', 10.00, 'Braided', 'Two metres', true),
  ('zq-desc', 'Plain Box', 40.00, 'Pairs with every Zyqora amp', 'Wooden', true),
  ('zq-hidden', 'Zyqora Hidden', 50.00, 'Not on sale yet', 'Secret', false),
  ('vx-fallback', 'Fallback Stand', 60.00, 'A stand', 'Made by Vexmorrow', true),
  ('vx-translated', 'Translated Stand', 70.00, 'A stand', 'Made by Vexmorrow', true)
) as v(slug, name, price, description, features, published)
join public.categories as c on c.slug = 'test-search';
insert into public.product_translations (product_id, locale, name, description, features)
select p.id, v.locale::public.locale, v.name, v.description, v.features
from (values
  ('zq-lumina', 'th', 'แอมป์ม้าลาย Zyqora', 'แอมป์หลอดสำหรับห้องเงียบ', null),
  ('zq-lumina', 'ko', '얼룩말 앰프', '조용한 방을 위한 진공관 앰프', null),
  ('zq-lumina', 'zh-TW', '斑馬擴大機', '適合安靜房間的真空管擴大機', null),
  -- Thai features left to English: the English "Vexmorrow" is its Thai text too.
  ('vx-fallback', 'th', 'ขาตั้งสำรอง', 'ขาตั้ง', null),
  -- Thai features translated: the English "Vexmorrow" is not part of its Thai text.
  ('vx-translated', 'th', 'ขาตั้งแปล', 'ขาตั้ง', 'ผลิตโดยช่างไม้')
) as v(slug, locale, name, description, features)
join public.products as p on p.slug = v.slug;
select tests.create_supabase_user('search_shopper');
select tests.create_supabase_user('search_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('search_admin');

-- English, as a visitor: ranking, full text, paging ----------------------------------------------
select tests.authenticate_as_anon();
select is((select array_agg(slug order by ordinality) from search_products('zyqora', 'en') with ordinality),
  array['zq-exact', 'zq-lumina', 'zq-cable', 'zq-desc'],
  'English: the exact name first, then the name prefix, a later word of the name, then a description match; unpublished left out');
select is((select array_agg(match_rank order by ordinality) from search_products('zyqora', 'en') with ordinality),
  array[0, 1, 2, 4], 'the rank tiers: exact 0, prefix 1, word prefix 2, elsewhere 4');
select is((select distinct total_count from search_products('zyqora', 'en')), 4::bigint, 'total_count counts every match');
select is((select array_agg(slug order by ordinality) from search_products('ZYQORA lumina', 'en') with ordinality),
  array['zq-lumina'], 'every term must match, case-insensitively, in any order of the text');
select ok('zq-lumina' in (select slug from search_products('amplifiers', 'en')),
  'English full text is stemmed: "amplifiers" finds "amplifier"');
select is((select array_agg(slug order by ordinality) from search_products('zyqora', 'en', 2, 2) with ordinality),
  array['zq-cable', 'zq-desc'], 'page 2 of 2-card pages holds the third and fourth matches');
select is((select distinct total_count from search_products('zyqora', 'en', 2, 2)), 4::bigint, 'total_count is the same on every page');
select is((select count(*) from search_products('zyqora', 'en', 3, 2)), 0::bigint, 'a page past the end is empty, not an error');
select is((select count(*) from search_products('zyq_ra', 'en')), 0::bigint, 'an underscore in a query is a character, not a wildcard');
select is((select count(*) from search_products('zyq%', 'en')), 0::bigint, 'a percent sign in a query is a character, not a wildcard');
select is((select (name, price, availability)::text from search_products('zyqora lumina', 'en')), '("Zyqora Lumina Amp",20.00,in_stock)',
  'a result is a product card: name, price, availability badge');

-- Thai, Korean, Chinese: substrings inside words, short queries ----------------------------------
select is((select array_agg(slug) from search_products('ม้าลาย', 'th')), array['zq-lumina'], 'Thai: a word inside a Thai name without spaces');
select is((select name from search_products('ห้องเงียบ', 'th')), 'แอมป์ม้าลาย Zyqora', 'Thai: a word inside the Thai description; the card is in Thai');
select is((select array_agg(slug) from search_products('얼룩말', 'ko')), array['zq-lumina'], 'Korean: a word of the Korean name');
select is((select array_agg(slug) from search_products('얼룩', 'ko')), array['zq-lumina'], 'Korean: a two-character query');
select is((select array_agg(slug) from search_products('斑馬', 'zh-TW')), array['zq-lumina'], 'Chinese: a two-character word inside a name');
select ok('zq-lumina' in (select slug from search_products('斑', 'zh-TW')), 'Chinese: a one-character query still finds the product');
select is((select match_rank from search_products('斑馬', 'zh-TW')), 1, 'Chinese: a name prefix ranks as a prefix match');
select is((select count(*) from search_products('斑馬', 'en')), 0::bigint, 'a Chinese word does not find the product on English pages');
select is((select array_agg(slug) from search_products('vexmorrow', 'th')), array['vx-fallback'],
  'Thai falls back to English per field: untranslated features are searched in English, translated ones are not');
select is((select array_agg(slug order by slug) from search_products('vexmorrow', 'en')), array['vx-fallback', 'vx-translated'],
  'English pages search the English texts of both');

-- Published: the policy decides who finds what --------------------------------------------------
select is((select count(*) from public.products where slug = 'zq-hidden'), 0::bigint, 'a visitor cannot read an unpublished product');
select tests.authenticate_as('search_shopper');
select is((select count(*) from search_products('zyqora hidden', 'en')), 0::bigint, 'a signed-in shopper does not find an unpublished product');
select is((select count(*) from public.products where slug = 'zq-exact'), 1::bigint, 'a signed-in shopper reads a published product');
select tests.authenticate_as('search_admin');
select is((select array_agg(slug) from search_products('zyqora hidden', 'en')), array['zq-hidden'], 'an admin finds an unpublished product');

-- Bad input: named errors, not a crash -----------------------------------------------------------
select tests.authenticate_as_anon();
select throws_ok($$ select * from search_products('   ', 'en') $$, '22023', 'Type 1-100 characters to search for.', 'a blank query is refused');
select throws_ok($$ select * from search_products(null, 'en') $$, '22023', 'Type 1-100 characters to search for.', 'a missing query is refused');
select throws_ok($$ select * from search_products(repeat('a', 101), 'en') $$, '22023', 'Type 1-100 characters to search for.', 'a 101-character query is refused');
select lives_ok($$ select * from search_products(repeat('a', 100), 'en') $$, 'a 100-character query is searched');
select throws_ok($$ select * from search_products(E'zy\u0007', 'en') $$, '22023', 'Type 1-100 characters to search for.', 'a control character is refused');
select throws_ok($$ select * from search_products('zyqora', 'en', 0) $$, 'PT422', 'Pages start at 1 and hold 1-100 results.', 'page 0 is refused');
select throws_ok($$ select * from search_products('zyqora', 'en', 1, 101) $$, 'PT422', 'Pages start at 1 and hold 1-100 results.', 'more than 100 per page is refused');

select * from finish();
rollback;
