-- The badge: more than 5 sellable units → in_stock (no number); 1 to 5 → few_left with the
-- number; 0 → sold_out. Same on cards and pages, for every caller.
begin;
select plan(9);

insert into public.categories (slug, name, position) values ('test-audio', 'Test audio', 90);
insert into public.products (slug, name, category_id, price, stock)
select v.slug, 'Test ' || v.slug, c.id, 10, v.stock
from (values ('test-plenty', 42), ('test-six', 6), ('test-five', 5), ('test-one', 1), ('test-none', 0)) as v(slug, stock)
join public.categories as c on c.slug = 'test-audio';
select tests.create_supabase_user('badge_consumer');

select tests.authenticate_as_anon();
select is((select (availability, quantity_left)::text from public.product_cards where locale = 'en' and slug = 'test-plenty'), '(in_stock,)',
  '42 units: in stock, no number');
select is((select (availability, quantity_left)::text from public.product_cards where locale = 'en' and slug = 'test-six'), '(in_stock,)',
  '6 units: still in stock, no number');
select is((select (availability, quantity_left)::text from public.product_cards where locale = 'en' and slug = 'test-five'), '(few_left,5)',
  '5 units: only a few left, shows 5');
select is((select (availability, quantity_left)::text from public.product_cards where locale = 'en' and slug = 'test-one'), '(few_left,1)',
  '1 unit: only a few left, shows 1');
select is((select (availability, quantity_left)::text from public.product_cards where locale = 'en' and slug = 'test-none'), '(sold_out,)',
  '0 units: sold out, no number');
select is((select (availability, quantity_left)::text from public.product_pages where locale = 'en' and slug = 'test-five'), '(few_left,5)',
  'the product page shows the same badge');

select tests.authenticate_as('badge_consumer');
select is((select (availability, quantity_left)::text from public.product_cards where locale = 'en' and slug = 'test-one'), '(few_left,1)',
  'a consumer sees the same badge');

select tests.clear_authentication();
update public.products set stock = 5 where slug = 'test-six';
update public.products set stock = 3 where slug = 'test-none';

select tests.authenticate_as_anon();
select is((select (availability, quantity_left)::text from public.product_cards where locale = 'en' and slug = 'test-six'), '(few_left,5)',
  'selling one of six turns the badge to "only 5 left" at once');
select is((select (availability, quantity_left)::text from public.product_cards where locale = 'en' and slug = 'test-none'), '(few_left,3)',
  'restocking a sold-out product shows it again');

select * from finish();
rollback;
