-- Deleting the auth user is how an account is deleted: by its owner (guests included) with
-- rpc('delete_my_account'), by an admin with rpc('delete_account', { user_id, reason }), or in
-- Studio with admin.delete_account. Personal rows cascade; every deletion is audited.
begin;
select plan(26);

select tests.create_supabase_user('leaver', null, '{"first_name": "Lea", "phone": "+821033334444", "birthday": "1988-08-08"}');
select tests.create_supabase_user('bystander', null, '{"first_name": "Bea"}');
select tests.create_supabase_user('admin_user', 'ops@test.local', '{"first_name": "Ops"}');
select tests.create_supabase_user('victim', 'victim@test.local', '{"first_name": "Vic", "last_name": "Tim"}');
select tests.create_anonymous_user('passing_guest');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('admin_user');
insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
select id::text, id, jsonb_build_object('sub', id::text, 'email', email), 'email', now(), now()
  from auth.users where id = tests.get_supabase_uid('leaver');
create temp table leaver on commit drop as select tests.get_supabase_uid('leaver') as id;
grant select on leaver to authenticated, anon;

-- ===== anon =====
select tests.authenticate_as_anon();
select throws_ok($$ select public.delete_my_account() $$, '42501', 'permission denied for function delete_my_account',
  'anon cannot call delete_my_account');
select throws_ok(format('select public.delete_account(%L, %L)', tests.get_supabase_uid('victim'), 'spite'), '42501',
  'permission denied for function delete_account', 'anon cannot call delete_account');

-- ===== a signed-in user without a subject (defence in depth) =====
select tests.authenticate_as_service_role();
select throws_ok($$ select public.delete_my_account() $$, '42501', 'permission denied for function delete_my_account',
  'the service role has no account to delete');
select set_config('role', 'authenticated', true);
select set_config('request.jwt.claims', '{"role": "authenticated"}', true);
select throws_ok($$ select public.delete_my_account() $$, 'PT401', 'You need to be signed in to delete your account.',
  'a token without a subject deletes nothing');

-- ===== the owner =====
select tests.authenticate_as('leaver');
select lives_ok($$ select public.delete_my_account() $$, 'the owner deletes their account');
select tests.clear_authentication();
select is((select count(*)::int from auth.users where id = (select id from leaver)), 0, 'the auth user is gone');
select is((select count(*)::int from public.profiles where id = (select id from leaver)), 0, 'the profile cascaded');
select is((select count(*)::int from auth.identities where user_id = (select id from leaver)), 0, 'the identities cascaded');
select results_eq(
  $$ select actor_id, action, target_id from public.audit_log where action = 'account.deleted_by_owner' $$,
  $$ select id, 'account.deleted_by_owner', id::text from leaver $$,
  'the self-deletion is audited with the owner as actor');
select isnt((select id from public.profiles where id = tests.get_supabase_uid('bystander')), null, 'other accounts are untouched');

-- ===== a guest =====
select tests.authenticate_as('passing_guest');
select lives_ok($$ select public.delete_my_account() $$, 'a guest deletes their guest account');
select tests.clear_authentication();
select is(tests.get_supabase_uid('passing_guest'), null, 'the guest user is gone');

-- ===== another (non-admin) user =====
select tests.authenticate_as('bystander');
select throws_ok(format('select public.delete_account(%L, %L)', tests.get_supabase_uid('victim'), 'because'), 'PT403',
  'Only an admin can delete another account.', 'a consumer cannot delete someone else''s account');
select tests.clear_authentication();
select isnt(tests.get_supabase_uid('victim'), null, 'the victim still exists');

-- ===== an admin =====
select tests.authenticate_as('admin_user');
select throws_ok(format('select public.delete_account(%L, %L)', tests.get_supabase_uid('victim'), '  '), 'PT422',
  'A reason is required (1-1000 characters).', 'an admin must give a reason');
select throws_ok(format('select public.delete_account(%L, %L)', extensions.gen_random_uuid(), 'cleanup'), 'PT404',
  'No account has that id.', 'an unknown id is reported');
select lives_ok(format('select public.delete_account(%L, %L)', tests.get_supabase_uid('victim'), 'Duplicate account (support #12)'),
  'an admin deletes an account with a reason');
select results_eq(
  $$ select action, reason, old_values ->> 'email', old_values ->> 'first_name', actor_role from public.audit_log
      where action = 'account.deleted' $$,
  $$ values ('account.deleted', 'Duplicate account (support #12)', null, null, 'authenticated') $$,
  'the deletion is audited with the reason, keeping facts, not who the person was (see 450)');
select tests.clear_authentication();
select is(tests.get_supabase_uid('victim'), null, 'the account is gone');

-- ===== Studio =====
select is((select user_id from admin.find_accounts('bea')), tests.get_supabase_uid('bystander'), 'Studio finds an account by name');
select is((select count(*)::int from admin.find_accounts('ops@TEST')), 1, 'by part of the email, any case');
select tests.create_supabase_user('phoned', null, '{"phone": "+821077778888", "birthday": "1979-12-31"}');
select is((select user_id from admin.find_accounts('010-7777-8888')), tests.get_supabase_uid('phoned'), 'a local number with its trunk 0 matches too (issue #15: national or international form)');
select is((select user_id from admin.find_accounts('7777-8888')), tests.get_supabase_uid('phoned'), 'by phone digits');
select is((select user_id from admin.find_accounts('1979-12-31')), tests.get_supabase_uid('phoned'), 'by birthday');
select lives_ok(format('select admin.delete_account(%L, %L)', tests.get_supabase_uid('bystander'), 'Asked by phone'),
  'Studio deletes an account');
select is((select actor_role from public.audit_log where action = 'account.deleted' and reason = 'Asked by phone'), 'postgres',
  'audited with the Studio role');

select * from finish();
rollback;
