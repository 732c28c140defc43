-- A guest who adds an email and password keeps their auth user: Auth UPDATEs it
-- (is_anonymous → false), it does not insert one. In invite_only mode that conversion needs an
-- invite code in the guest's metadata, consumed in the same transaction, exactly like a
-- signup: refused without one or with an unusable one (nothing changes, nothing is burnt); a
-- single-use code admits exactly one guest. In open mode a valid code is consumed and linked.
-- The updates below are the ones Auth makes (metadata first, then the email and the flag).
begin;
select plan(18);

insert into public.invitations (code, max_uses) values ('GUEST-ONCE', 1);
insert into public.invitations (code, active) values ('GUEST-OFF', false);
insert into public.invitations (code) values ('GUEST-OPEN');

create function pg_temp.convert(guest uuid, metadata jsonb) returns void language sql as $$
  update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}') || metadata where id = guest;
  update auth.users set email = guest || '@guest.test', email_confirmed_at = now(), is_anonymous = false where id = guest;
$$;

select tests.create_anonymous_user('guest-a');
select tests.create_anonymous_user('guest-b');
select tests.create_anonymous_user('guest-c');
select tests.create_anonymous_user('guest-d');
select tests.create_anonymous_user('guest-e');

update public.app_settings set signup_mode = 'invite_only';

select throws_ok(format($$ select pg_temp.convert(%L, '{"first_name": "Ann"}') $$, tests.get_supabase_uid('guest-a')),
  'PT403', 'An invite code is required to sign up right now.', 'invite_only: a guest without a code stays a guest');
select is((select is_anonymous from auth.users where id = tests.get_supabase_uid('guest-a')), true,
  'the refused conversion changed nothing');

select throws_ok(format($$ select pg_temp.convert(%L, '{"invite_code": "guest-off"}') $$, tests.get_supabase_uid('guest-a')),
  'PT403', 'That invite code has been disabled.', 'a disabled code is refused with its reason');
select throws_ok(format($$ select pg_temp.convert(%L, '{"invite_code": "NO-SUCH-CODE"}') $$, tests.get_supabase_uid('guest-a')),
  'PT403', 'That invite code does not exist. Check it and try again.', 'an unknown code is refused with its reason');

select lives_ok(format($$ select pg_temp.convert(%L, '{"invite_code": "guest-once"}') $$, tests.get_supabase_uid('guest-a')),
  'a guest with a usable code becomes an account');
select is((select is_anonymous from auth.users where id = tests.get_supabase_uid('guest-a')), false, 'guest-a is an account now');
select is((select use_count from public.invitations where code = 'GUEST-ONCE'), 1, 'the code was consumed once');
select is((select i.code from public.profiles p join public.invitations i on i.id = p.invitation_id
            where p.id = tests.get_supabase_uid('guest-a')), 'GUEST-ONCE', 'and linked to the profile');

select throws_ok(format($$ select pg_temp.convert(%L, '{"invite_code": "guest-once"}') $$, tests.get_supabase_uid('guest-b')),
  'PT403', 'That invite code has already been used.', 'a single-use code admits one guest only');
select is((select use_count from public.invitations where code = 'GUEST-ONCE'), 1, 'the refused guest burnt nothing');

-- A guest who redeemed a code earlier (invitation already on the profile) needs no second one.
update public.profiles set invitation_id = (select id from public.invitations where code = 'GUEST-OPEN')
 where id = tests.get_supabase_uid('guest-c');
select lives_ok(format($$ select pg_temp.convert(%L, '{}') $$, tests.get_supabase_uid('guest-c')),
  'a guest whose profile already has an invitation converts without a code');

-- Operators may exempt a user (app_metadata, which users cannot write).
update auth.users set raw_app_meta_data = raw_app_meta_data || '{"invite_exempt": true}' where id = tests.get_supabase_uid('guest-d');
select lives_ok(format($$ select pg_temp.convert(%L, '{}') $$, tests.get_supabase_uid('guest-d')),
  'an exempted guest converts without a code');

-- Updates that are not a conversion are not affected.
select lives_ok(format($$ update auth.users set raw_user_meta_data = '{"x": 1}' where id = %L $$, tests.get_supabase_uid('guest-b')),
  'a guest''s other updates pass in invite_only mode');

update public.app_settings set signup_mode = 'open';
select lives_ok(format($$ select pg_temp.convert(%L, '{}') $$, tests.get_supabase_uid('guest-b')),
  'open mode: a guest converts without a code');
select lives_ok(format($$ select pg_temp.convert(%L, '{"invite_code": "guest-open"}') $$, tests.get_supabase_uid('guest-e')),
  'open mode: a guest converts with a code');
select is((select use_count from public.invitations where code = 'GUEST-OPEN'), 1, 'open mode: the given code is consumed and linked');

-- The database fills the new account's profile from the form's metadata, in the same
-- transaction (no app-side copy), and that is not a support edit.
select tests.create_anonymous_user('guest-f');
select pg_temp.convert(tests.get_supabase_uid('guest-f'), '{"first_name": "Gina", "last_name": "Guest", "phone": "+66 81 234 5678", "account_type": "business"}');
select is((select (first_name, last_name, display_name, phone, account_type)::text from public.profiles where id = tests.get_supabase_uid('guest-f')),
  '(Gina,Guest,"Gina Guest",+66812345678,business)', 'the conversion fills the profile from the signup metadata');
select is((select count(*)::int from public.audit_log where target_id = tests.get_supabase_uid('guest-f')::text), 0,
  'and writes no support-edit audit row');

select * from finish();
rollback;
