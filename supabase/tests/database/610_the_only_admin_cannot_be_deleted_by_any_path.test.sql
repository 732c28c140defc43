-- The only admin cannot be deleted, by any path: an admin's rpc('delete_account'), their own
-- delete_my_account, admin.delete_account in Studio, or deleting the auth user or the profile
-- row in the table editor. With a second admin each path works again; members are unaffected.
begin;
select plan(10);

select tests.create_supabase_user('only-admin');
select tests.create_supabase_user('next-admin');
select tests.create_supabase_user('some-member');
-- Make only-admin the one admin (the seed's admins step down inside this test's transaction).
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('only-admin');
update public.profiles set role = 'consumer' where role = 'admin' and id <> tests.get_supabase_uid('only-admin');

select tests.authenticate_as('only-admin');
select throws_ok(format($$ select public.delete_account(%L, 'closing the shop') $$, tests.get_supabase_uid('only-admin')),
  'PT409', 'This is the only admin: make another account admin first.', 'the only admin cannot delete their own account from the admin area');
select throws_ok($$ select public.delete_my_account() $$,
  'PT409', 'This is the only admin: make another account admin first.', 'nor from the account page');
select lives_ok(format($$ select public.delete_account(%L, 'asked to leave') $$, tests.get_supabase_uid('some-member')),
  'the only admin still deletes a member''s account');
select tests.clear_authentication();

-- Studio (postgres): the operator function and both tables.
select throws_ok(format($$ select admin.delete_account(%L, 'cleanup') $$, tests.get_supabase_uid('only-admin')),
  'PT409', 'This is the only admin: make another account admin first.', 'nor with admin.delete_account in Studio');
select throws_ok(format($$ delete from auth.users where id = %L $$, tests.get_supabase_uid('only-admin')),
  'PT409', 'This is the only admin: make another account admin first.', 'nor by deleting the auth user in the table editor');
select throws_ok(format($$ delete from public.profiles where id = %L $$, tests.get_supabase_uid('only-admin')),
  'PT409', 'This is the only admin: make another account admin first.', 'nor by deleting the profile row');
select is((select count(*)::int from public.profiles where id = tests.get_supabase_uid('only-admin') and role = 'admin'), 1,
  'and after every refusal the admin is still there');

-- With a second admin, an admin can go.
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('next-admin');
select tests.authenticate_as('only-admin');
select lives_ok($$ select public.delete_my_account() $$, 'with a second admin, an admin deletes their own account');
select tests.clear_authentication();
select is((select count(*)::int from auth.users where id = tests.get_supabase_uid('only-admin')), 0, 'and it is gone');
select throws_ok(format($$ delete from auth.users where id = %L $$, tests.get_supabase_uid('next-admin')),
  'PT409', 'This is the only admin: make another account admin first.', 'now the second is the only one, and stays');

select * from finish();
rollback;
