-- category_product_cards orders a category's cards in SQL: featured (new first, then position:
-- the order category pages always had), price low to high and high to low, newest; equal keys
-- fall back to position, then slug, so pages never reshuffle. An unknown sort is refused by
-- the type (22P02). Read as a visitor, as the storefront does.
begin;
select plan(8);

insert into public.categories (slug, name, description, position) values ('test-sort', 'Test sort', 'Fixture category', 96);
insert into public.products (slug, name, category_id, price, stock, is_new, position, created_at)
select v.slug, v.slug, c.id, v.price, 5, v.is_new, v.position, v.created_at::timestamptz
from (values
  ('sort-a', 30.00, false, 1, '2026-01-01'),
  ('sort-b', 10.00, false, 2, '2026-03-01'),
  ('sort-c', 20.00, true, 3, '2026-02-01'),
  ('sort-d', 10.00, false, 4, '2026-04-01'),
  ('sort-e', 10.00, false, 4, '2026-04-01')
) as v(slug, price, is_new, position, created_at)
join public.categories as c on c.slug = 'test-sort';
insert into public.product_translations (product_id, locale, name)
select id, 'th', 'เรียง ' || slug from public.products where slug like 'sort-%';

select tests.authenticate_as_anon();
select is((select array_agg(slug order by ordinality) from category_product_cards('test-sort', 'en') with ordinality),
  array['sort-c', 'sort-a', 'sort-b', 'sort-d', 'sort-e'], 'default (featured): new first, then position, then slug');
select is((select array_agg(slug order by ordinality) from category_product_cards('test-sort', 'en', 'price_asc') with ordinality),
  array['sort-b', 'sort-d', 'sort-e', 'sort-c', 'sort-a'], 'price low to high; equal prices by position, then slug');
select is((select array_agg(slug order by ordinality) from category_product_cards('test-sort', 'en', 'price_desc') with ordinality),
  array['sort-a', 'sort-c', 'sort-b', 'sort-d', 'sort-e'], 'price high to low; equal prices by position, then slug');
select is((select array_agg(slug order by ordinality) from category_product_cards('test-sort', 'en', 'newest') with ordinality),
  array['sort-d', 'sort-e', 'sort-b', 'sort-c', 'sort-a'], 'newest first; equal dates by position, then slug');
select is((select array_agg(name::text order by ordinality) from category_product_cards('test-sort', 'th', 'price_desc') with ordinality),
  array['เรียง sort-a', 'เรียง sort-c', 'เรียง sort-b', 'เรียง sort-d', 'เรียง sort-e'], 'the cards are in the page''s language');
select is((select count(*) from category_product_cards('no-such-category', 'en', 'price_asc')), 0::bigint, 'an unknown category has no cards');
select throws_ok($$ select * from category_product_cards('test-sort', 'en', 'cheapest') $$, '22P02', null, 'an unknown sort is refused by its type');
select is((select count(*) from category_product_cards('test-sort', 'ko')), 5::bigint, 'one card per product in one language');

select * from finish();
rollback;
