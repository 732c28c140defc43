-- The catalog's shape and the rules its constraints enforce for every writer, Studio included.
-- Runs as postgres (what Studio uses); who may write is tested in 202 and 203.
begin;
select plan(39);

-- Shape --------------------------------------------------------------------------------------
select has_table('public', 'categories', 'categories exists');
select has_table('public', 'products', 'products exists');
select has_table('public', 'product_images', 'product_images exists');
select has_table('public', 'product_includes', 'product_includes exists');
select has_table('public', 'related_products', 'related_products exists');
select has_view('public', 'product_cards', 'product_cards exists');
select has_view('public', 'product_pages', 'product_pages exists');
select has_view('public', 'category_cards', 'category_cards exists');
select has_table('public', 'category_translations', 'category_translations exists');
select has_table('public', 'product_translations', 'product_translations exists');
select has_table('public', 'product_include_translations', 'product_include_translations exists');
select has_table('public', 'product_image_translations', 'product_image_translations exists');
select has_view('admin', 'missing_translations', 'admin.missing_translations exists');

select enum_has_labels('public', 'product_image_type', array['product', 'category', 'gallery', 'related'],
  'image types are product, category, gallery, related');
select enum_has_labels('public', 'product_image_size', array['mobile', 'tablet', 'desktop'],
  'image sizes are mobile, tablet, desktop');
select enum_has_labels('public', 'stock_status', array['in_stock', 'few_left', 'sold_out', 'held_elsewhere'],
  'availability is in_stock, few_left, sold_out (empty shelf) or held_elsewhere (all in other carts)');
select col_type_is('public', 'products', 'price', 'numeric(10,2)', 'price is numeric(10,2)');

select is(
  array(select c.relname::text from pg_class c
        where c.oid in ('public.categories'::regclass, 'public.products'::regclass, 'public.product_images'::regclass,
                        'public.product_includes'::regclass, 'public.related_products'::regclass,
                        'public.category_translations'::regclass, 'public.product_translations'::regclass,
                        'public.product_include_translations'::regclass, 'public.product_image_translations'::regclass)
          and not c.relrowsecurity),
  '{}'::text[], 'RLS is on for every catalog table');

select is(
  array(select c.relname::text from pg_class c
        where c.oid in ('public.category_cards'::regclass, 'public.product_cards'::regclass, 'public.product_pages'::regclass,
                        'admin.missing_translations'::regclass)
          and not coalesce(c.reloptions @> array['security_invoker=true'], false)),
  '{}'::text[], 'the catalog views run with the caller''s rights (security_invoker)');

select is(
  array(select c.relname || '.' || coalesce(a.attname, '(table)')
        from pg_class c
        left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relnamespace = 'public'::regnamespace
          and c.relname in ('categories', 'products', 'product_images', 'product_includes', 'related_products',
                            'category_translations', 'product_translations', 'product_include_translations',
                            'product_image_translations')
          and (a.attname is null and obj_description(c.oid, 'pg_class') is null
               or a.attname is not null and col_description(c.oid, a.attnum) is null)
        order by 1),
  '{}'::text[], 'every catalog table and column has a comment for Studio');

select is(
  array(select con.conname::text from pg_constraint con
        where con.contype = 'f'
          and con.conrelid in ('public.products'::regclass, 'public.product_images'::regclass,
                               'public.product_includes'::regclass, 'public.related_products'::regclass,
                               'public.category_translations'::regclass, 'public.product_translations'::regclass,
                               'public.product_include_translations'::regclass, 'public.product_image_translations'::regclass)
          and not exists (
            select 1 from pg_index i
            where i.indrelid = con.conrelid
              and (string_to_array(i.indkey::text, ' ')::int2[])[1:array_length(con.conkey, 1)] = con.conkey)
        order by 1),
  '{}'::text[], 'every catalog foreign key has an index that starts with its columns');

-- Fixture ------------------------------------------------------------------------------------
insert into public.categories (slug, name, position) values ('test-audio', 'Test audio', 90);
insert into public.products (slug, name, category_id, price, stock)
select v.slug, v.name, c.id, v.price, v.stock
from (values ('test-amp', 'Test amp', 100.00, 10), ('test-dac', 'Test DAC', 50.00, 4)) as v(slug, name, price, stock)
join public.categories as c on c.slug = 'test-audio';

-- Products -----------------------------------------------------------------------------------
select throws_ok(
  $$ insert into public.products (slug, name, category_id, price, stock)
     select 'test-free', 'Free', id, 0, 1 from public.categories where slug = 'test-audio' $$,
  '23514', 'new row for relation "products" violates check constraint "products_price_positive"',
  'a price must be greater than zero');
select throws_ok(
  $$ update public.products set stock = -1 where slug = 'test-amp' $$,
  '23514', 'new row for relation "products" violates check constraint "products_stock_not_negative"',
  'stock cannot go below zero');
select lives_ok(
  $$ update public.products set stock = 0 where slug = 'test-amp' $$,
  'stock can be exactly zero (sold out)');
select throws_ok(
  $$ insert into public.products (slug, name, category_id, price)
     select 'test-amp', 'Another amp', id, 1 from public.categories where slug = 'test-audio' $$,
  '23505', 'duplicate key value violates unique constraint "products_slug_key"',
  'product slugs are unique');
