-- Signup asks only for email and password: names, phone, birthday and account type are optional.
-- The profile trigger must create a profile from the least the form sends (no details at all, or
-- no metadata whatsoever), and the owner fills the details in later on the account page.
begin;
select plan(7);

-- What the sign-up form sends when only email and password were given (buildSignupMetadata).
select lives_ok($$ select tests.create_supabase_user('email_only', 'email.only@example.com', (
  select jsonb_build_object('locale', 'en', 'terms_version', s.terms_version, 'privacy_version', s.privacy_version,
                            'account_type', 'personal')
    from public.app_settings s)) $$,
  'a signup with only email, password and the consents is accepted');
select is(
  (select (first_name, last_name, display_name, phone, birthday, account_type, role)::text
     from public.profiles where id = tests.get_supabase_uid('email_only')),
  '(,,,,,personal,consumer)',
  'its profile exists with no names, phone or birthday, a personal account and no role beyond consumer');
select is((select count(*)::integer from public.consents where user_id = tests.get_supabase_uid('email_only')), 2,
  'the accepted terms and privacy notice are recorded all the same');

-- No metadata at all (an admin-created user, an API call that sends none).
select lives_ok($$ select tests.create_supabase_user('no_metadata', 'no.metadata@example.com', '{}'::jsonb) $$,
  'a signup without any metadata is accepted');
select is((select account_type from public.profiles where id = tests.get_supabase_uid('no_metadata')), 'personal',
  'and gets a profile with the defaults');

-- Everything left out at signup is editable later by the owner (the account page).
select tests.authenticate_as('email_only');
select results_eq(
  $$ with changed as (
       update public.profiles set first_name = 'Ada', last_name = 'Lovelace', phone = '+442079460958',
              birthday = '1990-02-28', account_type = 'business'
        where id = (select auth.uid())
       returning first_name, last_name, phone, birthday, account_type)
     select (first_name, last_name, phone, birthday, account_type)::text from changed $$,
  $$ values ('(Ada,Lovelace,+442079460958,1990-02-28,business)') $$,
  'the owner adds names, phone, birthday and account type afterwards');
select results_eq(
  $$ with cleared as (
       update public.profiles set first_name = null, last_name = null where id = (select auth.uid())
       returning first_name, last_name)
     select (first_name, last_name)::text from cleared $$,
  $$ values ('(,)') $$,
  'and may clear the names again: they stay optional');
select tests.clear_authentication();

select * from finish();
rollback;
