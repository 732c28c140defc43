-- Deleting an account, by any path, writes one audit row of facts and removes the person
-- (email, phone, names, birthday) from every earlier audit row about the account. A deletion
-- through Auth's admin API (supabase_auth_admin deleting the auth.users row) is audited too.
begin;
select plan(8);

select tests.create_supabase_user('erase-admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('erase-admin');
select tests.create_supabase_user('erase-me', 'erase.me@test.local', '{"first_name": "Erin", "phone": "+66812345678"}');
select tests.create_supabase_user('erase-api', 'erase.api@test.local', '{"first_name": "Api"}');

create temporary table ids on commit drop as
  select tests.get_supabase_uid('erase-me') as me, tests.get_supabase_uid('erase-api') as api;
grant select on ids to public;

-- Support changes the phone (audited with old and new values), then the account is deleted.
select tests.authenticate_as('erase-admin');
update public.profiles set phone = '+66899999999' where id = (select me from ids);
select tests.clear_authentication();
select is((select old_values ->> 'phone' from public.audit_log where action = 'profile.updated' and target_id = (select me::text from ids)),
  '+66812345678', 'before: the audit row holds the old phone number');

select tests.authenticate_as('erase-admin');
select public.delete_account((select me from ids), 'Asked to be forgotten');
select tests.clear_authentication();

select is_empty(
  $$ select 1 from public.audit_log a, ids, jsonb_each(coalesce(a.old_values, '{}') || coalesce(a.new_values, '{}')) e
      where a.target_id = ids.me::text and e.key = any (private.personal_audit_keys()) and e.value <> '"[erased]"' $$,
  'after: no audit row about the account holds a personal value');
select results_eq(
  $$ select action, old_values, new_values, actor_id = tests.get_supabase_uid('erase-admin') from public.audit_log a, ids
      where a.target_id = ids.me::text and action = 'profile.updated' $$,
  $$ values ('profile.updated', '{"phone": "[erased]"}'::jsonb, '{"phone": "[erased]"}'::jsonb, true) $$,
  'the support change is still there: which field, when, by whom (not the numbers)');
select results_eq(
  $$ select action, reason, old_values ->> 'role', old_values ? 'email', actor_id = tests.get_supabase_uid('erase-admin')
       from public.audit_log a, ids where a.target_id = ids.me::text and action like 'account.deleted%' $$,
  $$ values ('account.deleted', 'Asked to be forgotten', 'consumer', false, true) $$,
  'one deletion row: the reason, the admin, the account''s role; not its email');
select is((select count(*)::int from public.profiles p, ids where p.id = ids.me), 0, 'the profile is gone');

-- Auth's admin API deletes the auth.users row itself, as supabase_auth_admin.
set local role supabase_auth_admin;
delete from auth.users where id = (select api from ids);
reset role;
select results_eq(
  $$ select action, old_values ? 'email' from public.audit_log a, ids where a.target_id = ids.api::text $$,
  $$ values ('account.deleted', false) $$,
  'a deletion as Auth''s role is audited (through the real admin API: tests/integration)');

-- The owner deleting themself.
select tests.create_supabase_user('erase-self');
create temporary table self_id on commit drop as select tests.get_supabase_uid('erase-self') as id;
grant select on self_id to public;
select tests.authenticate_as('erase-self');
select public.delete_my_account();
select tests.clear_authentication();
select is((select count(*)::int from public.audit_log a, self_id where a.target_id = self_id.id::text and a.action = 'account.deleted_by_owner'), 1,
  'deleting your own account writes exactly one audit row');
select is((select count(*)::int from public.audit_log a, self_id where a.target_id = self_id.id::text), 1,
  'and no second one from the trigger');

select * from finish();
rollback;
