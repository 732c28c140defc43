-- "In other shoppers' carts" is not "Sold out": while the shelf has units but all are held by
-- other shoppers the badge is held_elsewhere and product_hold_ends says when the first of those
-- holds ends; the holder sees its own units as available; an empty shelf is sold_out.
begin;
select plan(9);

select tests.create_catalog_fixture();
select tests.create_anonymous_user('held-a');
select tests.create_anonymous_user('held-b');
update private.clock set frozen_at = '2030-01-01 12:00:00+00';
create temporary table ids on commit drop as select id as dac from public.products where slug = 'test-dac';
grant select on ids to anon, authenticated;

select tests.authenticate_as('held-a');
select public.reserve_stock((select dac from ids), 2);
select tests.clear_authentication();
update private.clock set frozen_at = '2030-01-01 12:05:00+00';
select tests.authenticate_as('held-b');
select public.reserve_stock((select dac from ids), 1);

select tests.authenticate_as_anon();
select is((select availability::text from public.product_cards where slug = 'test-dac' and locale = 'en'), 'held_elsewhere',
  'a visitor sees all three units in other carts as held, not sold out');
select is(public.product_hold_ends((select dac from ids)), timestamptz '2030-01-01 12:30:00+00',
  'and when the first of those holds ends');
select is((select quantity_left from public.product_cards where slug = 'test-dac' and locale = 'en'), null::integer,
  'with no count');

select tests.authenticate_as('held-a');
select is((select availability::text from public.product_cards where slug = 'test-dac' and locale = 'en'), 'few_left',
  'a holder''s own units count as available to them');
select is(public.product_hold_ends((select dac from ids)), null::timestamptz, 'so there is no hold end to tell them');
select is((select availability::text from public.product_pages where slug = 'test-dac' and locale = 'en'), 'few_left',
  'the product page agrees');

select tests.clear_authentication();
update private.clock set frozen_at = '2030-01-01 12:30:00+00';
select tests.authenticate_as_anon();
select is((select availability::text from public.product_cards where slug = 'test-dac' and locale = 'en'), 'few_left',
  'when the first hold ends its units are back');
select tests.clear_authentication();

delete from public.stock_reservations where product_id = (select dac from ids);
update public.products set stock = 0 where id = (select dac from ids);
select tests.authenticate_as_anon();
select is((select availability::text from public.product_cards where slug = 'test-dac' and locale = 'en'), 'sold_out',
  'an empty shelf is sold out');
select is(public.product_hold_ends((select dac from ids)), null::timestamptz, 'with no hold end');
select tests.clear_authentication();

select * from finish();
rollback;
