-- Visitors without a session and signed-in consumers read every catalog table and view.
begin;
select plan(14);

-- Fixture (as postgres): a category with two products, an image, a box line and a link.
select tests.create_catalog_fixture();
select tests.create_supabase_user('catalog_reader');

select tests.authenticate_as_anon();
select is((select count(*)::int from public.categories where slug = 'test-audio'), 1, 'a visitor reads categories');
select is((select price from public.products where slug = 'test-amp'), 100.00::numeric, 'a visitor reads a product''s public columns');
select is((select count(*)::int from public.product_images i join public.products p on p.id = i.product_id where p.slug = 'test-amp'),
  1, 'a visitor reads product images');
select is((select count(*)::int from public.product_includes x join public.products p on p.id = x.product_id where p.slug = 'test-amp'),
  1, 'a visitor reads in-the-box lines');
select is((select count(*)::int from public.related_products r join public.products p on p.id = r.product_id where p.slug = 'test-amp'),
  1, 'a visitor reads related products');
select is((select name from public.product_cards where locale = 'en' and slug = 'test-amp'), 'Test amp', 'a visitor reads product cards');
select is((select cardinality(includes) from public.product_pages where locale = 'en' and slug = 'test-amp'), 1, 'a visitor reads product pages');

select tests.authenticate_as('catalog_reader');
select is((select count(*)::int from public.categories where slug = 'test-audio'), 1, 'a consumer reads categories');
select is((select price from public.products where slug = 'test-amp'), 100.00::numeric, 'a consumer reads a product''s public columns');
select is((select count(*)::int from public.product_images i join public.products p on p.id = i.product_id where p.slug = 'test-amp'),
  1, 'a consumer reads product images');
select is((select count(*)::int from public.product_includes x join public.products p on p.id = x.product_id where p.slug = 'test-amp'),
  1, 'a consumer reads in-the-box lines');
select is((select count(*)::int from public.related_products r join public.products p on p.id = r.product_id where p.slug = 'test-amp'),
  1, 'a consumer reads related products');
select is((select name from public.product_cards where locale = 'en' and slug = 'test-amp'), 'Test amp', 'a consumer reads product cards');
select is((select cardinality(includes) from public.product_pages where locale = 'en' and slug = 'test-amp'), 1, 'a consumer reads product pages');

select * from finish();
rollback;
