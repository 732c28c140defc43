-- The foreign key from a hold to its product is checked at commit
-- (20261121000410_stock_reservations.sql): a hold can still only reference an existing product,
-- deleting a product still deletes its holds at once, reserve_stock still answers PT404 for an
-- unknown product, and the counter still equals the sum of holds.
begin;
select plan(7);

insert into public.categories (slug, name, position) values ('fk-test', 'FK test', 90);
insert into public.products (slug, name, category_id, price, stock)
select 'fk-three', 'Three Earphones', c.id, 20.00, 3 from public.categories c where c.slug = 'fk-test';
select tests.create_supabase_user('fk-a');

create function pg_temp.pid() returns uuid language sql stable as
  $$ select id from public.products where slug = 'fk-three' $$;
grant execute on all functions in schema pg_temp to authenticated;

select is(
  (select (condeferrable, condeferred)::text from pg_constraint
    where conname = 'stock_reservations_product_id_fkey' and conrelid = 'public.stock_reservations'::regclass),
  '(t,t)', 'the product foreign key of a hold is checked at commit');

-- An unknown product is still refused: by reserve_stock at once, by the foreign key otherwise.
select tests.authenticate_as('fk-a');
select throws_ok($$ select public.reserve_stock(gen_random_uuid(), 1) $$, 'PT404',
  'This product does not exist (any more).', 'reserve_stock refuses an unknown product with PT404');
select tests.clear_authentication();

savepoint orphan;
insert into public.stock_reservations (user_id, product_id, quantity, expires_at)
values (tests.get_supabase_uid('fk-a'), gen_random_uuid(), 1, now() + interval '30 minutes');
select throws_ok($$ set constraints stock_reservations_product_id_fkey immediate $$, '23503', null,
  'a hold written directly for an unknown product fails the foreign key (not a misleading PT409)');
rollback to savepoint orphan;

-- Holds, counter and cascade.
select tests.authenticate_as('fk-a');
select is((select (quantity, available)::text from public.reserve_stock(pg_temp.pid(), 2)), '(2,3)', 'a holds 2 of 3');
select tests.clear_authentication();
select lives_ok($$ set constraints stock_reservations_product_id_fkey immediate $$,
  'the new hold passes the foreign key check');
select is((select reserved from public.products where id = pg_temp.pid()), 2, 'the counter equals the hold');
delete from public.products where slug = 'fk-three';
select is((select count(*)::integer from public.stock_reservations where user_id = tests.get_supabase_uid('fk-a')), 0,
  'deleting the product deleted its holds at once');

select * from finish();
rollback;
