-- Visitors without a session and signed-in consumers read every catalog table and view.
begin;
select plan(14);

-- Fixture (as postgres): a category with two products, an image, a box line and a link.
insert into public.categories (slug, name, description, position) values
  ('test-audio', 'Test audio', 'Fixture category', 90),
  ('test-empty', 'Test empty', 'A category without products', 91);
insert into public.products (slug, name, category_id, price, stock, description, features)
select v.slug, v.name, c.id, v.price, v.stock, 'Fixture product', 'Fixture features'
from (values ('test-amp', 'Test amp', 100.00, 42), ('test-dac', 'Test DAC', 50.00, 3)) as v(slug, name, price, stock)
join public.categories as c on c.slug = 'test-audio';
insert into public.product_images (product_id, type, size, url, alt)
select id, 'product', 'mobile', '/images/test/amp.svg', 'Test amp' from public.products where slug = 'test-amp';
insert into public.product_includes (product_id, quantity, item)
select id, 1, 'Power cable' from public.products where slug = 'test-amp';
insert into public.related_products (product_id, related_product_id)
select a.id, d.id from public.products a, public.products d where a.slug = 'test-amp' and d.slug = 'test-dac';

-- Counts the rows a statement touched, as the role running it.
create function pg_temp.rows_affected(statement text) returns integer
language plpgsql
as $$
declare
  affected integer;
begin
  execute statement;
  get diagnostics affected = row_count;
  return affected;
end;
$$;
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
select is((select name from public.product_cards where slug = 'test-amp'), 'Test amp', 'a visitor reads product cards');
select is((select cardinality(includes) from public.product_pages where slug = 'test-amp'), 1, 'a visitor reads product pages');

select tests.authenticate_as('catalog_reader');
select is((select count(*)::int from public.categories where slug = 'test-audio'), 1, 'a consumer reads categories');
select is((select price from public.products where slug = 'test-amp'), 100.00::numeric, 'a consumer reads a product''s public columns');
select is((select count(*)::int from public.product_images i join public.products p on p.id = i.product_id where p.slug = 'test-amp'),
  1, 'a consumer reads product images');
select is((select count(*)::int from public.product_includes x join public.products p on p.id = x.product_id where p.slug = 'test-amp'),
  1, 'a consumer reads in-the-box lines');
select is((select count(*)::int from public.related_products r join public.products p on p.id = r.product_id where p.slug = 'test-amp'),
  1, 'a consumer reads related products');
select is((select name from public.product_cards where slug = 'test-amp'), 'Test amp', 'a consumer reads product cards');
select is((select cardinality(includes) from public.product_pages where slug = 'test-amp'), 1, 'a consumer reads product pages');

select * from finish();
rollback;
