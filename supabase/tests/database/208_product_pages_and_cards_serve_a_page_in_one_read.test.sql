-- product_cards gives each card its category image per size; product_pages gives a product
-- page everything in one row: images, in-the-box lines and related cards, each in order.
begin;
select plan(11);

insert into public.categories (slug, name, description, position) values ('test-audio', 'Test audio', 'Fixture category', 90);
insert into public.products (slug, name, category_id, price, stock, is_new, description, features)
select v.slug, v.name, c.id, v.price, 10, v.is_new, 'About ' || v.name, 'Paragraph one.' || chr(10) || chr(10) || 'Paragraph two.'
from (values ('test-amp', 'Test amp', 100.00, true), ('test-dac', 'Test DAC', 50.00, false), ('test-cable', 'Test cable', 5.00, false))
  as v(slug, name, price, is_new)
join public.categories as c on c.slug = 'test-audio';
insert into public.product_images (product_id, type, size, url, alt, position)
select p.id, k.type::public.product_image_type, s.size::public.product_image_size,
  format('/images/test/%s/%s-%s.svg', p.slug, k.file, s.size), p.name, k.position
from public.products p
cross join (values ('product', 'product', 1), ('category', 'category', 1), ('gallery', 'gallery-2', 2),
                   ('gallery', 'gallery-1', 1), ('related', 'related', 1)) as k(type, file, position)
cross join (values ('mobile'), ('tablet'), ('desktop')) as s(size)
where p.slug like 'test-%';
insert into public.product_includes (product_id, quantity, item, position)
select p.id, v.quantity, v.item, v.position
from (values (2, 'Manual', 2), (1, 'Power cable', 1)) as v(quantity, item, position)
join public.products p on p.slug = 'test-amp';
insert into public.related_products (product_id, related_product_id, position)
select a.id, r.id, v.position
from (values ('test-cable', 2), ('test-dac', 1)) as v(slug, position)
join public.products a on a.slug = 'test-amp'
join public.products r on r.slug = v.slug;
insert into public.product_images (category_id, type, size, url, alt)
select c.id, 'category', s.size::public.product_image_size, '/images/test/audio.svg', 'Test audio'
from public.categories c cross join (values ('mobile'), ('tablet'), ('desktop')) as s(size) where c.slug = 'test-audio';

select tests.authenticate_as_anon();
select is(
  (select array[image_mobile, image_tablet, image_desktop] from public.product_cards where locale = 'en' and slug = 'test-amp'),
  array['/images/test/test-amp/category-mobile.svg', '/images/test/test-amp/category-tablet.svg',
        '/images/test/test-amp/category-desktop.svg'],
  'a card carries the category-page image for each size');
select is(
  (select (category_slug, category_name, category_description, price, is_new)::text from public.product_cards where locale = 'en' and slug = 'test-amp'),
  '(test-audio,"Test audio","Fixture category",100.00,t)', 'a card carries its category, price and new label');
select is(
  (select array_agg(slug order by is_new desc, position, slug)::text[] from public.product_cards where locale = 'en' and category_slug = 'test-audio'),
  array['test-amp', 'test-cable', 'test-dac'], 'a category page is one filter on product_cards');
select is(
  (select array(select i.type || '/' || i.size || '/' || i.position from unnest(images) as i) from public.product_pages where locale = 'en' and slug = 'test-amp'),
  array['product/mobile/1', 'product/tablet/1', 'product/desktop/1',
        'gallery/mobile/1', 'gallery/tablet/1', 'gallery/desktop/1',
        'gallery/mobile/2', 'gallery/tablet/2', 'gallery/desktop/2'],
  'a page''s images are the product and gallery images, in order (no card or related images)');
select is(
  (select array(select x.quantity || ' × ' || x.item from unnest(includes) as x) from public.product_pages where locale = 'en' and slug = 'test-amp'),
  array['1 × Power cable', '2 × Manual'], 'the in-the-box lines come in position order');
select is(
  (select array(select r.slug from unnest(related) as r) from public.product_pages where locale = 'en' and slug = 'test-amp'),
  array['test-dac', 'test-cable'], 'the related cards come in position order');
select is(
  (select (related[1]).image_tablet from public.product_pages where locale = 'en' and slug = 'test-amp'),
  '/images/test/test-dac/related-tablet.svg', 'a related card carries the related product''s "related" image');
select is((select features::text from public.product_pages where locale = 'en' and slug = 'test-amp'), 'Paragraph one.' || chr(10) || chr(10) || 'Paragraph two.',
  'the page carries the features text with its paragraphs');
select is((select cardinality(related) from public.product_pages where locale = 'en' and slug = 'test-dac'), 0,
  'a product without related links has an empty related list');
select is((select count(*)::int from public.product_pages where locale = 'en' and slug = 'no-such-product'), 0, 'an unknown slug gives no row (the loader''s 404)');
select is(
  (select array_agg(i.size::text order by i.size) from public.product_images i join public.categories c on c.id = i.category_id
   where c.slug = 'test-audio'),
  array['mobile', 'tablet', 'desktop'], 'a category has its own nav thumbnail per size');

select * from finish();
rollback;
