-- private.is_admin() reads profiles.role on every call: a demoted admin loses their rights on
-- the next request with the same token; a promoted user gains them the same way.
begin;
select plan(16);

select tests.create_supabase_user('chief');
select tests.create_supabase_user('shopper');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('chief');

select is((select prosecdef from pg_proc where oid = 'private.is_admin()'::regprocedure), true, 'is_admin is security definer');
select is((select proconfig from pg_proc where oid = 'private.is_admin()'::regprocedure), array['search_path=""'],
  'is_admin pins an empty search_path');
select ok(not has_function_privilege('public', 'private.is_admin()', 'execute'), 'PUBLIC cannot execute is_admin');
select ok(not exists (select 1 from pg_namespace n, pg_roles r where n.nspname = 'private' and r.rolname = 'authenticator'
  and has_schema_privilege(r.oid, n.oid, 'create')), 'API roles cannot create objects in private');

select tests.authenticate_as_anon();
select is(private.is_admin(), false, 'anon is not an admin');

select tests.authenticate_as('shopper');
select is(private.is_admin(), false, 'a consumer is not an admin');
select is((select count(*)::int from public.profiles), 1, 'a consumer sees one profile');

select tests.authenticate_as('chief');
select is(private.is_admin(), true, 'an admin is an admin');
select ok((select count(*)::int from public.profiles) >= 2, 'an admin sees every profile');

-- Demote in Studio; the admin's token (claims) stays the same
select tests.clear_authentication();
update public.profiles set role = 'consumer' where id = tests.get_supabase_uid('chief');
select tests.authenticate_as('chief');
select is(private.is_admin(), false, 'the demoted admin is no admin on the next request');
select is((select count(*)::int from public.profiles), 1, 'and sees only their own profile again');
select is_empty(format('update public.profiles set first_name = %L where id = %L returning 1', 'X', tests.get_supabase_uid('shopper')),
  'and can no longer edit others (0 rows)');

-- Promote in Studio
select tests.clear_authentication();
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('shopper');
select tests.authenticate_as('shopper');
select is(private.is_admin(), true, 'a promoted user is an admin on the next request');

-- Role changes leave a trace
select tests.clear_authentication();
select is((select count(*)::int from public.audit_log where action = 'profile.role_changed'
  and target_id in (tests.get_supabase_uid('chief')::text, tests.get_supabase_uid('shopper')::text)), 3,
  'every role change is audited');
select results_eq(
  format($$ select old_values, new_values, actor_role from public.audit_log
             where action = 'profile.role_changed' and target_id = %L order by id desc limit 1 $$, tests.get_supabase_uid('shopper')),
  $$ values ('{"role": "consumer"}'::jsonb, '{"role": "admin"}'::jsonb, 'postgres') $$,
  'the audit row holds the old and new role and the Studio role');

-- is_operator: admins, the service role, Studio; nobody else
select tests.authenticate_as_service_role();
select is(private.is_operator(), true, 'the service role is an operator');

select * from finish();
rollback;
