-- rpc('related_product_cards', { product_slug, locale }): up to four product cards for a product
-- page, the product's own category first (curated links first, then store order), then other
-- categories; never the product itself; in the page's language, with price and badge.
-- Fixture categories sit after the seed's (position 90+), so seeded products can only appear as
-- the "rest of the store", and the assertions below never name them.
begin;
select plan(11);

insert into public.categories (slug, name, description, position) values
  ('test-rel-a', 'Test related A', 'Fixture category', 90),
  ('test-rel-b', 'Test related B', 'Fixture category with one product', 91);
insert into public.products (slug, name, category_id, price, stock, position)
select v.slug, v.name, c.id, v.price, v.stock, v.position
from (values
  ('test-rel-a', 'test-ra-main', 'Main', 100.00, 10, 1),
  ('test-rel-a', 'test-ra-2', 'Second', 20.00, 10, 2),
  ('test-rel-a', 'test-ra-3', 'Third', 30.00, 0, 3),
  ('test-rel-a', 'test-ra-curated', 'Curated', 40.00, 10, 9),
  ('test-rel-b', 'test-rb-1', 'Lonely', 50.00, 10, 1)
) as v(category_slug, slug, name, price, stock, position)
join public.categories as c on c.slug = v.category_slug;
-- An operator's links: test-ra-curated comes first in its category although it is last in store
-- order; test-rb-1's link to test-ra-3 lifts it to the front of the other categories.
insert into public.related_products (product_id, related_product_id, position)
select p.id, r.id, v.position
from (values ('test-ra-main', 'test-ra-curated', 1), ('test-rb-1', 'test-ra-3', 1)) as v(slug, related_slug, position)
join public.products p on p.slug = v.slug
join public.products r on r.slug = v.related_slug;
insert into public.product_translations (product_id, locale, name)
select id, 'th', 'ชิ้นที่สอง' from public.products where slug = 'test-ra-2';

select tests.authenticate_as_anon();

select is(
  (select array_agg(slug) from (select slug from public.related_product_cards('test-ra-main', 'en') limit 3) as first_three),
  array['test-ra-curated', 'test-ra-2', 'test-ra-3']::text[],
  'the same category comes first: the curated link, then store order');

select is(
  (select count(*)::integer from public.related_product_cards('test-ra-main', 'en')),
  4,
  'four cards by default');

select is(
  (select count(distinct id)::integer from public.related_product_cards('test-ra-main', 'en')),
  4,
  'no product appears twice (one row per product in the language asked for)');

select isnt(
  (select (array_agg(category_slug order by ordinality))[4] from public.related_product_cards('test-ra-main', 'en') with ordinality),
  'test-rel-a',
  'once its own category runs out, other categories follow');

select is_empty(
  $$ select 1 from public.related_product_cards('test-ra-main', 'en') where slug = 'test-ra-main'
     union all
     select 1 from public.related_product_cards('test-rb-1', 'en') where slug = 'test-rb-1' $$,
  'a product is never related to itself');

select is(
  (select slug from public.related_product_cards('test-rb-1', 'en') limit 1),
  'test-ra-3',
  'a product alone in its category gets other categories, curated links first');

select is(
  (select array_agg(slug) from public.related_product_cards('test-ra-main', 'en', 2)),
  array['test-ra-curated', 'test-ra-2']::text[],
  'max_cards bounds the list');

select is(
  (select (name, price, availability, quantity_left)::text from public.related_product_cards('test-ra-main', 'th') where slug = 'test-ra-2'),
  ('ชิ้นที่สอง', 20.00, 'in_stock', null::integer)::text,
  'cards come in the page''s language with price and badge');

select is(
  (select (availability)::text from public.related_product_cards('test-ra-main', 'en') where slug = 'test-ra-3'),
  'sold_out',
  'a sold-out product still shows, with its badge');

select is_empty(
  $$ select * from public.related_product_cards('test-no-such-product', 'en') $$,
  'an unknown product has no related cards');

select tests.clear_authentication();
select ok(
  has_function_privilege('anon', 'public.related_product_cards(text, public.locale, integer)', 'execute')
    and has_function_privilege('authenticated', 'public.related_product_cards(text, public.locale, integer)', 'execute')
    and not has_function_privilege('public', 'public.related_product_cards(text, public.locale, integer)', 'execute'),
  'visitors and members may call it; PUBLIC is not granted');

select * from finish();
rollback;
