-- Expiry needs no scheduler: at 29:59 a hold still counts, at 30:00 it counts for nothing and
-- its units can be held by someone else, even though the row is still there. The clock is
-- private.now(), which only postgres can move; users cannot.
begin;
select plan(14);

insert into public.categories (slug, name, position) values ('clock-test', 'Clock test', 90);
insert into public.products (slug, name, category_id, price, stock)
select 'clock-three', 'Three Earphones', c.id, 50.00, 3 from public.categories c where c.slug = 'clock-test';
select tests.create_supabase_user('early');
select tests.create_supabase_user('late');

create function pg_temp.pid() returns uuid language sql stable as
  $$ select id from public.products where slug = 'clock-three' $$;
create function pg_temp.available_for(who text) returns integer language plpgsql as $$
begin
  perform tests.authenticate_as(who);
  -- What the storefront shows this user (the badge's number is exact for 1 to 5 units).
  return (select coalesce(c.quantity_left, 0) from public.product_cards c where c.locale = 'en' and c.id = pg_temp.pid());
end $$;
grant execute on all functions in schema pg_temp to authenticated;

update private.clock set frozen_at = '2030-01-01 12:00:00+00';

select tests.authenticate_as('early');
select is((select expires_at from public.reserve_stock(pg_temp.pid(), 3)), '2030-01-01 12:30:00+00'::timestamptz,
  'a hold made at 12:00:00 on the database clock expires at 12:30:00');

select tests.clear_authentication();
update private.clock set frozen_at = '2030-01-01 12:29:59+00';
select is(pg_temp.available_for('late'), 0, 'at 29:59 the hold still counts for others');
select tests.clear_authentication();
select is(pg_temp.available_for('early'), 3, 'and never against its holder');
select tests.authenticate_as('late');
select throws_ok($$ select public.reserve_stock(pg_temp.pid(), 1) $$, 'PT409',
  'Sorry, this product is sold out right now.', 'at 29:59 another user cannot hold any');

select tests.clear_authentication();
update private.clock set frozen_at = '2030-01-01 12:30:00+00';
select is(pg_temp.available_for('late'), 3, 'at 30:00 the hold counts for nothing, with no job having run');
select tests.clear_authentication();
select is((select count(*)::integer from public.stock_reservations where product_id = pg_temp.pid()), 1,
  'the expired row is still there: nobody purged it');
select tests.authenticate_as('late');
select is((select (quantity, available)::text from public.reserve_stock(pg_temp.pid(), 3)), '(3,3)',
  'at 30:00 another user can hold all 3');
select tests.clear_authentication();
select is((select reserved from public.products where id = pg_temp.pid()), 3,
  'the expired hold left the counter when its units were taken');
select is((select count(*)::integer from public.stock_reservations where user_id = tests.get_supabase_uid('early')), 0,
  'the expired hold was deleted on the way');

-- Renewing: every change restarts the 30 minutes.
update private.clock set frozen_at = '2030-01-01 12:50:00+00';
select tests.authenticate_as('late');
select is((select expires_at from public.reserve_stock(pg_temp.pid(), 2)), '2030-01-01 13:20:00+00'::timestamptz,
  'changing a hold renews it for 30 minutes');

-- The purge is housekeeping: it changes nothing anybody sees.
select tests.clear_authentication();
update private.clock set frozen_at = '2030-01-01 14:00:00+00';
select is(pg_temp.available_for('early'), 3, 'after expiry everything is available again');
select tests.clear_authentication();
select is(private.purge_expired_holds(), 1, 'the purge deletes the expired hold');
select is(pg_temp.available_for('early'), 3, 'and availability is the same after it');

-- Users cannot move time.
select tests.authenticate_as('early');
select throws_ok($$ update private.clock set frozen_at = '2000-01-01' $$, '42501',
  'permission denied for table clock', 'a user cannot move the database clock');

select * from finish();
rollback;
