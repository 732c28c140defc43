-- Cart at sign-in: a guest takes a one-time token, signs in, and claims it as the member; the
-- guest's holds move into the member's cart within the cap and availability, in one
-- transaction. A guessed, replayed or expired token moves nothing; only a guest can start one,
-- only a member can claim; the stock counter stays equal to the holds.
begin;
select plan(20);

select tests.create_catalog_fixture();
select tests.create_anonymous_user('ct-guest');
select tests.create_anonymous_user('ct-other-guest');
select tests.create_supabase_user('ct-member');
update private.clock set frozen_at = '2030-01-01 12:00:00+00';
create temporary table ids on commit drop as
select (select id from public.products where slug = 'test-amp') as amp,
       (select id from public.products where slug = 'test-dac') as dac;
grant select on ids to authenticated;
create temporary table tokens (who text, token text) on commit drop;
grant select, insert on tokens to authenticated;

-- Who may start one.
select tests.authenticate_as('ct-member');
select throws_ok($$ select public.start_cart_transfer() $$, 'PT403',
  'Only a guest''s cart can be taken along to an account.', 'a member cannot start a transfer');
select tests.authenticate_as_anon();
select throws_ok($$ select public.start_cart_transfer() $$, '42501', null, 'a visitor cannot call it at all');

-- The guest holds 3 amps and 2 DACs; the member already holds 4 amps (cap 5).
select tests.authenticate_as('ct-member');
select public.reserve_stock((select amp from ids), 4);
select tests.authenticate_as('ct-guest');
select public.reserve_stock((select amp from ids), 3);
select public.reserve_stock((select dac from ids), 2);
insert into tokens select 'guest', public.start_cart_transfer();
select is((select char_length(token) from tokens where who = 'guest'), 43, 'the token is 256 random bits (43 base64url characters)');
select tests.clear_authentication();
select is((select count(*)::int from private.cart_transfers t, tokens k where t.token_hash = convert_to(k.token, 'UTF8')), 0,
  'the token itself is not stored');
select is((select count(*)::int from private.cart_transfers t, tokens k where t.token_hash = extensions.digest(k.token, 'sha256')), 1,
  'its SHA-256 is');

-- Who may claim it, and with what.
select tests.authenticate_as('ct-guest');
select throws_ok($$ select * from public.claim_cart_transfer((select token from tokens where who = 'guest')) $$, 'PT401',
  'Sign in to your account to take your cart along.', 'a guest cannot claim (not even its own token)');
select tests.authenticate_as('ct-member');
select throws_ok($$ select * from public.claim_cart_transfer('guessed-' || repeat('x', 35)) $$, 'PT404',
  'That cart can no longer be taken along (the link expired or was already used).', 'a guessed token moves nothing');
select throws_ok($$ select * from public.claim_cart_transfer(null) $$, 'PT404', null, 'no token moves nothing');
select tests.clear_authentication();
select is((select count(*)::int from public.stock_reservations where user_id = tests.get_supabase_uid('ct-guest')), 2,
  'after the refusals the guest still holds both lines');
select tests.authenticate_as('ct-member');

select results_eq(
  $$ select product_id, guest_quantity, moved, quantity, reason from public.claim_cart_transfer((select token from tokens where who = 'guest')) order by guest_quantity desc $$,
  $$ values ((select amp from ids), 3, 1, 5, 'hold_limit'), ((select dac from ids), 2, 2, 2, null) $$,
  'the claim moves each line within the cap and says what did not fit');
select throws_ok($$ select * from public.claim_cart_transfer((select token from tokens where who = 'guest')) $$, 'PT404', null,
  'a replayed token moves nothing');
select tests.clear_authentication();

select is((select count(*)::int from public.stock_reservations where user_id = tests.get_supabase_uid('ct-guest')), 0,
  'the guest holds nothing any more: moved or released');
select results_eq(
  $$ select product_id, quantity, expires_at from public.stock_reservations where user_id = tests.get_supabase_uid('ct-member') order by product_id $$,
  $$ select product_id, quantity, timestamptz '2030-01-01 12:30:00+00' from (values ((select amp from ids), 5), ((select dac from ids), 2)) v(product_id, quantity) order by product_id $$,
  'the member holds the summed lines, renewed for 30 minutes');
select results_eq(
  $$ select p.reserved from public.products p where p.id in ((select amp from ids), (select dac from ids)) order by p.id $$,
  $$ select coalesce(sum(r.quantity), 0)::int from public.products p left join public.stock_reservations r on r.product_id = p.id
      where p.id in ((select amp from ids), (select dac from ids)) group by p.id order by p.id $$,
  'the stock counter equals the holds');

-- Expiry: an old token is worthless; an expired hold is reported and released.
select tests.authenticate_as('ct-other-guest');
select public.reserve_stock((select dac from ids), 1);
insert into tokens select 'other', public.start_cart_transfer();
select tests.clear_authentication();
update private.clock set frozen_at = '2030-01-01 12:10:01+00';
select tests.authenticate_as('ct-member');
select throws_ok($$ select * from public.claim_cart_transfer((select token from tokens where who = 'other')) $$, 'PT404', null,
  'a token older than 10 minutes moves nothing');
select tests.authenticate_as('ct-other-guest');
insert into tokens select 'other-again', public.start_cart_transfer();
select tests.clear_authentication();
select is((select count(*)::int from private.cart_transfers where guest_id = tests.get_supabase_uid('ct-other-guest')), 1,
  'a new token replaces the old one');
update private.clock set frozen_at = '2030-01-01 12:31:00+00';
select tests.authenticate_as('ct-member');
select throws_ok($$ select * from public.claim_cart_transfer((select token from tokens where who = 'other-again')) $$, 'PT404', null,
  'the new token also expires 10 minutes after it was made');
select tests.clear_authentication();
update private.clock set frozen_at = '2030-01-01 12:25:00+00';
select tests.authenticate_as('ct-other-guest');
insert into tokens select 'fresh', public.start_cart_transfer();
select tests.clear_authentication();
update private.clock set frozen_at = '2030-01-01 12:31:30+00';
select tests.authenticate_as('ct-member');
select results_eq(
  $$ select guest_quantity, moved, reason from public.claim_cart_transfer((select token from tokens where who = 'fresh')) $$,
  $$ values (1, 0, 'expired') $$, 'a guest hold that ran out is reported, not moved');
select tests.clear_authentication();
select is((select count(*)::int from public.stock_reservations where user_id = tests.get_supabase_uid('ct-other-guest')), 0,
  'and released');

-- Sold out meanwhile: the stock was lowered under the member's own hold, so nothing more fits.
update private.clock set frozen_at = '2030-01-01 12:40:00+00';
select tests.authenticate_as('ct-other-guest');
select public.reserve_stock((select amp from ids), 1);
insert into tokens select 'sold', public.start_cart_transfer();
select tests.clear_authentication();
delete from public.stock_reservations where user_id = tests.get_supabase_uid('ct-member');
update public.products set stock = 1 where id = (select amp from ids);
select tests.authenticate_as('ct-member');
select results_eq(
  $$ select guest_quantity, moved, quantity, reason from public.claim_cart_transfer((select token from tokens where who = 'sold')) $$,
  $$ values (1, 1, 1, null::text) $$, 'the guest''s own units are always there to move, even on the last unit');
select tests.clear_authentication();

select * from finish();
rollback;
