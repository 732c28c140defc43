-- Metadata over 8 KB is refused on update too (Auth copies it into every token), by whoever
-- writes it; smaller updates and other columns pass. (Auth's own path, updateUser({ data })
-- through the stand-in, is in tests/integration/attacks-tampering-is-refused.test.ts.)
begin;
select plan(4);

select tests.create_supabase_user('meta-user');
select throws_ok(format($$ update auth.users set raw_user_meta_data = jsonb_build_object('blob', repeat('x', 200000)) where id = %L $$,
  tests.get_supabase_uid('meta-user')), 'PT422', 'Your account details are too large (at most 8 KB).',
  '200 KB of metadata is refused');
select lives_ok(format($$ update auth.users set raw_user_meta_data = raw_user_meta_data || '{"nickname": "Mo"}' where id = %L $$,
  tests.get_supabase_uid('meta-user')), 'a small update passes');
select throws_ok(format($$ update auth.users set raw_user_meta_data = jsonb_build_object('blob', repeat('x', 9000)) where id = %L $$,
  tests.get_supabase_uid('meta-user')), 'PT422', 'Your account details are too large (at most 8 KB).', 'Studio neither');
select is((select raw_user_meta_data ->> 'nickname' from auth.users where id = tests.get_supabase_uid('meta-user')), 'Mo',
  'the refused updates changed nothing');

select * from finish();
rollback;
