-- profiles.locale is the language a member chose (mails are written in it); null until they
-- choose. The signup trigger copies metadata.locale when it names one of the store's languages
-- (case-insensitively: zh-tw is zh-TW; otherwise exactly) and ignores anything else without raising, so no
-- metadata blocks a signup; a guest who becomes an account brings the language the signup form
-- sent. The owner changes their own language, nobody else's; it is an ordinary setting, not
-- personal data: admins' changes are audited with it, and erasure keeps it.
begin;
select plan(26);

-- Signup copies a language it knows ----------------------------------------------------------
select tests.create_supabase_user('lang_' || v.id, null, jsonb_build_object('locale', v.value))
from (values ('th', 'th'), ('ko', 'ko'), ('zh', 'zh-TW'), ('zh_lower', 'zh-tw'), ('en_upper', 'EN')) as v(id, value);
select results_eq(
  $$ select v.id, p.locale::text
       from (values ('th'), ('ko'), ('zh'), ('zh_lower'), ('en_upper')) as v(id)
       join public.profiles p on p.id = tests.get_supabase_uid('lang_' || v.id)
      order by v.id $$,
  $$ values ('en_upper', 'en'), ('ko', 'ko'), ('th', 'th'), ('zh', 'zh-TW'), ('zh_lower', 'zh-TW') $$,
  'signup copies th, ko, zh-TW and en, whatever their case');
select tests.create_supabase_user('lang_none', null, '{"first_name": "Nina"}');
select is((select locale from public.profiles where id = tests.get_supabase_uid('lang_none')), null,
  'no locale in the metadata: null (not chosen), not English');

-- ... and ignores anything else, without raising ------------------------------------------------
select lives_ok($$ select tests.create_supabase_user('bad_lang_' || ordinality, null, jsonb_build_object('locale', v))
  from unnest(array['fr', 'zh', 'zh-CN', 'zh-Hant-TW', 'en-US', 'th-TH', 'ko_KR', '', '   ', ' ko ', 'th; drop table public.profiles; --',
                    't' || chr(7) || 'h', 'k' || chr(8238) || 'o', 'z' || chr(8203) || 'h-TW', repeat('th', 5000), 'ไทย', '한국어']) with ordinality as v $$,
  'unknown, regional, blank, padded, hostile, control- and format-character, huge and native-script values sign up fine');
select is((select count(*)::int from public.profiles p join auth.users u on u.id = p.id
            where u.raw_app_meta_data ->> 'test_identifier' like 'bad_lang_%' and p.locale is null), 17,
  'each of them leaves the language null');
select lives_ok($$ select tests.create_supabase_user('bad_lang_type_' || ordinality, null, jsonb_build_object('locale', v))
  from unnest(array['42'::jsonb, 'true', 'null', '["th"]', '{"code": "th"}', '{"th": true}']) with ordinality as v $$,
  'a number, boolean, null, array or object as locale signs up fine');
select is((select count(*)::int from public.profiles p join auth.users u on u.id = p.id
            where u.raw_app_meta_data ->> 'test_identifier' like 'bad_lang_type_%' and p.locale is null), 6,
  'values of the wrong type leave the language null');
select lives_ok($$ select tests.create_supabase_user('meta_not_object_lang', null, '["locale", "th"]') $$,
  'metadata that is no object signs up fine');
select is((select locale from public.profiles where id = tests.get_supabase_uid('meta_not_object_lang')), null,
  'and leaves the language null');
select is((select private.to_locale(v) is null from unnest(array[null, '', 'xx']) v limit 1), true, 'to_locale: null for nothing it knows');
select is((select array_agg(private.to_locale(v)::text) from unnest(array['TH', 'Ko', 'zH-tW', 'en']) v), array['th', 'ko', 'zh-TW', 'en'],
  'to_locale: case-insensitive, spelled as the type spells it');

-- A guest becoming an account brings the form's language ----------------------------------------
select tests.create_anonymous_user('lang_guest');
select is((select locale from public.profiles where id = tests.get_supabase_uid('lang_guest')), null, 'a new guest has no language yet');
update auth.users set raw_user_meta_data = '{"first_name": "Gus", "locale": "zh-tw"}' where id = tests.get_supabase_uid('lang_guest');
update auth.users set email = 'lang.guest@test.local', email_confirmed_at = now(), is_anonymous = false
 where id = tests.get_supabase_uid('lang_guest');
