-- The audit log: admins read it, nobody writes it directly (only definer functions through
-- private.write_audit). It records the actor from the request, or the database role in Studio.
begin;
select plan(20);

select tests.create_supabase_user('auditor');
select tests.create_supabase_user('customer', null, '{"phone": "+821012121212"}');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('auditor');
select private.write_audit('test.event', 'public.profiles', tests.get_supabase_uid('customer')::text, null, null, 'setup');

-- ===== anon =====
select tests.authenticate_as_anon();
select throws_ok($$ select * from public.audit_log $$, '42501', 'permission denied for table audit_log', 'anon cannot read the log');
select throws_ok($$ insert into public.audit_log (actor_role, action) values ('anon', 'fake.entry') $$, '42501',
  'permission denied for table audit_log', 'anon cannot write the log');

-- ===== a consumer =====
select tests.authenticate_as('customer');
select is_empty($$ select * from public.audit_log $$, 'a consumer reads nothing, not even entries about themselves');
select throws_ok($$ insert into public.audit_log (actor_role, action) values ('authenticated', 'fake.entry') $$, '42501',
  'permission denied for table audit_log', 'a consumer cannot write the log');
select throws_ok($$ select private.write_audit('fake.entry', null, null) $$, '42501',
  'permission denied for function write_audit', 'a consumer cannot call write_audit');
update public.profiles set phone = '+821034343434' where id = (select auth.uid());
select tests.clear_authentication();
select is((select count(*)::int from public.audit_log where target_id = tests.get_supabase_uid('customer')::text
  and action = 'profile.updated'), 0, 'an owner editing their own details is not audited');

-- ===== an admin =====
select tests.authenticate_as('auditor');
select ok((select count(*)::int from public.audit_log) >= 1, 'an admin reads the log');
select throws_ok($$ insert into public.audit_log (actor_role, action) values ('authenticated', 'fake.entry') $$, '42501',
  'permission denied for table audit_log', 'an admin cannot write the log directly');
select throws_ok($$ update public.audit_log set reason = 'rewritten' $$, '42501',
  'permission denied for table audit_log', 'an admin cannot rewrite history');
select throws_ok($$ delete from public.audit_log $$, '42501', 'permission denied for table audit_log',
  'an admin cannot erase history');
update public.profiles set phone = '+821056565656' where id = tests.get_supabase_uid('customer');
select results_eq(
  format($$ select actor_id, actor_role, old_values, new_values from public.audit_log
             where action = 'profile.updated' and target_id = %L $$, tests.get_supabase_uid('customer')),
  format($$ values (%L::uuid, 'authenticated', '{"phone": "+821034343434"}'::jsonb, '{"phone": "+821056565656"}'::jsonb) $$,
    tests.get_supabase_uid('auditor')),
  'an admin changing someone''s phone is audited: actor, old and new values of the changed column only');

-- ===== the service role =====
select tests.authenticate_as_service_role();
select ok((select count(*)::int from public.audit_log) >= 2, 'the service role reads the log');
select throws_ok($$ insert into public.audit_log (actor_role, action) values ('service_role', 'fake.entry') $$, '42501',
  'permission denied for table audit_log', 'the service role cannot write the log directly');

-- ===== Studio and the operator functions =====
select tests.clear_authentication();
select lives_ok(format('select admin.set_role(%L, %L, %L)', tests.get_supabase_uid('customer'), 'admin', 'New store manager'),
  'Studio promotes with a reason');
select results_eq(
  format($$ select actor_id, actor_role, reason, new_values from public.audit_log
             where action = 'profile.role_changed' and target_id = %L $$, tests.get_supabase_uid('customer')),
  $$ values (null::uuid, 'postgres', 'New store manager', '{"role": "admin"}'::jsonb) $$,
  'the role change carries the Studio role and the reason');
select is(current_setting('app.audit_reason', true), '', 'the reason does not leak into later statements');
select throws_ok(format('select admin.set_role(%L, %L, %L)', tests.get_supabase_uid('customer'), 'owner', 'why not'),
  'PT422', 'A role must be consumer or admin.', 'set_role refuses unknown roles');
select throws_ok(format('select admin.set_role(%L, %L, null)', tests.get_supabase_uid('customer'), 'consumer'),
  'PT422', 'A reason is required (1-1000 characters).', 'set_role requires a reason');
select tests.authenticate_as('customer');
select throws_ok(format('select private.set_role(%L, %L, %L)', tests.get_supabase_uid('auditor'), 'consumer', 'coup'),
  '42501', 'permission denied for function set_role', 'API users cannot reach set_role');
select tests.clear_authentication();
select ok(not has_schema_privilege('authenticated', 'admin', 'usage') and not has_schema_privilege('anon', 'admin', 'usage'),
  'the admin schema is closed to API roles');

select * from finish();
rollback;
