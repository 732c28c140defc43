-- =============================================================================================
-- Order mails (issue #19): a confirmation when an order is placed, a mail when it is cancelled
-- (with the reason) and when it ships (with the tracking note), written to the outbox in the
-- transaction of the fact, like the event mails (…0500), and sent by the same mailer at most once.
--
--   * They go to the address typed at checkout (orders.customer_email, copied into the new
--     mail_outbox.email_to), not the account's: a guest has no account email, and a member may
--     ship to a work address. Other mails keep going to the account's current email.
--   * The confirmation is written by a deferred constraint trigger, at commit of the checkout,
--     so the payload has every order item (place_order inserts the items after the order row).
--     An idempotent replay of place_order inserts nothing and so mails nothing again.
--   * The cancellation and shipping mails fire after the status triggers (names sort after
--     orders_record_status_change), so the reason they carry is the one order_events recorded
--     (a staff cancellation without a reason says "Cancelled by the store", …0410).
--   * Language: the shopper's profiles.locale at that moment (the checkout saves the page's
--     language there, app/routes/$lang.checkout.tsx), else English.
--   * An order whose account was deleted (user_id null) mails nothing: outbox rows belong to an
--     account, and the person asked to be forgotten.
--   * The payload keeps at most 30 items (the mail says how many more) so it stays far below the
--     outbox's 8 KB payload limit whatever the cart held.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

