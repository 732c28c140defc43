begin;
select plan(6);

select has_table('public', 'app_settings', 'app_settings exists');
select is((select relrowsecurity from pg_class where oid = 'public.app_settings'::regclass), true, 'RLS is on');
select isnt(obj_description('public.app_settings'::regclass), null, 'the table has a comment for Studio');

select tests.create_supabase_user('member');

select tests.authenticate_as_anon();
select is((select signup_mode from public.app_settings), 'open', 'anon reads the settings');
select throws_ok($$ update public.app_settings set signup_mode = 'invite_only' $$, '42501',
  'permission denied for table app_settings', 'anon cannot change settings');

select tests.authenticate_as('member');
select throws_ok($$ update public.app_settings set signup_mode = 'invite_only' $$, '42501',
  'permission denied for table app_settings', 'a signed-in user cannot change settings');

select * from finish();
rollback;