select throws_ok(
  $$ insert into public.products (slug, name, category_id, price)
     select 'Test Amp!', 'Shouty amp', id, 1 from public.categories where slug = 'test-audio' $$,
  '23514', 'new row for relation "products" violates check constraint "products_slug_format"',
  'a slug is lowercase words joined by hyphens');

-- Categories ---------------------------------------------------------------------------------
select throws_ok(
  $$ insert into public.categories (slug, name) values ('test-audio', 'Duplicate') $$,
  '23505', 'duplicate key value violates unique constraint "categories_slug_key"',
  'category slugs are unique');

-- Related products ---------------------------------------------------------------------------
select throws_ok(
  $$ insert into public.related_products (product_id, related_product_id)
     select id, id from public.products where slug = 'test-amp' $$,
  '23514', 'new row for relation "related_products" violates check constraint "related_products_not_self"',
  'a product cannot be related to itself');
insert into public.related_products (product_id, related_product_id, position)
select a.id, d.id, 1 from public.products a, public.products d where a.slug = 'test-amp' and d.slug = 'test-dac';
select throws_ok(
  $$ insert into public.related_products (product_id, related_product_id, position)
     select a.id, d.id, 2 from public.products a, public.products d where a.slug = 'test-amp' and d.slug = 'test-dac' $$,
  '23505', 'duplicate key value violates unique constraint "related_products_product_id_related_product_id_key"',
  'the same related product cannot be linked twice');

-- Images -------------------------------------------------------------------------------------
select throws_ok(
  $$ insert into public.product_images (product_id, type, size, url, alt)
     select id, 'poster', 'mobile', '/images/x.svg', 'x' from public.products where slug = 'test-amp' $$,
  '22P02', 'invalid input value for enum product_image_type: "poster"',
  'an image type outside the enum is refused');
select throws_ok(
  $$ insert into public.product_images (product_id, type, size, url, alt)
     select id, 'gallery', 'watch', '/images/x.svg', 'x' from public.products where slug = 'test-amp' $$,
  '22P02', 'invalid input value for enum product_image_size: "watch"',
  'an image size outside the enum is refused');
insert into public.product_images (product_id, type, size, url, alt, position)
select id, 'gallery', 'mobile', '/images/test/amp-1.svg', 'Test amp', 1 from public.products where slug = 'test-amp';
select throws_ok(
  $$ insert into public.product_images (product_id, type, size, url, alt, position)
     select id, 'gallery', 'mobile', '/images/test/amp-other.svg', 'Test amp', 1 from public.products where slug = 'test-amp' $$,
  '23505', 'duplicate key value violates unique constraint "product_images_owner_type_size_position_key"',
  'one image per owner, type, size and position');
select lives_ok(
  $$ insert into public.product_images (product_id, type, size, url, alt, position)
     select id, 'gallery', 'mobile', '/images/test/amp-2.svg', 'Test amp', 2 from public.products where slug = 'test-amp' $$,
  'a second gallery position is fine');
select throws_ok(
  $$ insert into public.product_images (product_id, category_id, type, size, url, alt)
     select p.id, p.category_id, 'category', 'mobile', '/images/x.svg', 'x' from public.products p where p.slug = 'test-amp' $$,
  '23514', 'new row for relation "product_images" violates check constraint "product_images_one_owner"',
  'an image belongs to a product or a category, not both');
select throws_ok(
  $$ insert into public.product_images (category_id, type, size, url, alt)
     select id, 'gallery', 'mobile', '/images/x.svg', 'x' from public.categories where slug = 'test-audio' $$,
  '23514', 'new row for relation "product_images" violates check constraint "product_images_category_owner_type"',
  'a category''s own image is its nav thumbnail (type category)');
select throws_ok(
  $$ insert into public.product_images (product_id, type, size, url, alt)
     select id, 'product', 'mobile', 'javascript:alert(1)', 'x' from public.products where slug = 'test-amp' $$,
  '23514', 'new row for relation "product_images" violates check constraint "product_images_url_format"',
  'an image url is a site path or https');

-- In the box ---------------------------------------------------------------------------------
select throws_ok(
  $$ insert into public.product_includes (product_id, quantity, item)
     select id, 0, 'Nothing' from public.products where slug = 'test-amp' $$,
  '23514', 'new row for relation "product_includes" violates check constraint "product_includes_quantity_positive"',
  'an in-the-box quantity is at least 1');

-- Deleting a product takes its own rows with it ------------------------------------------------
insert into public.product_includes (product_id, quantity, item) select id, 1, 'Cable' from public.products where slug = 'test-amp';
delete from public.products where slug = 'test-dac';
select is((select count(*)::int from public.related_products r join public.products p on p.id = r.product_id where p.slug = 'test-amp'),
  0, 'deleting a product removes the links pointing to it');
delete from public.products where slug = 'test-amp';
select is(
  (select count(*)::int from public.product_images where url like '/images/test/amp-%')
    + (select count(*)::int from public.product_includes where item = 'Cable' and product_id not in (select id from public.products)),
  0, 'deleting a product removes its images and in-the-box lines');

select * from finish();
rollback;
