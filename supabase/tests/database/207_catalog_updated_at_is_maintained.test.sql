-- updated_at follows every update of a category or product, whoever writes it, and cannot be
-- set by hand.
begin;
select plan(5);

insert into public.categories (slug, name, created_at, updated_at) values ('test-audio', 'Test audio', '2000-01-01', '2000-01-01');
insert into public.products (slug, name, category_id, price, created_at, updated_at)
select 'test-amp', 'Test amp', id, 10, '2000-01-01', '2000-01-01' from public.categories where slug = 'test-audio';
select tests.create_supabase_user('stamp_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('stamp_admin');

select tests.authenticate_as('stamp_admin');
update public.categories set name = 'Test audio, renamed' where slug = 'test-audio';
update public.products set price = 11 where slug = 'test-amp';
select is((select updated_at from public.categories where slug = 'test-audio'), now(), 'an admin''s category edit stamps updated_at');
select is((select updated_at from public.products where slug = 'test-amp'), now(), 'an admin''s product edit stamps updated_at');
select is((select created_at from public.products where slug = 'test-amp'), '2000-01-01'::timestamptz, 'created_at is left alone');

select tests.clear_authentication();
update public.categories set updated_at = '2001-01-01' where slug = 'test-audio';
update public.products set stock = 5, updated_at = '2001-01-01' where slug = 'test-amp';
select is((select updated_at from public.categories where slug = 'test-audio'), now(), 'Studio cannot backdate a category''s updated_at');
select is((select updated_at from public.products where slug = 'test-amp'), now(), 'a stock change in Studio stamps updated_at');

select * from finish();
rollback;
