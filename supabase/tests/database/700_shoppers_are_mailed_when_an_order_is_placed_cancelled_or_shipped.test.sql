-- Order mails: the checkout writes a confirmation to the outbox at commit (with every item),
-- a cancellation (with its reason) and shipping (with the tracking note) write theirs in the
-- status change's transaction; all go to the address typed at checkout, in the shopper's
-- language, and an idempotent replay mails nothing again.
begin;
select plan(14);

select tests.create_catalog_fixture();
select tests.create_supabase_user('mail-buyer');
select tests.create_anonymous_user('mail-guest');
select tests.create_supabase_user('mail-admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('mail-admin');
update public.profiles set locale = 'ko' where id = tests.get_supabase_uid('mail-buyer');

create function pg_temp.checkout(who text, checkout_key text, email text) returns uuid language plpgsql as $$
declare
  placed uuid;
begin
  perform tests.authenticate_as(who);
  perform public.reserve_stock((select id from public.products where slug = 'test-amp'), 2);
  select id into placed from public.place_order(checkout_key, 'Buyer', email, null, '1 Road', '10110', 'Bangkok', 'Thailand', 'cash');
  perform tests.clear_authentication();
  return placed;
end $$;

create temporary table mail_orders on commit drop as
select pg_temp.checkout('mail-buyer', 'mail-key-01', 'work@example.com') as a;
grant select on mail_orders to authenticated;
select is((select count(*)::int from public.mail_outbox where payload ->> 'order_id' = (select a::text from mail_orders)), 0,
  'the confirmation waits for the commit (the items are written after the order)');

set constraints all immediate;
select results_eq(
  $$ select kind::text, locale::text, email_to, payload ->> 'order_number', payload -> 'items' -> 0 ->> 'name',
            (payload -> 'items' -> 0 ->> 'quantity')::int, payload ->> 'grand_total'
       from public.mail_outbox where payload ->> 'order_id' = (select a::text from mail_orders) $$,
  $$ select 'order_placed', 'ko', 'work@example.com', o.order_number, 'Test amp', 2, o.grand_total::text
       from public.orders o where o.id = (select a from mail_orders) $$,
  'at commit: one confirmation, to the address typed at checkout, in the shopper''s language, with the items and total');
select is((select user_id from public.mail_outbox where kind = 'order_placed' and payload ->> 'order_id' = (select a::text from mail_orders)),
  tests.get_supabase_uid('mail-buyer'), 'it belongs to the account (deleting the account deletes it)');
set constraints all deferred;

select tests.authenticate_as('mail-buyer');
select is((select id from public.place_order('mail-key-01', 'Buyer', 'work@example.com', null, '1 Road', '10110', 'Bangkok', 'Thailand', 'cash')),
  (select a from mail_orders), 'a replayed checkout returns the same order');
select tests.clear_authentication();
set constraints all immediate;
select is((select count(*)::int from public.mail_outbox where kind = 'order_placed' and payload ->> 'order_id' = (select a::text from mail_orders)), 1,
  'and mails nothing again');
set constraints all deferred;

-- A guest has no account email: the checkout address is where the mail goes.
select pg_temp.checkout('mail-guest', 'mail-key-02', 'guest@example.com');
set constraints all immediate;
select is((select email_to from public.mail_outbox o join public.orders r on r.id::text = o.payload ->> 'order_id'
            where r.idempotency_key = 'mail-key-02' and o.kind = 'order_placed'), 'guest@example.com',
  'a guest''s confirmation goes to the address typed at checkout');
select is((select locale::text from public.mail_outbox o join public.orders r on r.id::text = o.payload ->> 'order_id'
            where r.idempotency_key = 'mail-key-02'), 'en', 'in English when the shopper never chose a language');
set constraints all deferred;

select tests.authenticate_as('mail-admin');
select public.set_order_status((select a from mail_orders), 'processing', 'Packed');
select is((select count(*)::int from public.mail_outbox where payload ->> 'order_id' = (select a::text from mail_orders)), 1,
  'processing is not mailed');
select public.set_order_status((select a from mail_orders), 'shipped', 'Kerry Express TH0123456789');
select results_eq(
  $$ select email_to, payload ->> 'reason', payload ->> 'status' from public.mail_outbox
      where kind = 'order_shipped' and payload ->> 'order_id' = (select a::text from mail_orders) $$,
  $$ values ('work@example.com', 'Kerry Express TH0123456789', 'shipped') $$,
  'shipping mails the tracking note, in the same transaction');
select tests.clear_authentication();

select pg_temp.checkout('mail-buyer', 'mail-key-03', 'work@example.com');
select tests.authenticate_as('mail-buyer');
select public.cancel_order((select id from public.orders where idempotency_key = 'mail-key-03'));
select tests.clear_authentication();
select results_eq(
  $$ select o.payload ->> 'reason' from public.mail_outbox o join public.orders r on r.id::text = o.payload ->> 'order_id'
      where r.idempotency_key = 'mail-key-03' and o.kind = 'order_cancelled' $$,
  $$ values ('Cancelled by the customer') $$, 'the customer''s cancellation mails them with the reason recorded');

-- A Studio edit goes through the same trigger.
select pg_temp.checkout('mail-buyer', 'mail-key-04', 'work@example.com');
update public.orders set status = 'cancelled' where idempotency_key = 'mail-key-04';
select results_eq(
  $$ select o.payload ->> 'reason' from public.mail_outbox o join public.orders r on r.id::text = o.payload ->> 'order_id'
      where r.idempotency_key = 'mail-key-04' and o.kind = 'order_cancelled' $$,
  $$ values ('Cancelled by the store') $$, 'a Studio cancellation mails the shopper too, as the store''s');

-- The claim sends an order mail to email_to, not the account's email.
update public.mail_outbox set next_attempt_at = now() - interval '1 minute' where status = 'pending';
select is((select c.email from private.claim_mail('pgtap', 1000) c where c.kind = 'order_shipped'), 'work@example.com',
  'the mailer gets the checkout address for an order mail');

-- An order whose account was deleted mails nothing more.
select pg_temp.checkout('mail-buyer', 'mail-key-05', 'work@example.com');
set constraints all immediate;
update public.orders set user_id = null where idempotency_key = 'mail-key-05';
update public.orders set status = 'cancelled' where idempotency_key = 'mail-key-05';
select is((select count(*)::int from public.mail_outbox o join public.orders r on r.id::text = o.payload ->> 'order_id'
            where r.idempotency_key = 'mail-key-05' and o.kind = 'order_cancelled'), 0,
  'no mail for an order without an account');

select throws_ok($$ insert into public.mail_outbox (kind, user_id, email_to) values ('order_placed', tests.get_supabase_uid('mail-buyer'), 'not an address') $$,
  '23514', null, 'email_to must look like an address');

select * from finish();
rollback;
