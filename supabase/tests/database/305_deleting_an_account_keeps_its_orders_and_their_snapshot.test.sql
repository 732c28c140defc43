-- Deleting an account never loses or breaks an order: user_id becomes null, the customer and
-- product snapshots stay, and the account's holds and favorites go (their units come back).
begin;
select plan(8);

insert into public.categories (slug, name, position) values ('delete-test', 'Delete test', 90);
insert into public.products (slug, name, category_id, price, stock)
select 'delete-xx59', 'XX59 Headphones', c.id, 899.00, 5 from public.categories c where c.slug = 'delete-test';
select tests.create_supabase_user('leaver');
select tests.create_supabase_user('leaver_admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('leaver_admin');

select tests.authenticate_as('leaver');
create temporary table kept on commit drop as
select o.id, o.order_number from (select public.reserve_stock((select id from public.products where slug = 'delete-xx59'), 2)) r,
  lateral public.place_order('delete-order-1', 'Lee Ver', 'lee@example.com', '+15550100', '9 Elm St', '54321', 'Gotham', 'USA', 'cash') o;
select public.reserve_stock((select id from public.products where slug = 'delete-xx59'), 1);
insert into public.favorites (product_id) select id from public.products where slug = 'delete-xx59';
select public.delete_my_account();
select tests.clear_authentication();

select is((select count(*)::integer from auth.users where id = tests.get_supabase_uid('leaver')), 0, 'the account is gone');
select is((select user_id from public.orders where id = (select id from kept)), null, 'the order survives with user_id null');
select is((select (customer_name, customer_email, shipping_city, grand_total)::text from public.orders where id = (select id from kept)),
  '("Lee Ver",lee@example.com,Gotham,1848.00)', 'the customer snapshot and totals are intact');
select is((select (product_name, unit_price, quantity)::text from public.order_items where order_id = (select id from kept)),
  '("XX59 Headphones",899.00,2)', 'the product snapshot is intact');
select is((select count(*)::integer from public.order_events where order_id = (select id from kept)), 1, 'the history is intact');
select is((select (stock, reserved)::text from public.products where slug = 'delete-xx59'), '(3,0)',
  'the sold units stay sold; the open hold went with the account and its unit is free again');
select is((select count(*)::integer from public.favorites f join public.products p on p.id = f.product_id where p.slug = 'delete-xx59'), 0,
  'favorites went with the account');

select tests.authenticate_as('leaver_admin');
select is((select order_number from public.orders where id = (select id from kept)), (select order_number from kept),
  'an admin still finds the order');

select * from finish();
rollback;
