-- Invite codes: case-insensitive, can expire, be disabled and have a use limit. check_invitation
-- tells the form why a code is not usable without revealing others; the Auth hook refuses with a
-- readable message; the signup trigger consumes the code in the same transaction as the user.
begin;
select plan(47);

select tests.create_supabase_user('inviter');
select tests.create_supabase_user('plain');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('inviter');

insert into public.invitations (code, max_uses) values ('Party-2026', 2);
insert into public.invitations (code, active) values ('OLD-CODE', false);
insert into public.invitations (code, expires_at) values ('LATE-CODE', now() - interval '1 minute');
insert into public.invitations (code, max_uses, use_count) values ('SPENT-CODE', 1, 1);
insert into public.invitations (code, max_uses) values ('ONCE-ONLY', 1);

-- ===== check_invitation =====
select tests.authenticate_as_anon();
select is(public.check_invitation('party-2026'), row(true, null)::public.invitation_check, 'a usable code, any case, is valid');
select is(public.check_invitation('  PARTY-2026  '), row(true, null)::public.invitation_check, 'surrounding spaces are ignored');
select is(public.check_invitation('NOPE-NOPE'), row(false, 'not_found')::public.invitation_check, 'an unknown code: not_found');
select is(public.check_invitation('old-code'), row(false, 'inactive')::public.invitation_check, 'a disabled code: inactive');
select is(public.check_invitation('late-code'), row(false, 'expired')::public.invitation_check, 'an expired code: expired');
select is(public.check_invitation('spent-code'), row(false, 'used_up')::public.invitation_check, 'a used-up code: used_up');
select is(public.check_invitation(null), row(false, 'not_found')::public.invitation_check, 'null: not_found');
select is(public.check_invitation(repeat('x', 10000)), row(false, 'not_found')::public.invitation_check, 'a 10 KB code: not_found');
select is(public.check_invitation('%'), row(false, 'not_found')::public.invitation_check, 'LIKE wildcards match nothing');
select is(public.check_invitation('party-2026'), row(true, null)::public.invitation_check, 'checking does not consume the code');

-- ===== the invitations table: admins only =====
select throws_ok($$ select * from public.invitations $$, '42501', 'permission denied for table invitations',
  'anon cannot read invitations');
select tests.authenticate_as('plain');
select is_empty($$ select * from public.invitations $$, 'a consumer sees no invitations');
select throws_ok($$ insert into public.invitations (code) values ('MY-OWN-CODE') $$, '42501',
  'new row violates row-level security policy for table "invitations"', 'a consumer cannot create a code');
select is_empty($$ update public.invitations set active = true returning 1 $$, 'a consumer''s update touches 0 rows');
select is_empty($$ delete from public.invitations returning 1 $$, 'a consumer''s delete touches 0 rows');
select tests.authenticate_as('inviter');
select is((select count(*)::int from public.invitations), 5, 'an admin reads every code');
select lives_ok($$ insert into public.invitations (code, note) values ('ADMIN-MADE', 'for the press') $$, 'an admin creates a code');
select is((select created_by from public.invitations where code = 'ADMIN-MADE'), tests.get_supabase_uid('inviter'),
  'created_by is the admin');
select throws_ok($$ insert into public.invitations (code, use_count) values ('FORGED-COUNT', 5) $$, '42501',
  'permission denied for table invitations', 'an admin cannot set use_count through the API');
select results_eq($$ update public.invitations set active = false where code = 'ADMIN-MADE' returning active $$,
  $$ values (false) $$, 'an admin disables a code');
select throws_ok($$ insert into public.invitations (code) values ('admin-made') $$, '23505',
  'duplicate key value violates unique constraint "invitations_code_lower_key"', 'codes are unique regardless of case');
select throws_ok($$ insert into public.invitations (code) values ('has space') $$, '23514',
  'new row for relation "invitations" violates check constraint "invitations_code_check"', 'codes are letters, digits, _ and -');
select tests.clear_authentication();

-- ===== open mode: a code is optional; a valid one is consumed and linked =====
select tests.create_supabase_user('open_with_code', null, '{"invite_code": " party-2026 "}');
select is((select i.code from public.profiles p join public.invitations i on i.id = p.invitation_id
  where p.id = tests.get_supabase_uid('open_with_code')), 'Party-2026', 'a signup with a valid code is linked to it');
select is((select use_count from public.invitations where code = 'Party-2026'), 1, 'and uses it once');
select lives_ok($$ select tests.create_supabase_user('open_without_code') $$, 'open mode: no code needed');
select lives_ok($$ select tests.create_supabase_user('open_bad_code', null, '{"invite_code": "old-code"}') $$,
  'open mode: an unusable code does not block the signup (the hook reports it instead)');
select is((select invitation_id from public.profiles where id = tests.get_supabase_uid('open_bad_code')), null,
  'and nothing is linked');

