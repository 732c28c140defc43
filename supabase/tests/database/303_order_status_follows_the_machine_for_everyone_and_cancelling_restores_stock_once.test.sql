-- pending → processing → shipped → delivered, cancelled only before shipment: enforced for
-- the API and for Studio (postgres) alike. Owners cancel while pending, admins while pending
-- or processing; cancelling restores stock exactly once; every change is in the history and
-- the audit log.
begin;
select plan(27);

insert into public.categories (slug, name, position) values ('status-test', 'Status test', 90);
insert into public.products (slug, name, category_id, price, stock)
select 'status-zx9', 'ZX9 Speaker', c.id, 4500.00, 10 from public.categories c where c.slug = 'status-test';
select tests.create_supabase_user('owner');
select tests.create_supabase_user('stranger');
select tests.create_supabase_user('status_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('status_admin');

create function pg_temp.stock() returns integer language sql stable as
  $$ select stock from public.products where slug = 'status-zx9' $$;
create function pg_temp.new_order(checkout_key text, units integer) returns uuid language plpgsql as $$
declare
  placed uuid;
begin
  perform tests.authenticate_as('owner');
  perform public.reserve_stock((select id from public.products where slug = 'status-zx9'), units);
  select id into placed from public.place_order(checkout_key, 'Owner', 'owner@example.com', null, '1 Main St',
                                                '12345', 'Springfield', 'USA', 'cash');
  perform tests.clear_authentication();
  return placed;
end $$;
create function pg_temp.status(order_id uuid) returns text language sql stable as
  $$ select status::text from public.orders where id = order_id $$;
grant execute on all functions in schema pg_temp to authenticated;

create temporary table o as
select pg_temp.new_order('status-order-1', 2) as a, pg_temp.new_order('status-order-2', 1) as b,
       pg_temp.new_order('status-order-3', 1) as c;
grant select on o to authenticated;
select is(pg_temp.stock(), 6, 'three orders took 4 of 10 units');

-- Studio (postgres) walks an order through the legal path.
update public.orders set status = 'processing' where id = (select a from o);
update public.orders set status = 'shipped' where id = (select a from o);
update public.orders set status = 'delivered' where id = (select a from o);
select is(pg_temp.status((select a from o)), 'delivered', 'pending → processing → shipped → delivered is legal in Studio');
select is((select array_agg(coalesce(from_status::text, '-') || '>' || to_status order by id) from public.order_events where order_id = (select a from o)),
  array['->pending', 'pending>processing', 'processing>shipped', 'shipped>delivered'], 'each change is in the order''s history');
select is((select array_agg(distinct actor_role) from public.order_events where order_id = (select a from o) and from_status is not null),
  array['postgres'], 'Studio changes are attributed to the database role');
select is((select count(*)::integer from public.audit_log where action = 'order.status_changed' and target_id = (select a from o)::text), 3,
  'and each is in the audit log');

-- Illegal moves, also in Studio.
select throws_ok($$ update public.orders set status = 'pending' where id = (select a from o) $$, 'PT409',
  'An order cannot go from delivered to pending.', 'delivered is final, even in Studio');
select throws_ok($$ update public.orders set status = 'cancelled' where id = (select a from o) $$, 'PT409',
  format('Order %s has been shipped and can no longer be cancelled.', (select order_number from public.orders where id = (select a from o))),
  'a delivered order cannot be cancelled, even in Studio');
select throws_ok($$ update public.orders set status = 'shipped' where id = (select b from o) $$, 'PT409',
  'An order cannot go from pending to shipped.', 'pending cannot skip processing');
select throws_ok($$ update public.orders set status = 'delivered' where id = (select b from o) $$, 'PT409',
  'An order cannot go from pending to delivered.', 'pending cannot jump to delivered');
update public.orders set status = 'processing' where id = (select c from o);
select throws_ok($$ update public.orders set status = 'pending' where id = (select c from o) $$, 'PT409',
  'An order cannot go from processing to pending.', 'processing cannot go back to pending');

-- The owner cancels a pending order; stock comes back once.
select tests.authenticate_as('stranger');
select throws_ok($$ select public.cancel_order((select b from o)) $$, 'PT404', 'Order not found.',
  'another user cannot cancel (or learn about) someone''s order');
select tests.authenticate_as('owner');
select throws_ok($$ update public.orders set status = 'cancelled' where id = (select b from o) $$, '42501',
  'permission denied for table orders', 'the owner cannot change status by editing the table');
select throws_ok($$ select public.cancel_order((select c from o)) $$, 'PT409',
  format('Order %s is already being processed, so it can no longer be cancelled online.', (select order_number from public.orders where id = (select c from o))),
  'the owner cannot cancel once processing has started');
select is((select status::text from public.cancel_order((select b from o), 'Changed my mind')), 'cancelled', 'the owner cancels a pending order');
select tests.clear_authentication();
select is(pg_temp.stock(), 7, 'cancelling put its 1 unit back');
select tests.authenticate_as('owner');
select throws_ok($$ select public.cancel_order((select b from o)) $$, 'PT409',
  format('Order %s is already cancelled.', (select order_number from public.orders where id = (select b from o))),
  'cancelling twice says it is already cancelled');
select tests.clear_authentication();
select is(pg_temp.stock(), 7, 'and restores nothing the second time');
select throws_ok($$ update public.orders set status = 'processing' where id = (select b from o) $$, 'PT409',
  'An order cannot go from cancelled to processing.', 'cancelled is final, even in Studio');
select is((select (from_status, to_status, actor_id = tests.get_supabase_uid('owner'), actor_role, reason)::text
             from public.order_events where order_id = (select b from o) and to_status = 'cancelled'),
  '(pending,cancelled,t,authenticated,"Changed my mind")', 'the cancellation records who, from, to and why');

-- Admins cancel while processing, through the RPC; set_order_status moves orders along.
select tests.authenticate_as('status_admin');
select is((select status::text from public.cancel_order((select c from o))), 'cancelled', 'an admin cancels a processing order');
select tests.clear_authentication();
select is(pg_temp.stock(), 8, 'its unit is back too');
select is((select reason from public.audit_log where action = 'order.status_changed' and target_id = (select c from o)::text
            and new_values ->> 'status' = 'cancelled'), 'Cancelled by the store', 'the audit log has the default reason: the store cancelled, not the customer');

create temporary table o2 as select pg_temp.new_order('status-order-4', 1) as d;
grant select on o2 to authenticated;
select tests.authenticate_as('status_admin');
select is((select status::text from public.set_order_status((select d from o2), 'processing', 'Packed')), 'processing',
  'an admin moves an order to processing');
select throws_ok($$ select public.set_order_status((select d from o2), 'delivered') $$, 'PT409',
  'An order cannot go from processing to delivered.', 'the machine holds for admins too');
select tests.authenticate_as('owner');
select throws_ok($$ select public.set_order_status((select d from o2), 'shipped') $$, '42501',
  'Only an admin can change an order''s status.', 'a customer cannot move their order along');

-- Studio cancelling restores stock too (one path for everyone).
select tests.clear_authentication();
update public.orders set status = 'cancelled' where id = (select d from o2);
select is(pg_temp.stock(), 8, 'a Studio cancellation restores the unit as well (7 after ordering, 8 after cancelling)');
select is((select count(*)::integer from public.order_events where order_id = (select d from o2)), 3,
  'created, processing and cancelled are in its history');

select * from finish();
rollback;