alter table public.mail_outbox
  add column email_to text
    constraint mail_outbox_email_to_format check (char_length(email_to) <= 254 and email_to ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$');

comment on column public.mail_outbox.email_to is
  'Where to send it when not to the account''s email: the address typed at checkout, for order mails. Null: the member''s current email from auth.users.';

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

-- Replaced (was …0110): a row's own email_to wins over the account's email.
create or replace function private.claim_mail(mailer text, batch integer)
returns setof private.claimed_mail
language plpgsql
security definer
set search_path = ''
as $$
begin
  if char_length(coalesce(mailer, '')) not between 1 and 200 or batch is null or batch not between 1 and 1000 then
    raise exception using
      errcode = '22023',
      message = 'claim_mail needs a mailer name (1-200 characters) and a batch size of 1-1000.',
      hint = 'mail_claim_invalid';
  end if;

  return query
  with due as (
    select o.id
      from public.mail_outbox o
     where o.status = 'pending' and o.next_attempt_at <= now()
     order by o.id
     limit claim_mail.batch
       for update of o skip locked
  ),
  addressed as (
    select due.id, coalesce(nullif(btrim(o.email_to), ''), nullif(btrim(u.email::text), '')) as email
      from due
      join public.mail_outbox o on o.id = due.id
      left join auth.users u on u.id = o.user_id
  ),
  claimed as (
    update public.mail_outbox o
       set status = case when a.email is null then 'failed'::public.mail_status else 'sending'::public.mail_status end,
           attempts = least(o.attempts + 1, 100),
           claimed_by = claim_mail.mailer,
           claimed_at = now(),
           last_error = case when a.email is null
                             then 'The member has no email address, so this mail cannot be sent.' else o.last_error end
      from addressed a
     where o.id = a.id
    returning o.id, o.kind, o.locale, o.payload, a.email, o.attempts, o.created_at, o.status
  )
  select c.id, c.kind, c.locale, c.payload, c.email, c.attempts, c.created_at
    from claimed c
   where c.status = 'sending'
   order by c.id;
end;
$$;

comment on function private.claim_mail(text, integer) is
  'Mailer: claim up to batch due pending mails (oldest first, SKIP LOCKED) as sending, in a transaction committed before SMTP. Returns them with their address (email_to, else the member''s current email); no address → failed, not returned.';

-- Replaced (was …0500): an optional address of the mail's own (email_to), written with the
-- row. The callers' plpgsql bodies resolve the name when they run, so the three-argument calls
-- of the event and password-reset triggers land here with email_to null.
drop function private.enqueue_mail(public.mail_kind, uuid, jsonb);

create function private.enqueue_mail(kind public.mail_kind, user_id uuid, payload jsonb, email_to text default null)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_id bigint;
begin
  insert into public.mail_outbox (kind, user_id, locale, payload, email_to)
  select enqueue_mail.kind, enqueue_mail.user_id, coalesce(p.locale, 'en'), coalesce(enqueue_mail.payload, '{}'::jsonb), enqueue_mail.email_to
    from (select 1) as one
    left join public.profiles p on p.id = enqueue_mail.user_id
  returning id into new_id;
  return new_id;
end;
$$;

comment on function private.enqueue_mail(public.mail_kind, uuid, jsonb, text) is
  'Appends a pending mail for a member in their profiles.locale (en when unset), to email_to when given, else to the member''s email. Called by definer trigger functions in the transaction of the fact.';

revoke execute on function private.enqueue_mail(public.mail_kind, uuid, jsonb, text) from public;

/**
 * What an order mail tells: number, status, items (at most 30, then how many more), totals,
 * the payment method and the reason of the last status change (cancellation reason or
 * tracking note), read once from the rows as they are now.
 */
create function private.order_mail_payload(order_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
           'order_id', o.id,
           'order_number', o.order_number,
           'status', o.status,
           'placed_at', o.created_at,
           'payment_method', o.payment_method,
           'subtotal', o.subtotal,
           'shipping', o.shipping,
           'discount', o.discount,
           'vat', o.vat,
           'grand_total', o.grand_total,
           'items', coalesce((
             select jsonb_agg(jsonb_build_object('name', left(i.product_name, 120), 'quantity', i.quantity, 'line_total', i.line_total) order by i.id)
               from (select * from public.order_items i where i.order_id = o.id order by i.id limit 30) i
           ), '[]'::jsonb),
           'more_items', greatest((select count(*) from public.order_items i where i.order_id = o.id) - 30, 0),
           'reason', (select left(e.reason, 1000) from public.order_events e where e.order_id = o.id order by e.id desc limit 1))
    from public.orders o
   where o.id = order_mail_payload.order_id;
$$;

comment on function private.order_mail_payload(uuid) is
  'The payload of an order mail: number, status, up to 30 items (more_items counts the rest), totals and the last status change''s reason.';

revoke execute on function private.order_mail_payload(uuid) from public;

/** Writes one order mail to the outbox, to the address typed at checkout; none for a deleted account. */
create function private.enqueue_order_mail(kind public.mail_kind, placed public.orders)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if placed.user_id is not null then
    perform private.enqueue_mail(kind, placed.user_id, private.order_mail_payload(placed.id), placed.customer_email);
  end if;
end;
$$;

comment on function private.enqueue_order_mail(public.mail_kind, public.orders) is
  'Writes an order mail (order_placed, order_cancelled, order_shipped) to the outbox for the order''s account, addressed to orders.customer_email.';

revoke execute on function private.enqueue_order_mail(public.mail_kind, public.orders) from public;

/** Trigger (deferred, at commit of the checkout): the confirmation, with every item. */
create function private.mail_order_placed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  placed public.orders;
begin
  -- Read the order as it is at commit: a status change in the same transaction wins.
  select o.* into placed from public.orders o where o.id = new.id;
  if placed.id is not null then
    perform private.enqueue_order_mail('order_placed', placed);
  end if;
  return null;
end;
$$;

comment on function private.mail_order_placed() is
  'Trigger (deferred constraint trigger after insert on orders): writes the order confirmation mail at commit, when the items exist.';

revoke execute on function private.mail_order_placed() from public;

/** Trigger: the cancellation or shipping mail, after the status triggers recorded the change. */
create function private.mail_order_status_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status = 'cancelled' then
    perform private.enqueue_order_mail('order_cancelled', new);
  elsif new.status = 'shipped' then
    perform private.enqueue_order_mail('order_shipped', new);
  end if;
  return null;
end;
$$;

comment on function private.mail_order_status_change() is
  'Trigger: writes the cancellation or shipping mail when an order becomes cancelled or shipped (any writer: RPC, Studio, service role).';

revoke execute on function private.mail_order_status_change() from public;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create constraint trigger orders_tell_customer_placed
  after insert on public.orders
  deferrable initially deferred
  for each row execute function private.mail_order_placed();

-- Named to sort after orders_record_status_change: the reason is in order_events by then.
create trigger orders_tell_customer_status
  after update of status on public.orders
  for each row
  when (old.status is distinct from new.status and new.status in ('cancelled', 'shipped'))
  execute function private.mail_order_status_change();
