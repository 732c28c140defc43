-- rpc('header_summary'): one read for the signed-in header. The cart count is the caller's own
-- unexpired holds (an admin, who may read every hold, still sees only their own cart), and
-- is_admin follows profiles.role; a guest gets their count; a visitor without a session cannot call it.
begin;
select plan(6);

select tests.create_catalog_fixture();
select tests.create_supabase_user('summary-member');
select tests.create_supabase_user('summary-admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('summary-admin');
update private.clock set frozen_at = '2030-01-01 12:00:00+00';
create temporary table ids on commit drop as
  select (select id from public.products where slug = 'test-amp') as amp, (select id from public.products where slug = 'test-dac') as dac;
grant select on ids to anon, authenticated;

select tests.authenticate_as('summary-member');
select public.reserve_stock((select amp from ids), 2);
select public.reserve_stock((select dac from ids), 1);
select is((select (cart_count, is_admin)::text from public.header_summary()), '(3,f)',
  'a member: the units in their holds, not an admin');
select tests.clear_authentication();

select tests.authenticate_as('summary-admin');
select public.reserve_stock((select amp from ids), 1);
select ok((select count(*) from public.stock_reservations) > 1, 'an admin may read every shopper''s holds');
select is((select (cart_count, is_admin)::text from public.header_summary()), '(1,t)',
  'but their header counts only their own cart, and says admin');
select tests.clear_authentication();

-- The member's holds expire (30 minutes), the admin's too.
update private.clock set frozen_at = '2030-01-01 12:31:00+00';
select tests.authenticate_as('summary-member');
select is((select (cart_count, is_admin)::text from public.header_summary()), '(0,f)', 'expired holds count for nothing');
select tests.clear_authentication();

select tests.create_anonymous_user('summary-guest');
select tests.authenticate_as('summary-guest');
select is((select count(*)::integer from public.header_summary()), 1, 'a guest with no holds: exactly one row');
select tests.clear_authentication();

select tests.authenticate_as_anon();
select throws_ok($$ select * from public.header_summary() $$, '42501', null, 'a visitor without a session may not call it');
select tests.clear_authentication();

select * from finish();
rollback;
