-- One phone rule (private.is_phone_number) for profiles and orders: the international form,
-- + and a country code not starting with 0, 7 to 15 digits, separators removed first. The
-- owner's own profile edit, an order placed through place_order and an admin's change all meet
-- the same rule; a national number is refused in both places, orders with place_order's field error.
begin;
select plan(16);

-- The rule itself, at its edges.
select is(private.is_phone_number('+1234567'), true, '7 digits is the shortest number');
select is(private.is_phone_number('+123456789012345'), true, '15 digits is the longest');
select is(private.is_phone_number('+123456'), false, '6 digits is too short');
select is(private.is_phone_number('+1234567890123456'), false, '16 digits is too long');
select is(private.is_phone_number('0812345678'), false, 'a national number (no +) is refused');
select is(private.is_phone_number('+0812345678'), false, 'a country code never starts with 0');
select is(private.normalize_phone(' +66 (81) 234-56.78 '), '+66812345678', 'spaces, dots, dashes and parentheses are removed');
select is(private.normalize_phone('   '), null, 'a blank phone is no phone');

-- Profiles: the owner edits their own phone under the rule.
select tests.create_supabase_user('phone_owner');
select tests.authenticate_as('phone_owner');
select lives_ok($$ update public.profiles set phone = '+66812345678' where id = (select auth.uid()) $$,
  'the owner stores an international number');
select throws_ok($$ update public.profiles set phone = '0812345678' where id = (select auth.uid()) $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_phone_check"',
  'the owner cannot store a national number');
select tests.clear_authentication();

-- Orders: the same rule, with place_order's readable field error.
insert into public.categories (slug, name, position) values ('phone-test', 'Phone test', 91);
insert into public.products (slug, name, category_id, price, stock)
select 'phone-test-amp', 'Phone test amp', c.id, 10.00, 5 from public.categories c where c.slug = 'phone-test';
select tests.create_anonymous_user('phone_guest');
grant execute on all functions in schema pg_temp to authenticated, anon;
create function pg_temp.checkout(checkout_key text, phone text) returns public.orders language sql as $$
  select * from public.place_order(checkout_key, 'Pim Phone', 'pim@example.com', phone, '1 Soi Test',
                                   '10110', 'Bangkok', 'TH', 'cash', null, null)
$$;
grant execute on function pg_temp.checkout(text, text) to authenticated, anon;

select tests.authenticate_as('phone_guest');
select public.reserve_stock((select id from public.products where slug = 'phone-test-amp'), 1);
select throws_ok($$ select pg_temp.checkout('phone-check-0001', '02 555 0147') $$,
  '22023', 'Enter the phone number in international form: + and the country code, 7 to 15 digits, like +66 81 234 5678.',
  'place_order refuses a national number');
select is((select count(*)::integer from public.stock_reservations where user_id = auth.uid()), 1,
  'the refused order consumed nothing: the hold is still there');
select is((select customer_phone from pg_temp.checkout('phone-check-0002', '+66 81-234 5678')), '+66812345678',
  'an order stores the number in the one normalised form');
select tests.clear_authentication();
select is((select stock from public.products where slug = 'phone-test-amp'), 4, 'and stock is charged once');

-- An order without a phone is still fine.
select tests.authenticate_as('phone_guest');
select public.reserve_stock((select id from public.products where slug = 'phone-test-amp'), 1);
select is((select customer_phone from pg_temp.checkout('phone-check-0003', '  ')), null, 'no phone stays no phone');
select tests.clear_authentication();

-- The admin's change goes through the same CHECK.
select tests.create_supabase_user('phone_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('phone_admin');
select tests.authenticate_as('phone_admin');
select throws_ok(format($$ select public.admin_update_profile(%L, '{"phone": "081 234 5678"}', 'member called') $$,
  tests.get_supabase_uid('phone_owner')),
  '23514', null, 'an admin cannot store a national number either');
select tests.clear_authentication();

select * from finish();
rollback;
