-- The admin halves of two owner-or-admin read policies that had only their owner and stranger
-- cases covered: an admin reads every shopper's holds and every consent; a consumer reads only
-- their own (and none of the admin's).
begin;
select plan(4);

select tests.create_catalog_fixture();
select tests.create_supabase_user('reader-admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('reader-admin');
select tests.create_supabase_user('reader-shopper', null, '{"terms_version": "2026-12-01", "privacy_version": "2026-12-01"}');

select tests.authenticate_as('reader-shopper');
select public.reserve_stock((select id from public.products where slug = 'test-amp'), 1);

select tests.authenticate_as('reader-admin');
select is((select count(*)::int from public.stock_reservations where user_id = tests.get_supabase_uid('reader-shopper')), 1,
  'an admin reads another shopper''s hold');
select is((select count(*)::int from public.consents where user_id = tests.get_supabase_uid('reader-shopper')), 2,
  'an admin reads another member''s consents');
select public.reserve_stock((select id from public.products where slug = 'test-dac'), 1);

select tests.authenticate_as('reader-shopper');
select is((select count(*)::int from public.stock_reservations), 1, 'the shopper reads only their own hold, not the admin''s');
select is((select count(*)::int from public.consents where user_id <> auth.uid()), 0, 'and no one else''s consents');

select * from finish();
rollback;