select is((select locale::text from public.profiles where id = tests.get_supabase_uid('lang_guest')), 'zh-TW',
  'the guest''s new account has the language its signup form sent');
select tests.create_anonymous_user('lang_guest_keeps');
update public.profiles set locale = 'ko' where id = tests.get_supabase_uid('lang_guest_keeps');
update auth.users set raw_user_meta_data = '{"locale": "klingon"}', email = 'keeps@test.local', is_anonymous = false
 where id = tests.get_supabase_uid('lang_guest_keeps');
select is((select locale::text from public.profiles where id = tests.get_supabase_uid('lang_guest_keeps')), 'ko',
  'a guest who chose a language keeps it when the form sends none it knows');

-- The owner changes their own language --------------------------------------------------------
select tests.create_supabase_user('lang_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('lang_admin');

select tests.authenticate_as('lang_th');
select results_eq($$ update public.profiles set locale = 'ko' where id = (select auth.uid()) returning locale::text $$,
  $$ values ('ko') $$, 'the owner changes their language');
select results_eq($$ update public.profiles set locale = null where id = (select auth.uid()) returning locale $$,
  $$ values (null::public.locale) $$, 'the owner can go back to "not chosen"');
select throws_ok($$ update public.profiles set locale = 'fr' where id = (select auth.uid()) $$,
  '22P02', 'invalid input value for enum locale: "fr"', 'a language outside the four is refused');
select results_eq($$ select locale::text from public.profiles where id = (select auth.uid()) $$, $$ values (null::text) $$,
  'the owner reads their language');
select is_empty(format('update public.profiles set locale = %L where id = %L returning 1', 'th', tests.get_supabase_uid('lang_ko')),
  'another user''s language cannot be changed (0 rows)');
select tests.clear_authentication();
select is((select locale::text from public.profiles where id = tests.get_supabase_uid('lang_ko')), 'ko', 'the other user''s language is unchanged');
select is((select count(*)::int from public.audit_log where target_id = tests.get_supabase_uid('lang_th')::text), 0,
  'the owner''s own changes are not audited (like their other details)');

select tests.authenticate_as_anon();
select throws_ok($$ update public.profiles set locale = 'th' $$, '42501', 'permission denied for table profiles',
  'a visitor changes no one''s language');

-- Admins, the audit log and erasure ------------------------------------------------------------
create temporary table erased on commit drop as select tests.get_supabase_uid('lang_ko')::text as id;
grant select on erased to public;
select tests.authenticate_as('lang_admin');
update public.profiles set locale = 'th', phone = '+66812345678' where id = tests.get_supabase_uid('lang_ko');
select tests.clear_authentication();
select is((select (old_values ->> 'locale') || ' → ' || (new_values ->> 'locale') from public.audit_log
            where action = 'profile.updated' and target_id = (select id from erased)),
  'ko → th', 'an admin''s change of someone''s language is audited like their other details');
select tests.authenticate_as('lang_admin');
select public.delete_account(tests.get_supabase_uid('lang_ko'), 'Asked to be forgotten');
select tests.clear_authentication();
select results_eq(
  $$ select old_values ->> 'locale', new_values ->> 'locale', new_values ->> 'phone' from public.audit_log
      where action = 'profile.updated' and target_id = (select id from erased) $$,
  $$ values ('ko', 'th', '[erased]') $$,
  'erasure keeps the language (not personal data) and erases the phone');

-- What the member downloads includes it ---------------------------------------------------------
select tests.authenticate_as('lang_zh');
select is((select public.export_my_data() -> 'profile' ->> 'locale'), 'zh-TW', 'export_my_data includes the language');
select tests.clear_authentication();

-- Shape ------------------------------------------------------------------------------------------
select col_type_is('public', 'profiles', 'locale', 'locale', 'profiles.locale is a public.locale');
select col_is_null('public', 'profiles', 'locale', 'profiles.locale is nullable (null: not chosen)');

select * from finish();
rollback;
