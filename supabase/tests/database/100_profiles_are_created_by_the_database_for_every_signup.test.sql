-- Every kind of auth user gets exactly one profile, created by the auth.users insert trigger in
-- the same transaction: email signups with form metadata, OAuth users, admin-created users,
-- guests, and the two-step insert GoTrue really does (role '' first).
begin;
select plan(25);

select has_trigger('auth', 'users', 'on_auth_user_created', 'auth.users has the profile-creating trigger');
select is((select prosecdef from pg_proc where oid = 'private.handle_new_user()'::regprocedure), true,
  'the trigger function is security definer (Auth inserts as supabase_auth_admin)');
select is((select proconfig from pg_proc where oid = 'private.handle_new_user()'::regprocedure), array['search_path=""'],
  'the trigger function pins an empty search_path');

-- Email signup: supabase.auth.signUp({ email, password, options: { data } })
select tests.create_supabase_user('form_user', null, jsonb_build_object(
  'first_name', '  Jane ', 'last_name', 'Doe', 'phone', '+82 10-1234-5678', 'birthday', '1990-02-28',
  'account_type', 'business', 'role', 'admin'));
select results_eq(
  $$ select first_name, last_name, display_name, phone, birthday, account_type, role
       from public.profiles where id = tests.get_supabase_uid('form_user') $$,
  $$ values ('Jane', 'Doe', 'Jane Doe', '+821012345678', date '1990-02-28', 'business', 'consumer') $$,
  'an email signup copies the form fields (trimmed, phone normalised) and never the role');

-- OAuth providers
select tests.create_supabase_user('github_user', null, jsonb_build_object(
  'full_name', 'Octo Cat', 'avatar_url', 'https://avatars.example.com/u/1', 'user_name', 'octocat'));
select results_eq(
  $$ select display_name, avatar_url, first_name from public.profiles where id = tests.get_supabase_uid('github_user') $$,
  $$ values ('Octo Cat', 'https://avatars.example.com/u/1', null::text) $$,
  'an OAuth user gets full_name as display name and avatar_url (the full name is not split)');

select tests.create_supabase_user('google_user', null, jsonb_build_object(
  'name', 'Kim Min-ji', 'given_name', 'Min-ji', 'family_name', 'Kim', 'picture', 'https://lh3.example.com/a.png'));
select results_eq(
  $$ select first_name, last_name, display_name, avatar_url from public.profiles where id = tests.get_supabase_uid('google_user') $$,
  $$ values ('Min-ji', 'Kim', 'Kim Min-ji', 'https://lh3.example.com/a.png') $$,
  'an OIDC user gets given/family name, name and picture');

select tests.create_supabase_user('line_user', null, jsonb_build_object(
  'displayName', 'สมชาย', 'pictureUrl', 'https://profile.line-scdn.example/abc', 'userId', 'U123'));
select results_eq(
  $$ select display_name, avatar_url from public.profiles where id = tests.get_supabase_uid('line_user') $$,
  $$ values ('สมชาย', 'https://profile.line-scdn.example/abc') $$,
  'a LINE-like user gets displayName and pictureUrl');

-- Admin-created users (admin API / Studio) often carry no metadata at all
select tests.create_supabase_user('bare_user');
select results_eq(
  $$ select first_name, last_name, display_name, phone, birthday, account_type, role, invitation_id, avatar_url
       from public.profiles where id = tests.get_supabase_uid('bare_user') $$,
  $$ values (null::text, null::text, null::text, null::text, null::date, 'personal', 'consumer', null::uuid, null::text) $$,
  'a user without metadata gets a profile with defaults');

-- Guests
select tests.create_anonymous_user('guest');
select is((select count(*)::int from public.profiles where id = tests.get_supabase_uid('guest')), 1,
  'a guest (anonymous user) gets a profile');
select is((select role from public.profiles where id = tests.get_supabase_uid('guest')), 'consumer', 'a guest is a consumer');

-- GoTrue's own sequence: insert with role '' as supabase_auth_admin, then set the role.
set local role supabase_auth_admin;
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data,
  created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
values ('00000000-0000-0000-0000-000000000000', pg_catalog.gen_random_uuid(), 'authenticated', '',
  'gotrue-style@test.local', '',
  '{"provider":"email","providers":["email"],"test_identifier":"gotrue_style"}', '{"first_name":"Go"}',
  now(), now(), '', '', '', '');
update auth.users set role = 'authenticated' where raw_app_meta_data ->> 'test_identifier' = 'gotrue_style';
reset role;
select is((select first_name from public.profiles where id = tests.get_supabase_uid('gotrue_style')), 'Go',
  'a user inserted by supabase_auth_admin with role '''' gets a profile');

select is((select count(*)::int from auth.users u where not exists (select 1 from public.profiles p where p.id = u.id)), 0,
  'no auth user is left without a profile');
select is((select count(*)::int from public.profiles p where not exists (select 1 from auth.users u where u.id = p.id)), 0,
  'no profile exists without its auth user');

-- Same transaction: a rolled-back signup leaves no profile behind
savepoint before_signup;
select tests.create_supabase_user('rolled_back');
select isnt(tests.get_supabase_uid('rolled_back'), null, 'the user exists inside the signup transaction');
select is((select count(*)::int from public.profiles where id = tests.get_supabase_uid('rolled_back')), 1,
  'its profile exists in the same transaction');
rollback to savepoint before_signup;
select is((select count(*)::int from public.profiles p where not exists (select 1 from auth.users u where u.id = p.id)), 0,
  'rolling the signup back removes the profile too');

-- The API cannot create or delete profiles itself
select tests.create_supabase_user('api_user');
select tests.authenticate_as('api_user');
select throws_ok(
  $$ insert into public.profiles (id) values (extensions.gen_random_uuid()) $$,
  '42501', 'permission denied for table profiles', 'a signed-in user cannot insert a profile');
select throws_ok(
  $$ delete from public.profiles where id = (select auth.uid()) $$,
  '42501', 'permission denied for table profiles', 'a signed-in user cannot delete their profile row');
select tests.authenticate_as_anon();
select throws_ok(
  $$ insert into public.profiles (id) values (extensions.gen_random_uuid()) $$,
  '42501', 'permission denied for table profiles', 'anon cannot insert a profile');
select tests.authenticate_as_service_role();
select throws_ok(
  $$ insert into public.profiles (id) values (extensions.gen_random_uuid()) $$,
  '42501', 'permission denied for table profiles', 'even the service role cannot insert a profile');
select tests.clear_authentication();

-- Cascades from auth.users
create temp table old_id on commit drop as select tests.get_supabase_uid('gotrue_style') as id;
update auth.users set id = extensions.gen_random_uuid() where id = (select id from old_id);
select is((select first_name from public.profiles where id = tests.get_supabase_uid('gotrue_style')), 'Go',
  'changing the auth user id carries the profile along (on update cascade)');
select is((select count(*)::int from public.profiles where id = (select id from old_id)), 0, 'nothing is left under the old id');
delete from auth.users where id = tests.get_supabase_uid('gotrue_style');
select is((select count(*)::int from public.profiles where first_name = 'Go'), 0,
  'deleting the auth user deletes the profile (on delete cascade)');

select isnt(obj_description('public.profiles'::regclass), null, 'profiles has a comment for Studio');
select is((select count(*)::int from pg_attribute a where a.attrelid = 'public.profiles'::regclass and a.attnum > 0
  and not a.attisdropped and col_description(a.attrelid, a.attnum) is null), 0, 'every profiles column has a comment for Studio');

select * from finish();
rollback;
