-- Studio's table editor cannot give a reason: an edit of profiles, orders or settings is still
-- checked by the triggers and audited as the database role with "no reason given"; with
-- `set local app.audit_reason` in the SQL editor the reason is recorded instead.
begin;
select plan(5);

select tests.create_catalog_fixture();
select tests.create_supabase_user('studio-member', null, '{"first_name": "Nara"}');
select tests.authenticate_as('studio-member');
select public.reserve_stock((select id from public.products where slug = 'test-amp'), 1);
select public.place_order('studio-key-01', 'Nara', 'nara@example.com', null, '1 Road', '10110', 'Bangkok', 'Thailand', 'cash');
select tests.clear_authentication();

update public.profiles set first_name = 'Narae' where id = tests.get_supabase_uid('studio-member');
select results_eq($$ select actor_role, reason, new_values ->> 'first_name' from public.audit_log where action = 'profile.updated' and occurred_at = now() $$,
  $$ values ('postgres', 'no reason given', 'Narae') $$, 'a profile edit in the table editor: the database role, "no reason given"');

set local app.audit_reason = 'Typo in the family name, asked by phone';
update public.profiles set last_name = 'Lee' where id = tests.get_supabase_uid('studio-member');
reset app.audit_reason;
select is((select reason from public.audit_log where action = 'profile.updated' and new_values ? 'last_name'),
  'Typo in the family name, asked by phone', 'the SQL editor gives a reason with set local app.audit_reason');

update public.orders set status = 'processing' where idempotency_key = 'studio-key-01';
select is((select reason from public.audit_log where action = 'order.status_changed' and new_values ->> 'status' = 'processing'
            and target_id = (select id from public.orders where idempotency_key = 'studio-key-01')::text), 'no reason given',
  'an order edit in the table editor: "no reason given"');
select throws_ok($$ update public.orders set status = 'delivered' where idempotency_key = 'studio-key-01' $$, 'PT409',
  'An order cannot go from processing to delivered.', 'and the machine still holds');

update public.app_settings set max_units_held_per_product = 3;
select results_eq($$ select actor_role, reason, old_values ->> 'max_units_held_per_product', new_values ->> 'max_units_held_per_product'
                      from public.audit_log where action = 'settings.updated' and occurred_at = now() $$,
  $$ values ('postgres', 'no reason given', '5', '3') $$, 'a settings edit is audited with old and new values');

select * from finish();
rollback;
