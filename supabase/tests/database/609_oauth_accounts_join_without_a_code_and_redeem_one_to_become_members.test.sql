-- OAuth accounts (LINE as custom:line, Kakao) in invite-only mode: created without a code, with
-- a profile from the provider's claims, not members; redeem_invitation makes them members,
-- consuming a code with the signup rules, once; enroll refuses before and accepts after.
-- Email signups keep needing a code.
begin;
select plan(44);

-- The auth.users row GoTrue writes for an OAuth sign-in (app_metadata from Auth itself).
create function tests.create_oauth_user(identifier text, provider text, claims jsonb) returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_id uuid := extensions.gen_random_uuid();
begin
  insert into auth.users (
    instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
    confirmation_token, recovery_token, email_change_token_new, email_change
  ) values (
    '00000000-0000-0000-0000-000000000000', new_id, 'authenticated', 'authenticated', identifier || '@oauth.test',
    jsonb_build_object('provider', provider, 'providers', jsonb_build_array(provider), 'test_identifier', identifier),
    claims, now(), now(), '', '', '', ''
  );
  return new_id;
end;
$$;

create function tests.hook_answer(provider text, user_metadata jsonb) returns jsonb
language sql
security definer
set search_path = ''
as $$
  select private.hook_before_user_created(jsonb_build_object(
    'metadata', jsonb_build_object('name', 'before-user-created'),
    'user', jsonb_build_object('email', 'x@oauth.test', 'is_anonymous', false, 'user_metadata', user_metadata,
      'app_metadata', jsonb_build_object('provider', provider, 'providers', jsonb_build_array(provider)))));
$$;

