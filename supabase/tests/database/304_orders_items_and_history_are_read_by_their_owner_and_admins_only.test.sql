-- Every policy on orders, order_items and order_events, allowed and denied, per role: anon,
-- the owner, another user, an admin. Nobody writes any of them through the API.
begin;
select plan(24);

insert into public.categories (slug, name, position) values ('rls-test', 'RLS test', 90);
insert into public.products (slug, name, category_id, price, stock)
select 'rls-zx7', 'ZX7 Speaker', c.id, 3500.00, 10 from public.categories c where c.slug = 'rls-test';
select tests.create_supabase_user('rls_owner');
select tests.create_supabase_user('rls_other');
select tests.create_supabase_user('rls_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('rls_admin');

select tests.authenticate_as('rls_owner');
select public.reserve_stock((select id from public.products where slug = 'rls-zx7'), 1);
select public.place_order('rls-order-1', 'Owner', 'owner@example.com', null, '1 Main St', '12345', 'Springfield', 'USA', 'cash');
select tests.clear_authentication();

-- anon
select tests.authenticate_as_anon();
select throws_ok($$ select count(*) from public.orders $$, '42501', 'permission denied for table orders', 'anon cannot read orders');
select throws_ok($$ select count(*) from public.order_items $$, '42501', 'permission denied for table order_items', 'anon cannot read order items');
select throws_ok($$ select count(*) from public.order_events $$, '42501', 'permission denied for table order_events', 'anon cannot read order history');
select throws_ok($$ select public.cancel_order(gen_random_uuid()) $$, '42501', 'permission denied for function cancel_order', 'anon cannot cancel orders');

-- owner
select tests.authenticate_as('rls_owner');
select is((select count(*)::integer from public.orders), 1, 'the owner reads their order');
select is((select count(*)::integer from public.order_items), 1, 'the owner reads its items');
select is((select count(*)::integer from public.order_events), 1, 'the owner reads its history');
select throws_ok($$ insert into public.orders (idempotency_key, customer_name, customer_email, shipping_address, shipping_zip,
                      shipping_city, shipping_country, payment_method, subtotal, shipping, vat, grand_total)
                    values ('forged-order-1', 'X', 'x@example.com', 'a', '12345', 'c', 'd', 'cash', 1, 0, 0.17, 1) $$,
  '42501', 'permission denied for table orders', 'the owner cannot insert an order directly');
select throws_ok($$ update public.orders set grand_total = 1 $$, '42501', 'permission denied for table orders',
  'the owner cannot change their order');
select throws_ok($$ delete from public.orders $$, '42501', 'permission denied for table orders', 'the owner cannot delete their order');
select throws_ok($$ insert into public.order_items (order_id, product_slug, product_name, unit_price, quantity)
                    select id, 'x', 'x', 1, 1 from public.orders $$,
  '42501', 'permission denied for table order_items', 'the owner cannot add items');
select throws_ok($$ delete from public.order_items $$, '42501', 'permission denied for table order_items', 'the owner cannot remove items');
select throws_ok($$ insert into public.order_events (order_id, to_status, actor_role) select id, 'delivered', 'x' from public.orders $$,
  '42501', 'permission denied for table order_events', 'the owner cannot forge history');

-- another user
select tests.authenticate_as('rls_other');
select is((select count(*)::integer from public.orders), 0, 'another user sees no orders');
select is((select count(*)::integer from public.order_items), 0, 'another user sees no items');
select is((select count(*)::integer from public.order_events), 0, 'another user sees no history');
select throws_ok($$ update public.orders set status = 'cancelled' $$, '42501', 'permission denied for table orders',
  'another user cannot change orders');

-- admin
select tests.authenticate_as('rls_admin');
select is((select count(*)::integer from public.orders where user_id = tests.get_supabase_uid('rls_owner')), 1, 'an admin reads every order');
select is((select count(*)::integer from public.order_items i join public.orders o on o.id = i.order_id
            where o.user_id = tests.get_supabase_uid('rls_owner')), 1, 'an admin reads every item');
select is((select count(*)::integer from public.order_events e join public.orders o on o.id = e.order_id
            where o.user_id = tests.get_supabase_uid('rls_owner')), 1, 'an admin reads every history');
select throws_ok($$ update public.orders set status = 'processing' $$, '42501', 'permission denied for table orders',
  'an admin changes status only through set_order_status, not by editing the table');
select throws_ok($$ delete from public.orders $$, '42501', 'permission denied for table orders', 'an admin cannot delete orders');

-- service role: reads (scripts), never writes
select tests.authenticate_as_service_role();
select ok((select count(*) from public.orders) >= 1, 'the service role reads orders');
select throws_ok($$ delete from public.orders $$, '42501', 'permission denied for table orders', 'the service role cannot delete orders');

select * from finish();
rollback;
