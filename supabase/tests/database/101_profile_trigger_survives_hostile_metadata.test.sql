-- The signup trigger is total: no user metadata can make it raise and so block a signup. What
-- it cannot validate it drops; what is too long it cuts; it never copies a role.
begin;
select plan(26);

-- Metadata that is not an object at all
select lives_ok($$ select tests.create_supabase_user('meta_null', null, null) $$, 'null metadata');
select lives_ok($$ select tests.create_supabase_user('meta_json_null', null, 'null'::jsonb) $$, 'JSON null metadata');
select lives_ok($$ select tests.create_supabase_user('meta_array', null, '[1, "two", {"first_name": "x"}]') $$, 'an array as metadata');
select lives_ok($$ select tests.create_supabase_user('meta_string', null, '"just a string"') $$, 'a string as metadata');
select lives_ok($$ select tests.create_supabase_user('meta_number', null, '42') $$, 'a number as metadata');

-- Wrong types where strings belong
select lives_ok($$ select tests.create_supabase_user('wrong_types', null, jsonb_build_object(
  'first_name', 123, 'last_name', jsonb_build_array('a', 'b'), 'display_name', jsonb_build_object('x', 1),
  'full_name', true, 'phone', 821012345678, 'birthday', 19900101, 'account_type', null, 'avatar_url', 7)) $$,
  'numbers, arrays, objects, booleans and nulls where strings belong');
select results_eq(
  $$ select first_name, last_name, display_name, phone, birthday, account_type, avatar_url
       from public.profiles where id = tests.get_supabase_uid('wrong_types') $$,
  $$ values (null::text, null::text, null::text, null::text, null::date, 'personal', null::text) $$,
  'values of the wrong type are dropped, defaults apply');

-- Sizes
select lives_ok($$ select tests.create_supabase_user('huge', null, jsonb_build_object(
  'first_name', repeat('A', 10240), 'last_name', repeat('가', 10240), 'display_name', repeat('x ', 5120),
  'phone', '+8210' || repeat('1', 10240), 'avatar_url', 'https://e.example/' || repeat('a', 10240),
  'birthday', repeat('1', 10240), 'account_type', repeat('business', 1280))) $$, '10 KB strings in every field');
select results_eq(
  $$ select char_length(first_name), char_length(last_name), char_length(display_name), phone, avatar_url, birthday, account_type
       from public.profiles where id = tests.get_supabase_uid('huge') $$,
  $$ values (80, 80, 79, null::text, null::text, null::date, 'personal') $$,
  'names are cut to 80 characters (and trimmed), the rest dropped');

-- Blank and whitespace-only values, control characters
select lives_ok($$ select tests.create_supabase_user('blanks', null, jsonb_build_object(
  'first_name', '', 'last_name', E'   \t\n  ', 'display_name', E'Ann\u0001\u0007  Lee\t', 'phone', '   ')) $$,
  'empty, whitespace-only and control-character strings');
select results_eq(
  $$ select first_name, last_name, display_name, phone from public.profiles where id = tests.get_supabase_uid('blanks') $$,
  $$ values (null::text, null::text, 'Ann Lee', null::text) $$,
  'blank names become null; control characters become single spaces');

-- Unicode and SQL metacharacters are data, kept as typed
select lives_ok($$ select tests.create_supabase_user('unicode', null, jsonb_build_object(
  'first_name', '김철수', 'last_name', 'Ñúñez 🎧', 'display_name', 'Robert''); drop table public.profiles; --',
  'avatar_url', 'https://example.com/a.png?x=1&y=%27')) $$, 'unicode, emoji and SQL metacharacters');
select results_eq(
  $$ select first_name, last_name, display_name, avatar_url from public.profiles where id = tests.get_supabase_uid('unicode') $$,
  $$ values ('김철수', 'Ñúñez 🎧', 'Robert''); drop table public.profiles; --', 'https://example.com/a.png?x=1&y=%27') $$,
  'unicode and metacharacters are stored verbatim');
select has_table('public', 'profiles', 'profiles survived the injection attempt');

-- Dates
select lives_ok($$ select tests.create_supabase_user('bad_date_' || d, null, jsonb_build_object('birthday', d))
  from unnest(array['2023-02-29', '1990-13-01', '1990-00-10', '1990-01-32', '1899-12-31', '2999-01-01',
                    '0000-00-00', '1990/01/01', '01-01-1990', 'yesterday', 'infinity', '9999999-01-01', '']) d $$,
  'impossible, out-of-range and malformed birthdays');
select is((select count(*)::int from public.profiles p join auth.users u on u.id = p.id
  where u.raw_app_meta_data ->> 'test_identifier' like 'bad_date_%' and p.birthday is not null), 0,
  'none of them is stored');
