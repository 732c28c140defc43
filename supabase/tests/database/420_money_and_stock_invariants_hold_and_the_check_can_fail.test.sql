-- admin.integrity_problems() is the one statement of the money and stock invariants that the
-- checkout race test and the bench's final check also run: after real checkouts it finds
-- nothing; it does find each kind of damage when someone (here postgres, as Studio could)
-- breaks the data, so it is a check that can fail.
begin;
select plan(9);

select tests.create_catalog_fixture();
select tests.create_supabase_user('inv-buyer');
update private.clock set frozen_at = '2030-03-01 09:00:00+00';

create function pg_temp.product(slug text) returns uuid language sql stable as
  $$ select id from public.products where products.slug = product.slug $$;
grant execute on all functions in schema pg_temp to authenticated;

create temporary table stock_before on commit drop as
  select jsonb_object_agg(id, stock) as units, now() as since from public.products where slug in ('test-amp', 'test-dac');
grant select on stock_before to authenticated;

select tests.authenticate_as('inv-buyer');
select public.reserve_stock(pg_temp.product('test-amp'), 2);
select public.reserve_stock(pg_temp.product('test-dac'), 1);
select lives_ok($$ select public.place_order('invariants-0001', 'Inv Buyer', 'inv@example.com', null, '1 Road', '10110',
                     'Bangkok', 'Thailand', 'cash') $$, 'a shopper checks out two products');
select public.reserve_stock(pg_temp.product('test-amp'), 1);
select tests.clear_authentication();

select is_empty($$ select * from admin.integrity_problems((select units from stock_before), (select since from stock_before)) $$,
  'after a real checkout and a new hold every invariant holds, stock fell by the units ordered included');

-- Now break things the way only a direct table edit could, one at a time.
savepoint damage;
insert into public.order_items (order_id, product_id, product_slug, product_name, unit_price, quantity)
select o.id, null, 'ghost', 'Ghost item', 1000.00, 1 from public.orders o where o.idempotency_key = 'invariants-0001';
select is((select invariant from admin.integrity_problems()), 'order subtotal = sum of its items',
  'an item the subtotal does not include is found');
rollback to savepoint damage;

select is((select count(*)::int from admin.integrity_problems()), 0, 'rolled back: nothing is wrong again');

update public.products set reserved = reserved + 1 where slug = 'test-amp';
select is((select (invariant, subject)::text from admin.integrity_problems()), '("reserved = sum of holds",test-amp)',
  'a counter moved behind the holds'' back is found');
rollback to savepoint damage;

update public.products set stock = stock - 1 where slug = 'test-dac';
select is((select (invariant, subject)::text from admin.integrity_problems((select units from stock_before), (select since from stock_before))),
  '("stock fell by the units ordered",test-dac)', 'a unit gone from the shelf without an order is found');
rollback to savepoint damage;

update public.products set reserved = stock + 1 where slug = 'test-dac';
select ok((select bool_or(invariant = '0 <= reserved <= stock') from admin.integrity_problems()),
  'more held than in stock is found');
rollback to savepoint damage;

-- Cancelling gives the units back, so the stock check still balances.
update public.orders set status = 'cancelled' where idempotency_key = 'invariants-0001';
select is_empty($$ select * from admin.integrity_problems((select units from stock_before), (select since from stock_before)) $$,
  'a cancelled order restored its units: stock is back where it was, minus nothing');

select is_empty($$ select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                    where n.nspname = 'admin' and p.proname = 'integrity_problems'
                      and (has_function_privilege('anon', p.oid, 'execute')
                        or has_function_privilege('authenticated', p.oid, 'execute')
                        or has_function_privilege('service_role', p.oid, 'execute')) $$,
  'no API role may run the check (it reads every order)');

select * from finish();
rollback;
