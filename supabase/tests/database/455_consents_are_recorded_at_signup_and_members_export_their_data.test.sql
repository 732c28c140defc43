-- Signup records which terms and privacy notice versions were accepted (only the current
-- ones), a guest becoming an account too; the owner reads their consents, nobody else does;
-- export_my_data returns the caller's own data and nobody else's.
begin;
select plan(9);

select tests.create_supabase_user('consent-yes', null, '{"terms_version": "2026-12-01", "privacy_version": "2026-12-01"}');
select tests.create_supabase_user('consent-stale', null, '{"terms_version": "2020-01-01", "privacy_version": "2026-12-01"}');
select tests.create_anonymous_user('consent-guest');

select results_eq(
  $$ select document, version from public.consents where user_id = tests.get_supabase_uid('consent-yes') order by document $$,
  $$ values ('privacy', '2026-12-01'), ('terms', '2026-12-01') $$, 'a signup with the current versions records both');
select results_eq(
  $$ select document from public.consents where user_id = tests.get_supabase_uid('consent-stale') $$,
  $$ values ('privacy') $$, 'a version the store does not show is not recorded');

update auth.users set raw_user_meta_data = '{"terms_version": "2026-12-01", "privacy_version": "2026-12-01"}'
 where id = tests.get_supabase_uid('consent-guest');
select is((select count(*)::int from public.consents where user_id = tests.get_supabase_uid('consent-guest')), 0,
  'a guest records nothing while still a guest');
update auth.users set email = 'guest.consent@test.local', is_anonymous = false where id = tests.get_supabase_uid('consent-guest');
select is((select count(*)::int from public.consents where user_id = tests.get_supabase_uid('consent-guest')), 2,
  'becoming an account records the consents');

select tests.authenticate_as('consent-yes');
select is((select count(*)::int from public.consents), 2, 'the owner reads their consents');
select throws_ok($$ insert into public.consents (user_id, document, version) values (auth.uid(), 'terms', 'forged') $$, '42501',
  'permission denied for table consents', 'nobody writes consents through the API');
select tests.authenticate_as('consent-stale');
select is((select count(*)::int from public.consents where user_id = tests.get_supabase_uid('consent-yes')), 0,
  'another user reads none of them');

select tests.clear_authentication();
select tests.create_catalog_fixture();
select tests.authenticate_as('consent-yes');
insert into public.favorites (user_id, product_id) select auth.uid(), id from public.products where slug = 'test-amp';
select is((select (d -> 'account' ->> 'id', jsonb_array_length(d -> 'consents'), jsonb_array_length(d -> 'favorites'))::text
             from public.export_my_data() d),
  (tests.get_supabase_uid('consent-yes'), 2, 1)::text, 'export_my_data has the caller''s consents and favorites');
select tests.authenticate_as('consent-stale');
select is((select jsonb_array_length(d -> 'favorites') from public.export_my_data() d), 0,
  'another user''s export has none of it');

select * from finish();
rollback;
