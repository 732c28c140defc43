-- An order's history says "customer" or "store staff"; its customer cannot read the staff
-- member's user id or the database role, while operators in Studio still can.
begin;
select plan(6);

select tests.create_catalog_fixture();
select tests.create_supabase_user('staff-buyer');
select tests.create_supabase_user('staff-admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('staff-admin');

select tests.authenticate_as('staff-buyer');
select public.reserve_stock((select id from public.products where slug = 'test-amp'), 1);
select public.place_order('staff-key-01', 'Buyer', 'buyer@example.com', null, '1 Road', '10110', 'Bangkok', 'Thailand', 'cash');
select tests.authenticate_as('staff-admin');
select public.cancel_order((select id from public.orders where idempotency_key = 'staff-key-01'), 'Out of stock at the warehouse');

select tests.authenticate_as('staff-buyer');
select results_eq(
  $$ select to_status::text, acted_by, reason from public.order_events e
      join public.orders o on o.id = e.order_id where o.idempotency_key = 'staff-key-01' order by e.id $$,
  $$ values ('pending', 'customer', 'Order placed'), ('cancelled', 'store staff', 'Out of stock at the warehouse') $$,
  'the customer reads who acted as customer / store staff');
select throws_ok($$ select actor_id from public.order_events $$, '42501', 'permission denied for table order_events',
  'the customer cannot read actor ids');
select throws_ok($$ select actor_role from public.order_events $$, '42501', 'permission denied for table order_events',
  'nor actor roles');
select throws_ok($$ select * from public.order_events $$, '42501', 'permission denied for table order_events',
  'so select * is refused: name the columns');

select tests.clear_authentication();
select is((select actor_id from public.order_events where to_status = 'cancelled' and reason = 'Out of stock at the warehouse'),
  tests.get_supabase_uid('staff-admin'), 'Studio still sees which admin acted');
select is((select acted_by from public.order_events where to_status = 'pending' and reason = 'Order placed'
            and order_id = (select id from public.orders where idempotency_key = 'staff-key-01')), 'customer',
  'the trigger labelled the owner''s own event');

select * from finish();
rollback;
