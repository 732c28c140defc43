-- The database the migrations run on behaves like Supabase's image: roles, schemas, auth
-- tables and helpers, triggers on auth.users, and RLS driven by the request's JWT claims.
begin;
select plan(35);

-- Roles and attributes
select ok(not rolsuper and rolbypassrls and rolcreaterole and rolcreatedb and rolcanlogin,
  'postgres: login, createdb, createrole, bypassrls, not a superuser')
  from pg_roles where rolname = 'postgres';
select ok(rolsuper, 'supabase_admin is the cluster superuser') from pg_roles where rolname = 'supabase_admin';
select ok(not rolcanlogin and rolinherit and not rolbypassrls, 'anon: nologin, inherit, subject to RLS')
  from pg_roles where rolname = 'anon';
select ok(not rolcanlogin and rolinherit and not rolbypassrls, 'authenticated: nologin, inherit, subject to RLS')
  from pg_roles where rolname = 'authenticated';
select ok(not rolcanlogin and rolbypassrls, 'service_role: nologin, bypasses RLS')
  from pg_roles where rolname = 'service_role';
select ok(rolcanlogin and not rolinherit, 'authenticator: login, noinherit')
  from pg_roles where rolname = 'authenticator';
select ok(rolcanlogin and not rolinherit and rolcreaterole, 'supabase_auth_admin: login, noinherit, createrole')
  from pg_roles where rolname = 'supabase_auth_admin';
select ok(pg_has_role('authenticator', 'anon', 'member') and pg_has_role('authenticator', 'authenticated', 'member')
  and pg_has_role('authenticator', 'service_role', 'member'), 'authenticator can switch to the three API roles');
select ok(pg_has_role('postgres', 'anon', 'member') and pg_has_role('postgres', 'authenticated', 'member')
  and pg_has_role('postgres', 'service_role', 'member') and pg_has_role('postgres', 'supabase_auth_admin', 'member'),
  'postgres is a member of the API roles and supabase_auth_admin');
select is((select setting from pg_db_role_setting s, unnest(s.setconfig) setting
  where s.setrole = 'anon'::regrole and setting like 'statement_timeout=%'), 'statement_timeout=3s', 'anon times out after 3s');
select is((select setting from pg_db_role_setting s, unnest(s.setconfig) setting
  where s.setrole = 'authenticated'::regrole and setting like 'statement_timeout=%'), 'statement_timeout=8s', 'authenticated times out after 8s');

-- Schemas and extensions
select is(pg_get_userbyid(nspowner)::text, 'supabase_admin', 'auth is owned by supabase_admin') from pg_namespace where nspname = 'auth';
select is(pg_get_userbyid(nspowner)::text, 'supabase_admin', 'extensions is owned by supabase_admin') from pg_namespace where nspname = 'extensions';
select is(pg_get_userbyid(nspowner)::text, 'postgres', 'public is owned by postgres') from pg_namespace where nspname = 'public';
select is((select extnamespace::regnamespace::text from pg_extension where extname = 'pgcrypto'), 'extensions', 'pgcrypto lives in extensions');
select is((select extnamespace::regnamespace::text from pg_extension where extname = 'uuid-ossp'), 'extensions', 'uuid-ossp lives in extensions');
select is((select extnamespace::regnamespace::text from pg_extension where extname = 'pgtap'), 'extensions', 'pgtap lives in extensions');

-- auth tables with GoTrue's columns
select tables_are('auth', array['users', 'identities', 'sessions', 'refresh_tokens', 'flow_state',
  'one_time_tokens', 'instances', 'audit_log_entries', 'schema_migrations'], 'auth has the GoTrue tables');
select is((select tableowner::text from pg_tables where schemaname = 'auth' and tablename = 'users'),
  'supabase_auth_admin', 'auth.users is owned by supabase_auth_admin');
select col_not_null('auth', 'users', 'is_anonymous', 'auth.users.is_anonymous is not null');
select col_not_null('auth', 'users', 'is_sso_user', 'auth.users.is_sso_user is not null');
select is((select attgenerated::text from pg_attribute where attrelid = 'auth.users'::regclass and attname = 'confirmed_at'),
  's', 'auth.users.confirmed_at is generated');
select col_type_is('auth', 'users', 'raw_user_meta_data', 'jsonb', 'user metadata is jsonb');
select fk_ok('auth', 'identities', 'user_id', 'auth', 'users', 'id');
select fk_ok('auth', 'sessions', 'user_id', 'auth', 'users', 'id');

-- auth.uid() and friends read the request's claims, with the legacy GUCs as fallback
select set_config('request.jwt.claims',
  '{"sub":"11111111-1111-1111-1111-111111111111","role":"authenticated","email":"a@example.com"}', true);
select is(auth.uid(), '11111111-1111-1111-1111-111111111111'::uuid, 'auth.uid() reads sub from request.jwt.claims');
select is(auth.role(), 'authenticated', 'auth.role() reads role');
select is(auth.email(), 'a@example.com', 'auth.email() reads email');
select is(auth.jwt() ->> 'email', 'a@example.com', 'auth.jwt() returns the claims as jsonb');
select set_config('request.jwt.claims', '', true);
select set_config('request.jwt.claim.sub', '22222222-2222-2222-2222-222222222222', true);
select is(auth.uid(), '22222222-2222-2222-2222-222222222222'::uuid, 'auth.uid() falls back to request.jwt.claim.sub');
select set_config('request.jwt.claim.sub', '', true);

-- A trigger on auth.users fires in the same transaction as the insert
create table public.signup_probe (user_id uuid, seen_role text);
create function public.record_signup_probe() returns trigger language plpgsql as $$
begin
  insert into public.signup_probe values (new.id, new.role);
  return new;
end $$;
create trigger on_auth_user_created_probe after insert on auth.users
  for each row execute function public.record_signup_probe();
select tests.create_supabase_user('probe_user');
select is((select count(*)::int from public.signup_probe where user_id = tests.get_supabase_uid('probe_user')),
  1, 'an after insert trigger on auth.users fires');

-- RLS filters by the JWT's subject, as authenticated and as anon
create table public.rls_probe (owner_id uuid not null, note text);
alter table public.rls_probe enable row level security;
create policy "Owners read their notes" on public.rls_probe for select to authenticated
  using (owner_id = (select auth.uid()));
grant select on public.rls_probe to anon, authenticated, service_role;
select tests.create_supabase_user('alice');
select tests.create_supabase_user('bob');
insert into public.rls_probe values (tests.get_supabase_uid('alice'), 'alice note'), (tests.get_supabase_uid('bob'), 'bob note');

select tests.authenticate_as('alice');
select results_eq('select note from public.rls_probe', array['alice note'], 'authenticated sees only own rows');
select tests.authenticate_as_anon();
select is_empty('select * from public.rls_probe', 'anon sees no rows without a policy for anon');
select tests.authenticate_as_service_role();
select is((select count(*)::int from public.rls_probe), 2, 'service_role bypasses RLS');
select tests.clear_authentication();
select is(current_user::text, 'postgres', 'clear_authentication returns to postgres');

select * from finish();
rollback;
