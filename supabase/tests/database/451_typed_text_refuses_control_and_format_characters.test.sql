-- Text people type holds no control characters and no invisible format characters (bidi
-- overrides, zero-width spaces, BOM): refused by CHECKs for every writer and, at checkout, with
-- a field error. Scripts and emoji stay possible (Thai, Korean, Chinese, ZWJ sequences), and
-- hostile signup metadata is cleaned, never a broken signup.
begin;
select plan(14);

select ok(private.is_typed_text('สมชาย ใจดี'), 'Thai is typed text');
select ok(private.is_typed_text('김민준'), 'Korean is typed text');
select ok(private.is_typed_text('陳美玲'), 'Traditional Chinese is typed text');
select ok(private.is_typed_text(E'\U0001F469\u200D\U0001F4BB'), 'an emoji ZWJ sequence is typed text');
select ok(not private.is_typed_text(E'Ann\u0007'), 'BEL is refused');
select ok(not private.is_typed_text(E'gpj\u202Eexe'), 'the right-to-left override is refused');
select ok(not private.is_typed_text(E'Ad\u200Bmin'), 'a zero-width space is refused');
select ok(not private.is_typed_text(E'\uFEFFAnn'), 'a byte-order mark is refused');
select ok(private.is_typed_text(E'line one\nline two', true) and not private.is_typed_text(E'line one\nline two'),
  'newlines only where the field is multi-line');

select tests.create_supabase_user('typed-user', null, jsonb_build_object('first_name', E'Ev\u202Eil', 'last_name', E'Z\u200Bero'));
select is((select (first_name, last_name)::text from public.profiles where id = tests.get_supabase_uid('typed-user')), '(Evil,Zero)',
  'the signup trigger removes format characters from metadata instead of failing');

select tests.authenticate_as('typed-user');
select throws_ok($$ update public.profiles set first_name = E'Ann\u202E' where id = auth.uid() $$, '23514', null,
  'a user cannot save a bidi override in their name');
select tests.clear_authentication();
select throws_ok($$ update public.products set name = E'Aria\u2066 One' where slug = (select slug from public.products limit 1) $$,
  '23514', null, 'nor can Studio in a product name');

select tests.create_catalog_fixture();
select tests.authenticate_as('typed-user');
select public.reserve_stock((select id from public.products where slug = 'test-amp'), 1);
select throws_like($$ select public.place_order('typed-key-01', E'Ann\u0000', 'a@example.com', null, '1 Road', '10110', 'Bangkok', 'Thailand', 'cash') $$,
  '%', 'a NUL in the name never reaches the order (PostgreSQL text cannot hold it)');
select throws_ok($$ select public.place_order('typed-key-02', E'Ann\u202E', 'a@example.com', null, '1 Road', '10110', 'Bangkok', 'Thailand', 'cash') $$,
  '22023', 'Your name contains a control or invisible character. Type it again.', 'checkout names the field (detail customer_name)');

select * from finish();
rollback;
