-- set_order_status: shipping needs a tracking note, which the customer reads in the history;
-- a cancellation by staff (admin RPC, Studio edit) is the store's, never the customer's; the
-- customer's own cancellation stays theirs; a checkout is not audited as a stock edit.
begin;
select plan(11);

select tests.create_catalog_fixture();
select tests.create_supabase_user('ship-buyer');
select tests.create_supabase_user('ship-admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('ship-admin');
create function pg_temp.new_order(checkout_key text) returns uuid language plpgsql as $$
declare
  placed uuid;
begin
  perform tests.authenticate_as('ship-buyer');
  perform public.reserve_stock((select id from public.products where slug = 'test-amp'), 1);
  select id into placed from public.place_order(checkout_key, 'Buyer', 'buyer@example.com', null, '1 Road', '10110', 'Bangkok', 'Thailand', 'cash');
  perform tests.clear_authentication();
  return placed;
end $$;
create temporary table ship_orders on commit drop as
select pg_temp.new_order('ship-key-01') as a, pg_temp.new_order('ship-key-02') as b, pg_temp.new_order('ship-key-03') as c;
grant select on ship_orders to authenticated;

select is((select count(*)::int from public.audit_log where action = 'product.stock_changed' and occurred_at = now()), 0,
  'checkouts are not audited as stock edits (their order history is)');

select tests.authenticate_as('ship-admin');
select public.set_order_status((select a from ship_orders), 'processing', 'Packed');
select throws_ok($$ select public.set_order_status((select a from ship_orders), 'shipped') $$,
  'PT422', 'Add a tracking note (carrier and tracking number) to mark an order shipped.', 'shipping without a tracking note is refused');
select throws_ok($$ select public.set_order_status((select a from ship_orders), 'shipped', '   ') $$,
  'PT422', 'Add a tracking note (carrier and tracking number) to mark an order shipped.', 'a blank note is no note');
select is((select status::text from public.set_order_status((select a from ship_orders), 'shipped', 'Kerry Express TH0123456789')), 'shipped',
  'with a tracking note it ships');
select is((select status::text from public.set_order_status((select b from ship_orders), 'cancelled')), 'cancelled',
  'an admin cancels without a reason');

select tests.authenticate_as('ship-buyer');
select results_eq($$ select e.reason, e.acted_by from public.order_events e where e.order_id = (select a from ship_orders) and e.to_status = 'shipped' $$,
  $$ values ('Kerry Express TH0123456789', 'store staff') $$, 'the customer reads the tracking note in the history');
select results_eq($$ select e.reason, e.acted_by from public.order_events e where e.order_id = (select b from ship_orders) and e.to_status = 'cancelled' $$,
  $$ values ('Cancelled by the store', 'store staff') $$, 'a staff cancellation says the store cancelled');
select tests.clear_authentication();

update public.orders set status = 'cancelled' where id = (select c from ship_orders);
select results_eq($$ select reason, acted_by from public.order_events where order_id = (select c from ship_orders) and to_status = 'cancelled' $$,
  $$ values ('Cancelled by the store', 'store staff') $$, 'a Studio cancellation is the store''s too');
select is((select reason from public.audit_log where action = 'order.status_changed' and target_id = (select c from ship_orders)::text
            and new_values ->> 'status' = 'cancelled'), 'Cancelled by the store', 'and so is its audit row');

select pg_temp.new_order('ship-key-04');
select tests.authenticate_as('ship-buyer');
select public.cancel_order((select id from public.orders where idempotency_key = 'ship-key-04'));
select results_eq($$ select e.reason, e.acted_by from public.order_events e join public.orders o on o.id = e.order_id
                      where o.idempotency_key = 'ship-key-04' and e.to_status = 'cancelled' $$,
  $$ values ('Cancelled by the customer', 'customer') $$, 'the customer''s own cancellation stays theirs');
select throws_ok($$ select public.set_order_status((select a from ship_orders), 'delivered', 'x') $$, '42501',
  'Only an admin can change an order''s status.', 'a customer cannot move an order');

select * from finish();
rollback;
