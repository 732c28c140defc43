-- place_order turns the caller's unexpired holds into one order: totals in SQL on a concrete
-- example, product snapshots that survive price changes and cannot be edited, stock charged
-- once per idempotency key, the PIN validated and never stored, readable field errors.
begin;
select plan(31);

insert into public.categories (slug, name, position) values ('order-test', 'Order test', 90);
insert into public.products (slug, name, category_id, price, stock)
select v.slug, v.name, c.id, v.price, v.stock
  from (values ('order-xx99', 'XX99 Mark II Headphones', 899.00, 10),
               ('order-yx1', 'YX1 Wireless Earphones', 29.99, 5)) as v(slug, name, price, stock)
  join public.categories c on c.slug = 'order-test';
select tests.create_supabase_user('buyer');
select tests.create_anonymous_user('guest_buyer');
select tests.create_supabase_user('order_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('order_admin');

create function pg_temp.pid(slug text) returns uuid language sql stable as
  $$ select id from public.products where slug = pid.slug $$;
create function pg_temp.checkout(checkout_key text, method text default 'emoney', num text default '123456789',
                                 pin text default '4321', email text default 'alex@example.com')
returns public.orders language sql as $$
  select * from public.place_order(checkout_key, 'Alex Ward', email, '+1 202-555-0136', '1137 Williams Avenue',
                                   '10001', 'New York', 'United States', method, num, pin)
$$;
grant execute on all functions in schema pg_temp to authenticated, anon;

-- 2 × 899.00 + 3 × 29.99 = 1887.97; VAT included = round(1887.97 × 20 / 120, 2) = 314.66;
-- grand total = 1887.97 + 50.00 shipping − 0 discount = 1937.97.
select tests.authenticate_as('buyer');
select public.reserve_stock(pg_temp.pid('order-xx99'), 2);
select public.reserve_stock(pg_temp.pid('order-yx1'), 3);
create temporary table placed on commit drop as select * from pg_temp.checkout('checkout-0001');
grant select on placed to authenticated, anon;

select matches((select order_number from placed), '^AS-[0-9]{6,}$', 'the order gets a human number like AS-000123');
select is((select (status, subtotal, shipping, vat, discount, grand_total)::text from placed),
  '(pending,1887.97,50.00,314.66,0.00,1937.97)', 'subtotal, shipping, VAT included, discount and grand total are computed in SQL');
select is((select array_agg((product_name, product_slug, unit_price, quantity, line_total)::text order by product_slug)
             from public.order_items where order_id = (select id from placed)),
  array['("XX99 Mark II Headphones",order-xx99,899.00,2,1798.00)', '("YX1 Wireless Earphones",order-yx1,29.99,3,89.97)'],
  'each line snapshots name, slug and unit price');
select is((select count(*)::integer from public.stock_reservations), 0, 'the holds are consumed');
select is((select (from_status, to_status, reason)::text from public.order_events where order_id = (select id from placed)),
  '(,pending,"Order placed")', 'the creation is in the order''s history');
select is((select emoney_last4 from placed), '6789', 'only the last 4 digits of the e-Money number are kept');

select tests.clear_authentication();
select is((select array_agg((stock, reserved)::text order by slug) from public.products where slug like 'order-%'),
  array['(8,0)', '(2,0)'], 'stock is charged and the holds released');

-- The same key returns the same order and charges nothing more.
select tests.authenticate_as('buyer');
select public.reserve_stock(pg_temp.pid('order-yx1'), 1);
select is((select id from pg_temp.checkout('checkout-0001')), (select id from placed), 'the same key returns the same order');
select is((select count(*)::integer from public.orders where user_id = auth.uid()), 1, 'no second order exists');
select is((select quantity from public.stock_reservations), 1, 'a retry does not consume the new cart');
select tests.clear_authentication();
select is((select array_agg(stock order by slug) from public.products where slug like 'order-%'), array[8, 2],
  'a retry charges no stock');

-- Snapshots survive price and name changes and cannot be edited.
update public.products set price = 999.00, name = 'XX99 Mark III' where slug = 'order-xx99';
select tests.authenticate_as('buyer');
select is((select (product_name, unit_price)::text from public.order_items where product_slug = 'order-xx99'),
  '("XX99 Mark II Headphones",899.00)', 'a later price and name change does not touch the order');
select throws_ok($$ update public.order_items set unit_price = 1 $$, '42501', 'permission denied for table order_items',
  'the owner cannot edit a snapshot');
select tests.authenticate_as('order_admin');
select throws_ok($$ update public.order_items set unit_price = 1 $$, '42501', 'permission denied for table order_items',
  'an admin cannot edit a snapshot');
select tests.authenticate_as_service_role();
select throws_ok($$ update public.order_items set unit_price = 1 $$, '42501', 'permission denied for table order_items',
  'the service role cannot edit a snapshot');
select tests.clear_authentication();
select is((select has_table_privilege(r, 'public.order_items', 'UPDATE') from unnest(array['anon', 'authenticated', 'service_role']) r
            group by 1), false, 'no API role holds UPDATE on order_items');

-- The PIN is never stored; the e-Money number only as its last 4 digits.
select is((select count(*)::integer from information_schema.columns
            where table_schema in ('public', 'private') and column_name ~* '(^|_)pin($|_)|emoney_number|emoney_pin'), 0,
  'no column anywhere can hold a PIN or a full e-Money number');
select is((select count(*)::integer from public.orders o where to_jsonb(o)::text ~ '4321|123456789'), 0,
  'neither the PIN nor the full number appears in any order');
select is((select count(*)::integer from public.order_events e where to_jsonb(e)::text ~ '4321|123456789'), 0,
  'nor in any order event');

-- Readable errors with the field they belong to.
select tests.authenticate_as('buyer');
select throws_ok($$ select pg_temp.checkout('checkout-0002', pin => '12345') $$, '22023', 'The e-Money PIN must be 4 digits.',
  'a 5-digit PIN is refused');
select throws_ok($$ select pg_temp.checkout('checkout-0002', pin => null) $$, '22023', 'The e-Money PIN must be 4 digits.',
  'a missing PIN is refused');
select throws_ok($$ select pg_temp.checkout('checkout-0002', num => '12345678') $$, '22023', 'The e-Money number must be 9 digits.',
  'an 8-digit e-Money number is refused');
select throws_ok($$ select pg_temp.checkout('checkout-0002', email => 'alex@') $$, '22023', 'Enter a valid email address.',
  'a malformed email is refused');
select throws_ok($$ select pg_temp.checkout('checkout-0002', method => 'card') $$, '22023', 'Choose e-Money or Cash on Delivery.',
  'an unknown payment method is refused');
select throws_ok($$ select pg_temp.checkout('short') $$, '22023', 'The checkout key must be 8 to 100 characters (use a UUID).',
  'a short idempotency key is refused');
select is((select count(*)::integer from public.orders), 1, 'refused checkouts leave nothing behind');

-- Cash: nothing about e-Money is kept even if sent.
select is((select (payment_method, emoney_last4)::text from pg_temp.checkout('checkout-0003', method => 'cash')), '(cash,)',
  'a cash order keeps no e-Money digits');

-- Empty cart and expired holds.
select throws_ok($$ select pg_temp.checkout('checkout-0004') $$, 'PT422',
  'Your cart is empty or its holds have expired. Add the products again to check out.', 'an empty cart cannot be ordered');
select public.reserve_stock(pg_temp.pid('order-yx1'), 1);
select tests.clear_authentication();
update private.clock set frozen_at = now() + interval '30 minutes';
select tests.authenticate_as('buyer');
select throws_ok($$ select pg_temp.checkout('checkout-0005') $$, 'PT422',
  'Your cart is empty or its holds have expired. Add the products again to check out.', 'expired holds cannot be ordered');
select tests.clear_authentication();
update private.clock set frozen_at = null;

-- Guests check out like members.
select tests.authenticate_as('guest_buyer');
select public.reserve_stock(pg_temp.pid('order-xx99'), 1);
select is((select (status, subtotal, grand_total)::text from pg_temp.checkout('guest-checkout-1', method => 'cash')),
  '(pending,999.00,1049.00)', 'a guest places an order at today''s price');

select tests.authenticate_as_anon();
select throws_ok($$ select pg_temp.checkout('anon-checkout-1') $$, '42501', 'permission denied for function place_order',
  'a visitor without a session cannot place an order');

select * from finish();
rollback;
