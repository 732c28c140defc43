-- Test helpers shared by every pgTAP file (ours, written for this project). This file runs
-- first (pg_prove sorts by name) and commits, so the `tests` schema exists for the files after
-- it; it is idempotent and works the same under `supabase test db` and `npm run test:db`.
--
--   tests.create_supabase_user(identifier, email?, metadata?)  → uuid   a real auth.users row
--   tests.create_anonymous_user(identifier)                    → uuid   a guest (is_anonymous)
--   tests.get_supabase_uid(identifier)                         → uuid
--   tests.authenticate_as(identifier)        act as that user (role authenticated + JWT claims)
--   tests.authenticate_as_anon()             act as a visitor without a session
--   tests.authenticate_as_service_role()     act as the service role key
--   tests.clear_authentication()             back to the connecting role (postgres)
--   tests.rows_affected(statement)           → int  rows a statement touched, as the current role
--   tests.create_catalog_fixture()           categories test-audio (products test-amp, test-dac
--                                            with an image, a box line, a related link) and
--                                            test-empty; call as postgres
--   tests.create_catalog_translation_fixture()  Thai and Korean rows for that fixture, some
--                                            fields left null (English shows); call after it
--   tests.create_event(slug, capacity, fee?, published?, starts_in?)  → uuid   an event starting
--                                            starts_in (default 7 days) after private.now()
--   tests.enrollment_of(identifier, event_slug)  → uuid  that user's live enrollment (not cancelled)
--   tests.clear_events()                     removes the seed's events, enrollments, coupons and
--                                            mails (inside the test's transaction), so event tests
--                                            never depend on the demo data; call as postgres

set client_min_messages = warning;
create schema if not exists tests;
comment on schema tests is 'pgTAP helpers; not exposed over the API.';
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.create_supabase_user(
  identifier text,
  email text default null,
  metadata jsonb default '{}'::jsonb
) returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_id uuid := extensions.gen_random_uuid();
begin
  -- Same shape GoTrue writes, so triggers on auth.users see what they see in production.
  insert into auth.users (
    instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
    confirmation_token, recovery_token, email_change_token_new, email_change
  ) values (
    '00000000-0000-0000-0000-000000000000', new_id, 'authenticated', 'authenticated',
    coalesce(email, identifier || '@test.local'),
    extensions.crypt('password123', extensions.gen_salt('bf', 4)), now(),
    jsonb_build_object('provider', 'email', 'providers', jsonb_build_array('email'), 'test_identifier', identifier),
    metadata, now(), now(), '', '', '', ''
  );
  return new_id;
end;
$$;

create or replace function tests.create_anonymous_user(identifier text) returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_id uuid := extensions.gen_random_uuid();
begin
  insert into auth.users (
    instance_id, id, aud, role, raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
    is_anonymous, confirmation_token, recovery_token, email_change_token_new, email_change
  ) values (
    '00000000-0000-0000-0000-000000000000', new_id, 'authenticated', 'authenticated',
    jsonb_build_object('provider', 'anonymous', 'providers', jsonb_build_array('anonymous'), 'test_identifier', identifier),
    '{}'::jsonb, now(), now(), true, '', '', '', ''
  );
  return new_id;
end;
$$;

create or replace function tests.get_supabase_uid(identifier text) returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select id from auth.users where raw_app_meta_data ->> 'test_identifier' = identifier;
$$;

-- Reading auth.users needs rights the API roles lack; switching roles is not allowed inside a
-- security definer function. So the lookup is definer and the switch is not.
create or replace function tests.jwt_claims_for(identifier text) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  found auth.users;
begin
  select * into found from auth.users where raw_app_meta_data ->> 'test_identifier' = identifier;
  if found.id is null then
    raise exception 'tests: no test user "%"', identifier;
  end if;
  -- The claims PostgREST would set from this user's access token.
  return jsonb_build_object(
    'sub', found.id, 'role', 'authenticated', 'aud', 'authenticated', 'email', found.email,
    'is_anonymous', found.is_anonymous, 'aal', 'aal1',
    'app_metadata', found.raw_app_meta_data, 'user_metadata', found.raw_user_meta_data);
end;
$$;

create or replace function tests.authenticate_as(identifier text) returns void
language plpgsql
set search_path = ''
as $$
declare
  claims jsonb := tests.jwt_claims_for(identifier);
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', claims::text, true);
end;
$$;

create or replace function tests.authenticate_as_anon() returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('role', 'anon', true);
  perform set_config('request.jwt.claims', '{"role":"anon"}', true);
end;
$$;

create or replace function tests.authenticate_as_service_role() returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('role', 'service_role', true);
  perform set_config('request.jwt.claims', '{"role":"service_role"}', true);
end;
$$;

create or replace function tests.clear_authentication() returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('role', 'none', true);
  perform set_config('request.jwt.claims', '', true);
end;
$$;

-- Denied writes either raise 42501 or touch 0 rows under RLS; this tells which.
create or replace function tests.rows_affected(statement text) returns integer
language plpgsql
set search_path = ''
as $$
declare
  affected integer;
begin
  execute statement;
  get diagnostics affected = row_count;
  return affected;
end;
$$;

-- The small catalog the catalog policy tests read and write (as postgres, before acting as a role).
create or replace function tests.create_catalog_fixture() returns void
language plpgsql
set search_path = ''
as $$
begin
  insert into public.categories (slug, name, description, position) values
    ('test-audio', 'Test audio', 'Fixture category', 90),
    ('test-empty', 'Test empty', 'A category without products', 91);
  insert into public.products (slug, name, category_id, price, stock, description, features)
  select v.slug, v.name, c.id, v.price, v.stock, 'Fixture product', 'Fixture features'
  from (values ('test-amp', 'Test amp', 100.00, 42), ('test-dac', 'Test DAC', 50.00, 3)) as v(slug, name, price, stock)
  join public.categories as c on c.slug = 'test-audio';
  insert into public.product_images (product_id, type, size, url, alt)
  select id, 'product', 'mobile', '/images/test/amp.svg', 'Test amp' from public.products where slug = 'test-amp';
  insert into public.product_includes (product_id, quantity, item)
  select id, 1, 'Power cable' from public.products where slug = 'test-amp';
  insert into public.related_products (product_id, related_product_id)
  select a.id, d.id from public.products a, public.products d where a.slug = 'test-amp' and d.slug = 'test-dac';
end;
$$;

-- Translations of the catalog fixture (as postgres, after tests.create_catalog_fixture()). Thai:
-- test-audio's name (description left to English), test-amp's name and description (features
-- left to English), its box line and its image's alt text. Korean: test-amp's name only.
create or replace function tests.create_catalog_translation_fixture() returns void
language plpgsql
set search_path = ''
as $$
begin
  insert into public.category_translations (category_id, locale, name)
  select id, 'th', 'เครื่องเสียงทดสอบ' from public.categories where slug = 'test-audio';
  insert into public.product_translations (product_id, locale, name, description)
  select id, 'th', 'แอมป์ทดสอบ', 'สินค้าทดสอบ' from public.products where slug = 'test-amp';
  insert into public.product_translations (product_id, locale, name)
  select id, 'ko', '테스트 앰프' from public.products where slug = 'test-amp';
  insert into public.product_include_translations (product_include_id, locale, item)
  select x.id, 'th', 'สายไฟ' from public.product_includes x join public.products p on p.id = x.product_id
  where p.slug = 'test-amp' and x.item = 'Power cable';
  insert into public.product_image_translations (product_image_id, locale, alt)
  select i.id, 'th', 'แอมป์ทดสอบ' from public.product_images i where i.url = '/images/test/amp.svg';
end;
$$;

-- An event for the events tests (as postgres): free unless fee is given, published unless told.
create or replace function tests.create_event(
  slug text, capacity integer, fee numeric default null, published boolean default true,
  starts_in interval default interval '7 days'
) returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_id uuid;
begin
  insert into public.events (slug, name, description, starts_at, ends_at, location, capacity, fee, published)
  values (create_event.slug, 'Event ' || create_event.slug, 'A test event', private.now() + starts_in,
          private.now() + starts_in + interval '2 hours', 'Test hall', create_event.capacity, create_event.fee,
          create_event.published)
  returning id into new_id;
  return new_id;
end;
$$;

create or replace function tests.enrollment_of(identifier text, event_slug text) returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select en.id from public.enrollments en join public.events e on e.id = en.event_id
   where e.slug = event_slug and en.user_id = tests.get_supabase_uid(identifier) and en.status <> 'cancelled';
$$;

create or replace function tests.clear_events() returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.coupons;
  delete from public.enrollments;
  delete from public.events;
  delete from public.mail_outbox;
end;
$$;

-- Tests switch roles mid-file and call the helpers from there.
revoke all on all functions in schema tests from public;
grant execute on all functions in schema tests to postgres, anon, authenticated, service_role;

begin;
select plan(9);
select has_function('tests', 'create_supabase_user', array['text', 'text', 'jsonb'], 'helper: create a user');
select has_function('tests', 'authenticate_as', array['text'], 'helper: act as a user');
select has_function('tests', 'clear_authentication', 'helper: back to postgres');
select has_function('tests', 'rows_affected', array['text'], 'helper: rows a statement touched');
select has_function('tests', 'create_catalog_fixture', 'helper: the catalog fixture');
select has_function('tests', 'create_catalog_translation_fixture', 'helper: translations of the catalog fixture');
select has_function('tests', 'create_event', array['text', 'integer', 'numeric', 'boolean', 'interval'], 'helper: an event');
select has_function('tests', 'enrollment_of', array['text', 'text'], 'helper: a user''s live enrollment');
select has_function('tests', 'clear_events', 'helper: no demo events in event tests');
select * from finish();
rollback;
