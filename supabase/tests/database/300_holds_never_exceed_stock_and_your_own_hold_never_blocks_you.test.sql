-- reserve_stock: set, change and remove a hold; your own hold never blocks you, other
-- people's do; guests hold stock like members; errors carry stable codes and readable text;
-- the counter on the product always equals the sum of holds; nobody writes holds directly.
begin;
select plan(30);

insert into public.categories (slug, name, position) values ('hold-test', 'Hold test', 90);
insert into public.products (slug, name, category_id, price, stock)
select v.slug, v.name, c.id, v.price, v.stock
  from (values ('hold-five', 'Five Headphones', 100.00, 5), ('hold-two', 'Two Speakers', 30.00, 2)) as v(slug, name, price, stock)
  join public.categories c on c.slug = 'hold-test';
select tests.create_supabase_user('holder');
select tests.create_supabase_user('rival');
select tests.create_anonymous_user('guest');
select tests.create_supabase_user('hold_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('hold_admin');

create function pg_temp.pid(slug text) returns uuid language sql stable as
  $$ select id from public.products where slug = pid.slug $$;
create function pg_temp.reserved(slug text) returns integer language sql stable as
  $$ select reserved from public.products where slug = reserved.slug $$;
create function pg_temp.held_sum(slug text) returns integer language sql stable as
  $$ select coalesce(sum(r.quantity), 0)::integer from public.stock_reservations r
       join public.products p on p.id = r.product_id where p.slug = held_sum.slug $$;
grant execute on all functions in schema pg_temp to authenticated, anon;

-- A member sets, changes and removes a hold.
select tests.authenticate_as('holder');
select is((select (quantity, available)::text from public.reserve_stock(pg_temp.pid('hold-five'), 2)), '(2,5)',
  'a hold of 2 is granted and all 5 are still available to its holder');
select is((select count(*)::integer from public.stock_reservations), 1, 'the holder sees their one line');
select ok((select expires_at = now() + interval '30 minutes' from public.stock_reservations),
  'the hold runs for 30 minutes from the database clock');
select is((select (quantity, available)::text from public.reserve_stock(pg_temp.pid('hold-five'), 5)), '(5,5)',
  'your own hold never blocks you: raising 2 to all 5 works');
select is((select (quantity, available)::text from public.reserve_stock(pg_temp.pid('hold-five'), 3)), '(3,5)',
  'lowering a hold works');
select is((select quantity from public.stock_reservations), 3, 'the line holds the new quantity (one row per product)');

-- Somebody else's hold does block.
select tests.authenticate_as('rival');
select is((select count(*)::integer from public.stock_reservations), 0, 'another user does not see the holder''s line');
select throws_ok($$ select public.reserve_stock(pg_temp.pid('hold-five'), 3) $$, 'PT409', 'Only 2 left.',
  'another user cannot hold more than stock minus the holder''s 3');
select is((select (quantity, available)::text from public.reserve_stock(pg_temp.pid('hold-five'), 2)), '(2,2)',
  'the remaining 2 can be held by another user');
select throws_ok($$ select public.reserve_stock(pg_temp.pid('hold-five'), 3) $$, 'PT409', 'Only 2 left.',
  'and no more than that');

-- Guests (anonymous users) hold stock the same way.
select tests.authenticate_as('guest');
select throws_ok($$ select public.reserve_stock(pg_temp.pid('hold-five'), 1) $$, 'PT409',
  'Sorry, this product is sold out right now.', 'a sold-out product says so');
select is((select (quantity, available)::text from public.reserve_stock(pg_temp.pid('hold-two'), 2)), '(2,2)',
  'a guest holds stock like a member');

-- Removing frees the units for others at once.
select tests.authenticate_as('holder');
select is((select (quantity, expires_at)::text from public.reserve_stock(pg_temp.pid('hold-five'), 0)), '(0,)',
  'quantity 0 removes the line');
select is((select count(*)::integer from public.stock_reservations), 0, 'the line is gone');
select tests.authenticate_as('rival');
select is((select (quantity, available)::text from public.reserve_stock(pg_temp.pid('hold-five'), 5)), '(5,5)',
  'the released units can be held by someone else');
select is((select (quantity, available)::text from public.reserve_stock(pg_temp.pid('hold-two'), 0)), '(0,0)',
  'removing a line you do not have is harmless (the guest still holds both)');

-- Errors.
select throws_ok($$ select public.reserve_stock(gen_random_uuid(), 1) $$, 'PT404',
  'This product does not exist (any more).', 'an unknown product is PT404');
select throws_ok($$ select public.reserve_stock(pg_temp.pid('hold-five'), -1) $$, '22023',
  'Quantity must be a whole number between 0 and 1000.', 'a negative quantity is 22023');
select throws_ok($$ select public.reserve_stock(pg_temp.pid('hold-five'), null) $$, '22023',
  'Quantity must be a whole number between 0 and 1000.', 'a missing quantity is 22023');
select throws_ok($$ select public.reserve_stock(pg_temp.pid('hold-five'), 1001) $$, '22023',
  'Quantity must be a whole number between 0 and 1000.', 'an absurd quantity is 22023');

-- Nobody writes holds directly.
select throws_ok($$ insert into public.stock_reservations (user_id, product_id, quantity, expires_at)
                    values (auth.uid(), pg_temp.pid('hold-two'), 1, now() + interval '1 day') $$,
  '42501', 'permission denied for table stock_reservations', 'a user cannot insert a hold directly');
select throws_ok($$ update public.stock_reservations set expires_at = now() + interval '1 year' $$,
  '42501', 'permission denied for table stock_reservations', 'a user cannot extend a hold directly');
select throws_ok($$ delete from public.stock_reservations $$,
  '42501', 'permission denied for table stock_reservations', 'a user cannot delete holds directly');

select tests.authenticate_as_anon();
select throws_ok($$ select public.reserve_stock(pg_temp.pid('hold-two'), 1) $$, '42501',
  'permission denied for function reserve_stock', 'a visitor without a session (not even a guest) cannot hold stock');
select throws_ok($$ select count(*) from public.stock_reservations $$, '42501',
  'permission denied for table stock_reservations', 'a visitor cannot read holds');

select tests.authenticate_as('hold_admin');
select is((select count(*)::integer from public.stock_reservations r where r.product_id in (pg_temp.pid('hold-five'), pg_temp.pid('hold-two'))), 2,
  'an admin reads every hold');

select tests.clear_authentication();
select is(pg_temp.reserved('hold-five'), pg_temp.held_sum('hold-five'), 'the counter equals the sum of holds (five)');
select is(pg_temp.reserved('hold-two'), pg_temp.held_sum('hold-two'), 'the counter equals the sum of holds (two)');
select throws_ok($$ insert into public.stock_reservations (user_id, product_id, quantity, expires_at)
                    values (tests.get_supabase_uid('holder'), pg_temp.pid('hold-five'), 1, now() + interval '30 minutes') $$,
  'PT409', 'Sorry, this product is sold out right now.', 'even Studio cannot hold more than stock');
delete from public.stock_reservations where user_id = tests.get_supabase_uid('rival');
select is(pg_temp.reserved('hold-five'), 0, 'deleting holds in Studio gives the units back to the counter');

select * from finish();
rollback;