-- ===== invite_only mode =====
update public.app_settings set signup_mode = 'invite_only';
select throws_ok($$ select tests.create_supabase_user('no_code') $$, 'PT403',
  'An invite code is required to sign up right now.', 'invite_only: no code, no account');
select throws_ok($$ select tests.create_supabase_user('unknown_code', null, '{"invite_code": "NOPE-NOPE"}') $$, 'PT403',
  'That invite code does not exist. Check it and try again.', 'invite_only: unknown code refused');
select throws_ok($$ select tests.create_supabase_user('inactive_code', null, '{"invite_code": "old-code"}') $$, 'PT403',
  'That invite code has been disabled.', 'invite_only: disabled code refused');
select throws_ok($$ select tests.create_supabase_user('expired_code', null, '{"invite_code": "late-code"}') $$, 'PT403',
  'That invite code has expired.', 'invite_only: expired code refused');
select throws_ok($$ select tests.create_supabase_user('spent_code', null, '{"invite_code": "SPENT-CODE"}') $$, 'PT403',
  'That invite code has already been used.', 'invite_only: used-up code refused');
select throws_ok($$ select tests.create_supabase_user('number_code', null, '{"invite_code": 2026}') $$, 'PT403',
  'An invite code is required to sign up right now.', 'invite_only: a code that is not a string counts as none');
select is((select count(*)::int from auth.users where raw_app_meta_data ->> 'test_identifier' in
  ('no_code', 'unknown_code', 'inactive_code', 'expired_code', 'spent_code', 'number_code')), 0, 'no refused user exists');

select lives_ok($$ select tests.create_supabase_user('only_one', null, '{"invite_code": "once-only"}') $$,
  'invite_only: a valid single-use code admits one account');
select throws_ok($$ select tests.create_supabase_user('only_two', null, '{"invite_code": "ONCE-ONLY"}') $$, 'PT403',
  'That invite code has already been used.', 'and not a second one');
select is((select use_count from public.invitations where code = 'ONCE-ONLY'), 1, 'use_count is exactly 1');

-- A signup that fails after the trigger ran (here: the second row of the insert has a taken email)
-- rolls the consumption back with it.
select throws_ok($$
  insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
  select '00000000-0000-0000-0000-000000000000', extensions.gen_random_uuid(), 'authenticated', '', e, '{}',
         '{"invite_code": "party-2026"}', now(), now()
    from unnest(array['twin@test.local', 'twin@test.local']) e $$,
  '23505', null, 'a signup failing after the code was consumed');
select is((select use_count from public.invitations where code = 'Party-2026'), 1, 'does not burn the code');

select lives_ok($$ select tests.create_anonymous_user('guest_in_invite_mode') $$, 'guests need no code');
select lives_ok($$
  insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
  values ('00000000-0000-0000-0000-000000000000', extensions.gen_random_uuid(), 'authenticated', '', 'staff@test.local',
          '{"provider": "email", "providers": ["email"], "invite_exempt": true}', '{}', now(), now()) $$,
  'an operator-exempted user (app_metadata.invite_exempt) needs no code');

-- ===== the Auth hook =====
select is(private.hook_before_user_created(jsonb_build_object('user', jsonb_build_object(
    'is_anonymous', false, 'app_metadata', '{}'::jsonb, 'user_metadata', '{"invite_code": "party-2026"}'::jsonb))),
  '{}'::jsonb, 'hook: a usable code passes');
select is(private.hook_before_user_created(jsonb_build_object('user', jsonb_build_object(
    'is_anonymous', false, 'user_metadata', '{}'::jsonb))),
  '{"error": {"http_code": 403, "message": "An invite code is required to sign up right now."}}'::jsonb,
  'hook: invite_only without a code is refused with a readable 403');
select is(private.hook_before_user_created(jsonb_build_object('user', jsonb_build_object(
    'is_anonymous', true, 'user_metadata', '{}'::jsonb))), '{}'::jsonb, 'hook: guests pass');
select is(private.hook_before_user_created('"garbage"'::jsonb) -> 'error' ->> 'http_code', '403',
  'hook: a malformed event does not raise (and is refused in invite_only mode)');
update public.app_settings set signup_mode = 'open';
select is(private.hook_before_user_created(jsonb_build_object('user', jsonb_build_object(
    'user_metadata', '{"invite_code": "late-code"}'::jsonb))),
  '{"error": {"http_code": 403, "message": "That invite code has expired."}}'::jsonb,
  'hook: in open mode a given but unusable code is reported');
select ok(has_function_privilege('supabase_auth_admin', 'private.hook_before_user_created(jsonb)', 'execute')
  and not has_function_privilege('anon', 'private.hook_before_user_created(jsonb)', 'execute')
  and not has_function_privilege('authenticated', 'private.hook_before_user_created(jsonb)', 'execute')
  and not has_function_privilege('service_role', 'private.hook_before_user_created(jsonb)', 'execute'),
  'only supabase_auth_admin may execute the hook');

select * from finish();
rollback;
