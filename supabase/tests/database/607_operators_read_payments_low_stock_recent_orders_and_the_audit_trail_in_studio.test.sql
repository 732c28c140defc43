-- Studio lists: payments awaited, low stock, recent orders, the audit trail with names. They
-- are for postgres (Studio) only: no API role may read them.
begin;
select plan(9);

select tests.clear_events();
select tests.create_catalog_fixture();
select tests.create_supabase_user('view-admin', null, '{"first_name": "Ada", "last_name": "Admin"}');
select tests.create_supabase_user('view-member', 'viewer@test.local', '{"first_name": "Mina", "last_name": "Member"}');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('view-admin');
select tests.create_event('view-gala', 10, fee => 30.00);
select tests.authenticate_as('view-member');
select public.enroll((select id from public.events where slug = 'view-gala'));
select public.reserve_stock((select id from public.products where slug = 'test-dac'), 1);
select public.place_order('view-key-01', 'Mina', 'viewer@test.local', null, '1 Road', '10110', 'Bangkok', 'Thailand', 'cash');
select tests.authenticate_as('view-admin');
select public.admin_update_profile(tests.get_supabase_uid('view-member'), '{"last_name": "Member-Kim"}', 'Married, asked by mail');
select tests.clear_authentication();

select results_eq($$ select event_slug, member_name, member_email, fee from admin.payments_awaited where event_slug = 'view-gala' $$,
  $$ values ('view-gala', 'Mina Member', 'viewer@test.local', 30.00::numeric(10, 2)) $$, 'payments awaited, with the member');
select results_eq($$ select slug, stock, held, available from admin.low_stock where slug = 'test-dac' $$,
  $$ values ('test-dac', 2, 0, 2) $$, 'low stock: the DAC has 2 left after the order');
select is((select count(*)::int from admin.low_stock where slug = 'test-amp'), 0, 'a well-stocked product is not listed');
select results_eq($$ select customer_email, status::text, lines::int, last_note from admin.recent_orders where customer_email = 'viewer@test.local' $$,
  $$ values ('viewer@test.local', 'pending', 1, 'Order placed') $$, 'recent orders with their last note');
select results_eq($$ select actor_name, target_name, target_email, reason from admin.audit_trail where action = 'profile.updated' and reason = 'Married, asked by mail' $$,
  $$ values ('Ada Admin', 'Mina Member', 'viewer@test.local', 'Married, asked by mail') $$, 'the audit trail names who acted and on whom');

select tests.authenticate_as('view-admin');
select throws_ok($$ select * from admin.audit_trail $$, '42501', 'permission denied for schema admin', 'not even an admin reads them through the API');
select tests.authenticate_as_service_role();
select throws_ok($$ select * from admin.low_stock $$, '42501', 'permission denied for schema admin', 'nor the service role');
select tests.clear_authentication();
select is_empty($$ select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'admin' and c.relkind = 'v' and not coalesce('security_invoker=true' = any (c.reloptions), false) $$,
  'every admin view is security_invoker');
select is_empty($$ select table_name from information_schema.role_table_grants where table_schema = 'admin'
                    and grantee in ('anon', 'authenticated', 'service_role') $$, 'no admin view is granted to an API role');

select * from finish();
rollback;
