-- favorites: read, add and remove your own; never anyone else's; one row per pair.
begin;
select plan(12);

insert into public.categories (slug, name, position) values ('fav-test', 'Favorites test', 90);
insert into public.products (slug, name, category_id, price, stock)
select v.slug, v.slug, c.id, 10, 1 from (values ('fav-a'), ('fav-b')) v(slug) join public.categories c on c.slug = 'fav-test';
select tests.create_supabase_user('fan');
select tests.create_supabase_user('other_fan');
select tests.create_anonymous_user('guest_fan');

select tests.authenticate_as('fan');
select lives_ok($$ insert into public.favorites (product_id) select id from public.products where slug = 'fav-a' $$,
  'a user adds a favorite (user_id defaults to them)');
select is((select count(*)::integer from public.favorites), 1, 'and reads it');
select throws_ok($$ insert into public.favorites (product_id) select id from public.products where slug = 'fav-a' $$,
  '23505', 'duplicate key value violates unique constraint "favorites_pkey"', 'the same product cannot be a favorite twice');
select throws_ok($$ insert into public.favorites (user_id, product_id)
                    select tests.get_supabase_uid('other_fan'), id from public.products where slug = 'fav-b' $$,
  '42501', 'new row violates row-level security policy for table "favorites"', 'a user cannot add a favorite for someone else');

select tests.authenticate_as('other_fan');
select is((select count(*)::integer from public.favorites), 0, 'another user does not see them');
with d as (delete from public.favorites returning 1)
select is((select count(*)::integer from d), 0,
  'another user deletes nothing (0 rows)');
select throws_ok($$ update public.favorites set created_at = now() $$, '42501', 'permission denied for table favorites',
  'nobody updates favorites');

select tests.authenticate_as('guest_fan');
select lives_ok($$ insert into public.favorites (product_id) select id from public.products where slug = 'fav-b' $$,
  'a guest has favorites too');

select tests.authenticate_as('fan');
with d as (delete from public.favorites returning 1)
select is((select count(*)::integer from d), 1, 'the owner removes their favorite');
select is((select count(*)::integer from public.favorites), 0, 'it is gone');

select tests.authenticate_as_anon();
select throws_ok($$ select count(*) from public.favorites $$, '42501', 'permission denied for table favorites', 'anon cannot read favorites');
select throws_ok($$ insert into public.favorites (product_id) select id from public.products limit 1 $$, '42501',
  'permission denied for table favorites', 'anon cannot add favorites');

select * from finish();
rollback;