select tests.create_supabase_user('leap_day', null, '{"birthday": " 2024-02-29 "}');
select is((select birthday from public.profiles where id = tests.get_supabase_uid('leap_day')), date '2024-02-29',
  'a real leap day is kept');

-- Phones, avatars, account types
select tests.create_supabase_user('bad_phone_' || n, null, jsonb_build_object('phone', v))
  from unnest(array['01012345678', '+0 123 456 789', '+12', '+1 (555) 123-4567 ext 9', 'call me', '+１２３４５６７８'])
  with ordinality as t(v, n);
select is((select count(*)::int from public.profiles p join auth.users u on u.id = p.id
  where u.raw_app_meta_data ->> 'test_identifier' like 'bad_phone_%' and p.phone is not null), 0,
  'phones that are not E.164 are dropped');
select tests.create_supabase_user('bad_avatar_' || n, null, jsonb_build_object('avatar_url', v))
  from unnest(array['javascript:alert(1)', 'ftp://example.com/a.png', 'https://exa mple.com/a.png', '//example.com/a.png', 'data:image/png;base64,AAAA'])
  with ordinality as t(v, n);
select is((select count(*)::int from public.profiles p join auth.users u on u.id = p.id
  where u.raw_app_meta_data ->> 'test_identifier' like 'bad_avatar_%' and p.avatar_url is not null), 0,
  'avatar URLs that are not plain http(s) are dropped');
select tests.create_supabase_user('loud_business', null, '{"account_type": "  BUSINESS "}');
select tests.create_supabase_user('odd_type', null, '{"account_type": "enterprise"}');
select results_eq(
  $$ select account_type from public.profiles where id in (tests.get_supabase_uid('loud_business'), tests.get_supabase_uid('odd_type'))
     order by account_type $$,
  $$ values ('business'), ('personal') $$,
  'account_type is matched case-insensitively; unknown values fall back to personal');

-- Trying to become an admin through metadata
select tests.create_supabase_user('wannabe', null, '{"role": "admin", "user_role": "admin", "is_admin": true, "invitation_id": "00000000-0000-0000-0000-000000000000"}');
select results_eq(
  $$ select role, invitation_id from public.profiles where id = tests.get_supabase_uid('wannabe') $$,
  $$ values ('consumer', null::uuid) $$,
  'a role or invitation_id in metadata is ignored');

-- Invite codes that are junk, in open mode, do not block a signup
select lives_ok($$ select tests.create_supabase_user('junk_code_' || n, null, jsonb_build_object('invite_code', v))
  from unnest(array['{"a":1}'::jsonb, '[1]', '123', 'true', to_jsonb(repeat('Z', 10240)), '"no-such-code"', '"  "', '"'' or 1=1 --"'])
  with ordinality as t(v, n) $$,
  'junk invite codes do not block a signup in open mode');
select is((select count(*)::int from public.profiles p join auth.users u on u.id = p.id
  where u.raw_app_meta_data ->> 'test_identifier' like 'junk_code_%' and p.invitation_id is null), 8,
  'and link no invitation');

-- Random combinations of all of the above
create temp table hostile_values on commit drop as
select v from unnest(array[
  'null'::jsonb, '""', '"   "', '0', '-1', '1e308', 'true', '[]', '{}', '[null]', '{"nested": {"deeper": [1, 2]}}',
  to_jsonb(repeat('é', 10240)), to_jsonb(repeat('🎧', 3000)), '"1990-02-30"', '"2000-01-01"', '"+821012345678"',
  '"https://x.example/p.png"', '"personal"', '"business"', '"admin"', to_jsonb(E'line\nbreak\ttab'::text),
  '"<script>alert(1)</script>"', '"\\u0000-looking"', '"%s%n%x"', '"; select pg_sleep(10); --"']) v;
create temp table hostile_keys on commit drop as
select k from unnest(array['first_name', 'last_name', 'display_name', 'displayName', 'full_name', 'name', 'given_name',
  'family_name', 'phone', 'birthday', 'account_type', 'avatar_url', 'picture', 'pictureUrl', 'role', 'invite_code',
  'email', 'sub']) k;
select lives_ok($$
  select tests.create_supabase_user('fuzz_' || i, null, (
    select coalesce(jsonb_object_agg(k, (select v from hostile_values order by random() + i * 0 limit 1)), '{}'::jsonb)
      from hostile_keys where random() < 0.6 + i * 0))
    from generate_series(1, 300) i $$,
  '300 random combinations of hostile values under every key');
select is((select count(*)::int from public.profiles p join auth.users u on u.id = p.id
  where u.raw_app_meta_data ->> 'test_identifier' like 'fuzz_%'), 300, 'each of them got a profile');
select is((select count(*)::int from public.profiles p join auth.users u on u.id = p.id
  where u.raw_app_meta_data ->> 'test_identifier' like 'fuzz_%' and p.role <> 'consumer'), 0, 'none of them is an admin');

select * from finish();
rollback;
