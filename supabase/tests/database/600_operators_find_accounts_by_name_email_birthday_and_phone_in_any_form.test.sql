-- find_accounts: admins (API) and postgres (Studio) find members by name, email, birthday or
-- phone, where a phone matches in national or international form (Korea and Thailand); paged
-- in a stable order; members and guests are refused.
begin;
select plan(19);

select tests.create_supabase_user('finder-admin', 'finder-admin@test.local');
select tests.create_supabase_user('finder-member');
select tests.create_anonymous_user('finder-guest');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('finder-admin');
select tests.create_supabase_user('seoul', 'minji@test.local', '{"first_name": "Minji", "last_name": "Testpark", "phone": "+821077778888", "birthday": "1990-04-05"}');
select tests.create_supabase_user('bangkok', 'somchai-finder@test.local', '{"first_name": "Somchai", "phone": "+66812345678"}');

select tests.authenticate_as('finder-admin');
select is((select email from public.find_accounts(tests.get_supabase_uid('seoul')::text)), 'minji@test.local', 'an account id finds that account (the admin area''s member page)');
select is((select user_id from public.find_accounts('010-7777-8888')), tests.get_supabase_uid('seoul'), 'Korean national form with dashes');
select is((select user_id from public.find_accounts('01077778888')), tests.get_supabase_uid('seoul'), 'Korean national form, digits only');
select is((select user_id from public.find_accounts('+82 10 7777 8888')), tests.get_supabase_uid('seoul'), 'Korean international form');
select is((select user_id from public.find_accounts('081-234-5678')), tests.get_supabase_uid('bangkok'), 'Thai national form');
select is((select user_id from public.find_accounts('+66 81 234 5678')), tests.get_supabase_uid('bangkok'), 'Thai international form');
select is((select user_id from public.find_accounts('0066812345678')), tests.get_supabase_uid('bangkok'), 'international prefix 00');
select is((select count(*)::int from public.find_accounts('010-1111-2222')), 0, 'another number finds nobody');
select is((select user_id from public.find_accounts('TESTPARK')), tests.get_supabase_uid('seoul'), 'by family name, any case');
select is((select user_id from public.find_accounts('somchai-FINDER@test')), tests.get_supabase_uid('bangkok'), 'by part of the email');
select is((select user_id from public.find_accounts('1990-04-05')), tests.get_supabase_uid('seoul'), 'by birthday');

select is((select array_agg(user_id order by created_at desc, user_id) from public.find_accounts('test.local', 1, 100)),
          (select array_agg(user_id) from public.find_accounts('test.local', 1, 100)), 'newest first, ties by id: a stable order');
select is((select count(*)::int from public.find_accounts('test.local', 2, 2)), 2, 'a page holds page_size accounts');
select ok((select bool_and(total_count = (select count(*) from public.find_accounts('test.local', 1, 100))) from public.find_accounts('test.local', 1, 2)),
  'every page says how many match in all');
select throws_ok($$ select * from public.find_accounts('kim', 0) $$, 'PT422', 'Pages start at 1 and hold 1-100 accounts.', 'page 0 is refused');

select tests.clear_authentication();
select is((select user_id from public.find_accounts('+82 10 7777 8888')), tests.get_supabase_uid('seoul'), 'postgres (Studio) uses the same RPC');
select is((select user_id from admin.find_accounts('01077778888')), tests.get_supabase_uid('seoul'), 'and admin.find_accounts is the same lookup');

select tests.authenticate_as('finder-member');
select throws_ok($$ select * from public.find_accounts('park') $$, 'PT403', 'Only an admin can do that.', 'a member cannot look accounts up');
select tests.authenticate_as('finder-guest');
select throws_ok($$ select * from public.find_accounts('park') $$, 'PT403', 'Only an admin can do that.', 'nor can a guest');

select * from finish();
rollback;
