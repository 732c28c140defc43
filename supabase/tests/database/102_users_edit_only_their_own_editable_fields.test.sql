-- Profiles: the owner reads and edits their own details (names, phone, birthday, account type,
-- avatar); role and invitation_id are for admins; other users see and change nothing; anon has
-- no privileges at all.
begin;
select plan(27);

select tests.create_supabase_user('owner', null, '{"first_name": "Olive", "phone": "+821011112222"}');
select tests.create_supabase_user('other', null, '{"first_name": "Otto"}');
select tests.create_supabase_user('boss');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('boss');
insert into public.invitations (code) values ('OWNER-TEST-CODE');

-- ===== anon =====
select tests.authenticate_as_anon();
select throws_ok($$ select * from public.profiles $$, '42501', 'permission denied for table profiles',
  'anon cannot read profiles');
select throws_ok($$ update public.profiles set first_name = 'Hacked' $$, '42501', 'permission denied for table profiles',
  'anon cannot update profiles');

-- ===== the owner =====
select tests.authenticate_as('owner');
select results_eq($$ select id from public.profiles $$, array[tests.get_supabase_uid('owner')],
  'the owner reads exactly their own profile');
select results_eq(
  $$ update public.profiles
        set first_name = 'Olivia', last_name = 'Stone', display_name = 'Liv', phone = '+821099998888',
            birthday = '1991-03-04', account_type = 'business', avatar_url = 'https://img.example/liv.png'
      where id = (select auth.uid())
  returning first_name, last_name, display_name, phone, birthday, account_type, avatar_url $$,
  $$ values ('Olivia', 'Stone', 'Liv', '+821099998888', date '1991-03-04', 'business', 'https://img.example/liv.png') $$,
  'the owner updates every editable field of their profile');
select throws_ok($$ update public.profiles set role = 'admin' where id = (select auth.uid()) $$,
  '42501', 'Only an admin can change a profile''s role or invitation.', 'the owner cannot make themselves admin');
select throws_ok(
  $$ update public.profiles set invitation_id = (select extensions.gen_random_uuid()) where id = (select auth.uid()) $$,
  '42501', 'Only an admin can change a profile''s role or invitation.', 'the owner cannot change their invitation');
select throws_ok($$ update public.profiles set id = extensions.gen_random_uuid() where id = (select auth.uid()) $$,
  '42501', 'permission denied for table profiles', 'the owner cannot change the id (no column privilege)');
select throws_ok($$ update public.profiles set created_at = now() - interval '1 year' where id = (select auth.uid()) $$,
  '42501', 'permission denied for table profiles', 'the owner cannot rewrite created_at');
select throws_ok($$ update public.profiles set phone = '010-1234-5678' where id = (select auth.uid()) $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_phone_check"',
  'a phone that is not E.164 is refused by the CHECK');
select throws_ok($$ update public.profiles set first_name = ' padded ' where id = (select auth.uid()) $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_first_name_check"',
  'an untrimmed name is refused by the CHECK');
select throws_ok($$ update public.profiles set birthday = current_date + 1 where id = (select auth.uid()) $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_birthday_check"',
  'a birthday in the future is refused by the CHECK');
select throws_ok($$ update public.profiles set avatar_url = 'javascript:alert(1)' where id = (select auth.uid()) $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_avatar_url_check"',
  'a non-http avatar URL is refused by the CHECK');
select throws_ok($$ update public.profiles set account_type = 'enterprise' where id = (select auth.uid()) $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_account_type_check"',
  'an unknown account type is refused by the CHECK');

-- ===== another user =====
select tests.authenticate_as('other');
select is_empty(format('select 1 from public.profiles where id = %L', tests.get_supabase_uid('owner')),
  'another user cannot see the owner''s profile');
select is_empty(format('update public.profiles set first_name = %L where id = %L returning 1', 'Hacked', tests.get_supabase_uid('owner')),
  'another user''s update of the owner''s profile touches 0 rows');
select is_empty(format('update public.profiles set role = %L where id = %L returning 1', 'consumer', tests.get_supabase_uid('boss')),
  'another user cannot demote an admin (0 rows)');
select tests.clear_authentication();
select is((select first_name from public.profiles where id = tests.get_supabase_uid('owner')), 'Olivia',
  'the owner''s profile is unchanged by the other user');

-- ===== an admin =====
select tests.authenticate_as('boss');
select is((select count(*)::int from public.profiles where id in
  (tests.get_supabase_uid('owner'), tests.get_supabase_uid('other'), tests.get_supabase_uid('boss'))), 3,
  'an admin reads every profile');
select results_eq(
  format('update public.profiles set phone = %L where id = %L returning phone', '+821055556666', tests.get_supabase_uid('owner')),
  $$ values ('+821055556666') $$,
  'an admin updates another user''s details (support: change a phone)');
select results_eq(
  format('update public.profiles set role = %L where id = %L returning role', 'admin', tests.get_supabase_uid('other')),
  $$ values ('admin') $$,
  'an admin promotes another user');
select results_eq(
  format('update public.profiles set invitation_id = (select id from public.invitations where code = %L) where id = %L returning invitation_id is not null',
    'OWNER-TEST-CODE', tests.get_supabase_uid('owner')),
  $$ values (true) $$,
  'an admin sets another user''s invitation');
select throws_ok($$ delete from public.profiles $$, '42501', 'permission denied for table profiles',
  'not even an admin deletes profile rows directly (delete the account instead)');

-- ===== service role and Studio =====
select tests.authenticate_as_service_role();
select results_eq(
  format('update public.profiles set role = %L where id = %L returning role', 'consumer', tests.get_supabase_uid('other')),
  $$ values ('consumer') $$, 'the service role may change a role (scripts)');
select tests.clear_authentication();
select lives_ok(format('update public.profiles set role = %L where id = %L', 'admin', tests.get_supabase_uid('owner')),
  'Studio (postgres) may change a role');
select throws_ok(format('update public.profiles set phone = %L where id = %L', 'not a phone', tests.get_supabase_uid('owner')),
  '23514', 'new row for relation "profiles" violates check constraint "profiles_phone_check"',
  'Studio edits still meet the CHECKs');

-- updated_at follows changes
select tests.clear_authentication();
update public.profiles set updated_at = now() - interval '1 day' where id = tests.get_supabase_uid('other');
update public.profiles set last_name = 'Later' where id = tests.get_supabase_uid('other');
select is((select updated_at from public.profiles where id = tests.get_supabase_uid('other')), now(),
  'updated_at is set by the trigger on every update');
select is((select prosecdef from pg_proc where oid = 'private.guard_profile_privileged_columns()'::regprocedure), false,
  'the guard is security invoker (it reads the caller''s role)');

select * from finish();
rollback;
