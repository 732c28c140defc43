-- The stock-hold fast path (20261121000410_stock_reservations.sql) changes only how much work
-- a call does: a renewal at the same quantity does not move the counter, counter changes do
-- not stamp the product's updated_at while catalog edits still do, expired holds are still
-- reclaimed when the index finds some. (Holds commit durably: see 430.)
begin;
select plan(12);

insert into public.categories (slug, name, position) values ('fast-test', 'Fast test', 90);
insert into public.products (slug, name, category_id, price, stock, updated_at)
select 'fast-four', 'Four Amplifiers', c.id, 80.00, 4, '2001-01-01' from public.categories c where c.slug = 'fast-test';
select tests.create_supabase_user('fast-a');
select tests.create_supabase_user('fast-b');

create function pg_temp.pid() returns uuid language sql stable as
  $$ select id from public.products where slug = 'fast-four' $$;
grant execute on all functions in schema pg_temp to authenticated;

update private.clock set frozen_at = '2030-01-01 12:00:00+00';
update public.app_settings set max_units_held_per_product = 10;

-- Counter changes are not catalog edits.
select tests.authenticate_as('fast-a');
select is((select (quantity, available)::text from public.reserve_stock(pg_temp.pid(), 2)), '(2,4)', 'a holds 2 of 4');
select tests.clear_authentication();
select is((select (reserved, updated_at)::text from public.products where id = pg_temp.pid()),
  (2, '2001-01-01'::timestamptz)::text, 'the counter moved and the product''s updated_at did not');

-- A renewal at the same quantity renews the hold and leaves the counter alone.
update private.clock set frozen_at = '2030-01-01 12:10:00+00';
select tests.authenticate_as('fast-a');
select is((select (quantity, expires_at, available)::text from public.reserve_stock(pg_temp.pid(), 2)),
  (2, '2030-01-01 12:40:00+00'::timestamptz, 4)::text, 'the same quantity again renews the hold for 30 minutes');
select tests.clear_authentication();
select is((select reserved from public.products where id = pg_temp.pid()), 2, 'and the counter still equals the sum of holds');

-- Catalog edits still stamp updated_at, with or without a value change.
update public.products set stock = 6 where id = pg_temp.pid();
select is((select updated_at from public.products where id = pg_temp.pid()), now(), 'a stock edit stamps updated_at');
update public.products set updated_at = '2001-01-01', reserved = reserved where id = pg_temp.pid();
select is((select updated_at from public.products where id = pg_temp.pid()), now(),
  'an update that leaves the counter as it is stamps updated_at (cannot backdate)');

-- The reclaim still runs when the index finds an expired hold, and only then.
update private.clock set frozen_at = '2030-01-01 12:40:00+00';
select tests.authenticate_as('fast-b');
select is((select (quantity, available)::text from public.reserve_stock(pg_temp.pid(), 6)), '(6,)',
  'at 12:40 a''s hold has expired: b can hold all 6 (more than 5 left: no count, like the badge)');
select tests.clear_authentication();
select is((select count(*)::integer from public.stock_reservations where product_id = pg_temp.pid()), 1,
  'a''s expired hold was deleted on the way');
select is((select reserved from public.products where id = pg_temp.pid()), 6, 'the counter equals b''s hold alone');
select tests.authenticate_as('fast-a');
select throws_ok($$ select public.reserve_stock(pg_temp.pid(), 1) $$, 'PT409',
  'Sorry, this product is sold out right now.', 'nothing expired now: a is refused with the unchanged error');

-- A hold and a checkout in one transaction (a SQL session can do that) still add up.
select tests.clear_authentication();
select tests.authenticate_as('fast-b');
select public.reserve_stock(pg_temp.pid(), 5);
select lives_ok($$ select public.place_order('fast-key-0001', 'B Buyer', 'b@example.com', null, '1 Road', '12345',
                     'Town', 'Land', 'cash') $$, 'b checks out in the same transaction');
select tests.clear_authentication();
select is((select (stock, reserved)::text from public.products where id = pg_temp.pid()), '(1,0)',
  'the order charged the stock and consumed the hold');

select * from finish();
rollback;