select tests.create_supabase_user('admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('admin');
insert into public.invitations (code, max_uses) values ('ONCE-ONLY', 1), ('TWICE-CODE', 2), ('SECOND-ONE', 1);
insert into public.invitations (code, active) values ('OFF-CODE', false);
insert into public.invitations (code, expires_at) values ('LATE-CODE', now() - interval '1 minute');
select tests.create_supabase_user('member', null, '{"invite_code": "twice-code"}');
select tests.create_anonymous_user('guest');
select tests.create_event('gig', 10);

update public.app_settings set signup_mode = 'invite_only';

-- ===== the Auth hook =====
select is(tests.hook_answer('kakao', '{"name": "Kim"}'), '{}'::jsonb, 'invite_only: the hook lets a new Kakao account through');
select is(tests.hook_answer('custom:line', '{"name": "Somchai"}'), '{}'::jsonb, 'and a new LINE account');
select is(tests.hook_answer('email', '{}') #>> '{error,http_code}', '403', 'an email signup without a code is still refused');
select is(tests.hook_answer('phone', '{}') #>> '{error,http_code}', '403', 'so is a phone signup');
select is(tests.hook_answer('kakao', jsonb_build_object('name', repeat('x', 9000))) #>> '{error,http_code}', '422',
  'the 8 KB cap still holds for OAuth claims');
update public.app_settings set signup_mode = 'open';
select is(tests.hook_answer('kakao', '{}'), '{}'::jsonb, 'open: a new Kakao account passes');
update public.app_settings set signup_mode = 'invite_only';

-- ===== the insert trigger and the profile from the claims =====
select lives_ok($$ select tests.create_oauth_user('kakao_user', 'kakao', jsonb_build_object(
  'iss', 'https://kapi.kakao.com', 'sub', '4242', 'provider_id', '4242', 'name', '  Kim  Minji ', 'full_name', 'Kim Minji',
  'preferred_username', 'Kim Minji', 'user_name', 'Kim Minji', 'avatar_url', 'https://k.kakaocdn.net/p/1.jpg',
  'email', 'minji@kakao.test', 'email_verified', true)) $$,
  'invite_only: a Kakao account is created without a code');
select is((select row(display_name, avatar_url, invitation_id) from public.profiles where id = tests.get_supabase_uid('kakao_user')),
  row('Kim Minji'::text, 'https://k.kakaocdn.net/p/1.jpg'::text, null::uuid),
  'its profile has the Kakao nickname and picture, and it is not a member');
select lives_ok($$ select tests.create_oauth_user('line_user', 'custom:line', jsonb_build_object(
  'iss', 'https://access.line.me', 'sub', 'U1234', 'name', 'สมชาย', 'picture', 'https://profile.line-scdn.net/abc',
  'email', 'somchai@line.test')) $$,
  'invite_only: a LINE account is created without a code');
select is((select row(display_name, avatar_url, invitation_id) from public.profiles where id = tests.get_supabase_uid('line_user')),
  row('สมชาย'::text, 'https://profile.line-scdn.net/abc'::text, null::uuid),
  'its profile has the LINE name and picture, and it is not a member');
select lives_ok($$ select tests.create_oauth_user('hostile_oauth', 'kakao', jsonb_build_object(
  'name', repeat('n', 5000), 'avatar_url', 'javascript:alert(1)', 'picture', 42, 'role', 'admin', 'invite_code', 'once-only')) $$,
  'hostile claims never block an OAuth account');
select is((select row(char_length(display_name), avatar_url, role, invitation_id) from public.profiles
  where id = tests.get_supabase_uid('hostile_oauth')), row(80, null::text, 'consumer'::text, null::uuid),
  'the name is cut, a bad picture dropped, no role copied, and a code in the claims is neither read nor spent');
select is((select use_count from public.invitations where code = 'ONCE-ONLY'), 0, 'ONCE-ONLY is untouched');
select lives_ok($$ select tests.create_oauth_user('bare_oauth', 'kakao', null) $$, 'an OAuth account with no claims at all');
select throws_ok($$ select tests.create_supabase_user('email_no_code') $$, 'PT403',
  'An invite code is required to sign up right now.', 'invite_only: an email signup without a code is still refused');
select throws_ok($$ select tests.create_supabase_user('email_bad_code', null, '{"invite_code": "nope-nope"}') $$, 'PT403',
  'That invite code does not exist. Check it and try again.', 'and one with an unknown code');
update public.app_settings set signup_mode = 'open';
select lives_ok($$ select tests.create_oauth_user('open_oauth', 'custom:line', '{"name": "Open"}') $$, 'open mode: an OAuth account');
select is((select invitation_id from public.profiles where id = tests.get_supabase_uid('open_oauth')), null,
  'open mode: it is not linked to any code either');
update public.app_settings set signup_mode = 'invite_only';

-- ===== enroll refuses a non-member =====
select tests.authenticate_as('kakao_user');
select throws_ok($$ select public.enroll((select id from public.events where slug = 'gig')) $$, 'PT403',
  'Events are for members: redeem an invite code on your account page to enroll.',
  'an OAuth non-member cannot enroll (membership_required)');

-- ===== redeem_invitation: who may =====
select tests.authenticate_as_anon();
select throws_ok($$ select public.redeem_invitation('once-only') $$, 'PT401',
  'You need to be signed in to redeem an invite code.', 'a visitor is told to sign in');
select tests.authenticate_as('guest');
select throws_ok($$ select public.redeem_invitation('once-only') $$, 'PT403',
  'Create an account (or sign in) to redeem an invite code.', 'a guest is told to create an account');
select tests.authenticate_as('member');
select throws_ok($$ select public.redeem_invitation('once-only') $$, 'PT409',
  'Your account is already a member: there is no code to redeem.', 'a member is refused readably');
select tests.authenticate_as('admin');
select throws_ok($$ select public.redeem_invitation('once-only') $$, 'PT409',
  'Your account is already a member: there is no code to redeem.', 'so is an admin');
select tests.clear_authentication();
select is((select use_count from public.invitations where code = 'ONCE-ONLY'), 0, 'none of the refused calls spent the code');

-- ===== redeem_invitation: which codes =====
select tests.authenticate_as('line_user');
select is(public.redeem_invitation('nope-nope'), row(false, 'not_found')::public.invitation_redemption, 'an unknown code: not_found');
select is(public.redeem_invitation('off-code'), row(false, 'inactive')::public.invitation_redemption, 'a disabled code: inactive');
select is(public.redeem_invitation('late-code'), row(false, 'expired')::public.invitation_redemption, 'an expired code: expired');
select is(public.redeem_invitation(null), row(false, 'not_found')::public.invitation_redemption, 'null: not_found');
select is(public.redeem_invitation(repeat('x', 10000)), row(false, 'not_found')::public.invitation_redemption, 'a 10 KB code: not_found');
select is((select invitation_id from public.profiles where id = tests.get_supabase_uid('line_user')), null,
  'after refusals the account is still no member');

select tests.authenticate_as('kakao_user');
select is(public.redeem_invitation('  once-ONLY '), row(true, null)::public.invitation_redemption,
  'an OAuth non-member redeems a usable code, any case, spaces around');
select tests.clear_authentication();
select is((select i.code from public.profiles p join public.invitations i on i.id = p.invitation_id
  where p.id = tests.get_supabase_uid('kakao_user')), 'ONCE-ONLY', 'the profile is linked to the code');
select is((select use_count from public.invitations where code = 'ONCE-ONLY'), 1, 'the code is used once');
select results_eq($$ select actor_id, action, new_values ->> 'invitation_id', reason from public.audit_log
  where target_id = tests.get_supabase_uid('kakao_user')::text $$,
  $$ select tests.get_supabase_uid('kakao_user'), 'invitation.redeemed'::text,
       (select id::text from public.invitations where code = 'ONCE-ONLY'), 'Invite code redeemed by the account holder'::text $$,
  'the redemption is audited once, as the account holder, with the invitation');

select tests.authenticate_as('kakao_user');
select throws_ok($$ select public.redeem_invitation('second-one') $$, 'PT409',
  'Your account is already a member: there is no code to redeem.', 'a second redemption is refused');
select tests.authenticate_as('line_user');
select is(public.redeem_invitation('once-only'), row(false, 'used_up')::public.invitation_redemption,
  'the used-up single-use code: used_up for the next account');
select tests.clear_authentication();
select is((select use_count from public.invitations where code = 'SECOND-ONE'), 0, 'the refused second code was not spent');

-- ===== enroll accepts after redeeming =====
select tests.authenticate_as('kakao_user');
select is((select (public.enroll((select id from public.events where slug = 'gig'))).status), 'pending',
  'after redeeming, the OAuth account enrolls');

-- ===== profiles.invitation_id stays out of reach otherwise =====
select tests.clear_authentication();
select set_config('tests.code_id', (select id::text from public.invitations where code = 'SECOND-ONE'), true);
select tests.authenticate_as('line_user');
select throws_ok($$ update public.profiles set invitation_id = current_setting('tests.code_id')::uuid
  where id = auth.uid() $$, '42501', 'Only an admin can change a profile''s role or invitation.', 'a non-member cannot link a code by writing its profile');

-- ===== the guess budget is check_invitation's =====
select set_config('request.headers', '{"x-forwarded-for": "198.51.100.77"}', true);
select is((select count(*)::int from generate_series(1, 9) n
  where (public.redeem_invitation('guess-' || n)).reason = 'not_found'), 9, 'nine unknown codes are answered');
select is(public.check_invitation('guess-10'), row(false, 'not_found')::public.invitation_check,
  'check_invitation spends the same budget (the tenth)');
select throws_ok($$ select public.redeem_invitation('guess-11') $$, 'PT429',
  'Too many invite code checks. Wait a minute and try again.', 'the eleventh unknown code this minute is throttled');
select is(public.redeem_invitation('SECOND-ONE'), row(true, null)::public.invitation_redemption,
  'a real code is never throttled: the account redeems it');
select tests.clear_authentication();
select is((select count(*)::int from public.profiles where invitation_id = (select id from public.invitations where code = 'SECOND-ONE')),
  1, 'and is a member now');

select * from finish();
rollback;
