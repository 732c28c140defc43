-- =============================================================================================
-- Orders: orders, their item snapshots and their event history, and
-- rpc('place_order', {...}) which turns the caller's unexpired holds into one order in ONE
-- transaction.
--
--   owner          reads their orders, items and events (guests too: they are signed in);
--                  of the events every column but the staff identity (actor_id, actor_role)
--   admin          reads every order, item and event
--   another user   sees nothing; anon has no privileges (42501)
--   everybody      writes nothing directly: place_order creates, cancel_order / set_order_status
--                  (…0430) change status; order_items are never updated except by postgres (no
--                  API role holds UPDATE on them).
--
-- Money, all in SQL (numeric(10,2)): subtotal = Σ unit_price × quantity (prices include VAT);
-- shipping = 50.00 flat; vat = round(subtotal × 20 / 120, 2), shown as included;
-- discount = 0 until coupons apply; grand_total = subtotal + shipping − discount. CHECKs hold
-- the arithmetic so no later writer can break it; admin.integrity_problems() states the money
-- and stock invariants as a query (pgTAP, the checkout race test and the bench run it).
--
-- Checkout works on the one set of holds it locked. Under READ COMMITTED every statement of a
-- plpgsql function takes a new snapshot, so reading the holds again after locking them would
-- see a hold the same shopper committed in between (reserve_stock from a second tab) in some
-- statements and not in others: items the subtotal does not include, stock charged for lines
-- no order paid for, an acknowledged hold deleted without being ordered. So one statement locks
-- the holds and their products and reads every value the checkout needs into an array
-- (private.checkout_line[]); every later statement uses that array and nothing else, and the
-- delete removes exactly the locked holds (plus holds that had already expired): a hold
-- committed during the checkout stays in the cart, held, for the next one.
-- tests/integration/checkout-race.test.ts races this through real connections and supabase-js.
--
-- Idempotency: (user_id, idempotency_key) is unique, and place_order takes a transaction
-- advisory lock on that pair before looking for an existing order, so concurrent retries with
-- one key wait for the first and return its order; stock is charged once.
-- E-money: the PIN is validated (4 digits) and dropped; of the 9-digit number only the last 4
-- digits are stored. No column can hold a PIN.
-- Typed text: the customer and shipping fields and event reasons refuse control and invisible
-- format characters (the `*_typed` CHECKs; place_order names the field first, 22023).
-- Order history tells its customer who acted as "customer" or "store staff", never a staff
-- member's user id or the database role: order_events.acted_by is decided for every writer by
-- a trigger, and the API roles may read every column of order_events but actor_id and
-- actor_role. Operators still see both in Studio (postgres) and in audit_log.
-- Account deletion: user_id becomes null (on delete set null); the customer snapshot stays.
-- Error codes: see the catalogue in 20261121000400_clock.sql.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Types
  * -------------------------------------------------------
 */

create type public.order_status as enum ('pending', 'processing', 'shipped', 'delivered', 'cancelled');
comment on type public.order_status is
  'pending → processing → shipped → delivered; cancelled only from pending or processing. Enforced by a trigger for everyone, Studio included.';

create type public.payment_method as enum ('emoney', 'cash');
comment on type public.payment_method is 'emoney (e-Money number + PIN at checkout) or cash on delivery.';

create type private.checkout_line as (
  product_id uuid,
  product_slug text,
  product_name text,
  unit_price numeric(10, 2),
  quantity integer,
  stock integer
);

comment on type private.checkout_line is
  'One locked hold as place_order read it: the product snapshot and the held quantity. Read once, used by every later statement.';

/**
  * -------------------------------------------------------
  * Section - Tables
  * The order number's sequence and default come first.
  * -------------------------------------------------------
 */

create sequence private.order_number_seq as bigint;
comment on sequence private.order_number_seq is 'Numbers orders: AS-000001, AS-000002, … (gaps after rollbacks are normal).';

/** The next human order number: AS- and at least 6 digits (AS-000123, later AS-1234567). */
create function private.next_order_number()
returns text
language sql
volatile
set search_path = ''
as $$
  select 'AS-' || lpad(n::text, greatest(6, length(n::text)), '0')
    from nextval('private.order_number_seq') as n;
$$;

comment on function private.next_order_number() is 'Default of orders.order_number: AS-000001, AS-000002, …';
revoke execute on function private.next_order_number() from public;

create table public.orders (
  id uuid primary key default gen_random_uuid(),
  order_number text not null default private.next_order_number()
    constraint orders_order_number_key unique,
  user_id uuid references auth.users (id) on delete set null,
  idempotency_key text not null
    constraint orders_idempotency_key_length check (char_length(idempotency_key) between 8 and 100),
  status public.order_status not null default 'pending',
  customer_name text not null constraint orders_customer_name_length check (char_length(customer_name) between 1 and 100)
    constraint orders_customer_name_typed check (private.is_typed_text(customer_name)),
  customer_email text not null
    constraint orders_customer_email_format check (char_length(customer_email) <= 254 and customer_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$')
    constraint orders_customer_email_typed check (private.is_typed_text(customer_email)),
  customer_phone text constraint orders_customer_phone_format check (customer_phone ~ '^\+?[0-9][0-9 ()-]{5,19}$'),
  shipping_address text not null constraint orders_shipping_address_length check (char_length(shipping_address) between 1 and 200)
    constraint orders_shipping_address_typed check (private.is_typed_text(shipping_address)),
  shipping_zip text not null constraint orders_shipping_zip_length check (char_length(shipping_zip) between 2 and 20)
    constraint orders_shipping_zip_typed check (private.is_typed_text(shipping_zip)),
  shipping_city text not null constraint orders_shipping_city_length check (char_length(shipping_city) between 1 and 100)
    constraint orders_shipping_city_typed check (private.is_typed_text(shipping_city)),
  shipping_country text not null constraint orders_shipping_country_length check (char_length(shipping_country) between 1 and 100)
    constraint orders_shipping_country_typed check (private.is_typed_text(shipping_country)),
  payment_method public.payment_method not null,
  emoney_last4 text constraint orders_emoney_last4_format check (emoney_last4 ~ '^[0-9]{4}$'),
  subtotal numeric(10, 2) not null constraint orders_subtotal_positive check (subtotal > 0),
  shipping numeric(10, 2) not null constraint orders_shipping_not_negative check (shipping >= 0),
  vat numeric(10, 2) not null,
  discount numeric(10, 2) not null default 0 constraint orders_discount_range check (discount >= 0 and discount <= subtotal),
  grand_total numeric(10, 2) not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint orders_user_id_idempotency_key_key unique (user_id, idempotency_key),
  constraint orders_emoney_last4_only_for_emoney check ((payment_method = 'emoney') = (emoney_last4 is not null)),
  constraint orders_vat_included check (vat = round(subtotal * 20 / 120, 2)),
  constraint orders_grand_total_adds_up check (grand_total = subtotal + shipping - discount)
);

create table public.order_items (
  id bigint generated always as identity primary key,
  order_id uuid not null references public.orders (id) on delete cascade,
  product_id uuid references public.products (id) on delete set null,
  product_slug text not null,
  product_name text not null,
  unit_price numeric(10, 2) not null constraint order_items_unit_price_positive check (unit_price > 0),
  quantity integer not null constraint order_items_quantity_positive check (quantity > 0),
  line_total numeric(10, 2) generated always as (unit_price * quantity) stored,
  created_at timestamptz not null default now(),
  constraint order_items_order_id_product_id_key unique (order_id, product_id)
);

create table public.order_events (
  id bigint generated always as identity primary key,
  order_id uuid not null references public.orders (id) on delete cascade,
  from_status public.order_status,
  to_status public.order_status not null,
  actor_id uuid,
  actor_role text not null,
  reason text constraint order_events_reason_length check (char_length(reason) <= 1000)
    constraint order_events_reason_typed check (private.is_typed_text(reason, true)),
  created_at timestamptz not null default now(),
  acted_by text not null default 'store staff'
    constraint order_events_acted_by_check check (acted_by in ('customer', 'store staff'))
);

/**
  * -------------------------------------------------------
  * Section - Comments
  * -------------------------------------------------------
 */

comment on table public.orders is
  'One row per checkout. Created only by rpc(''place_order''); status changes only along the legal transitions (trigger). Keeps the customer snapshot even after the account is deleted.';
comment on column public.orders.id is 'Internal id (used by cancel_order and links).';
comment on column public.orders.order_number is 'Human order number shown to customers and support, e.g. AS-000123.';
comment on column public.orders.user_id is 'Who placed it (guests included). Null once the account is deleted; the snapshot below remains.';
comment on column public.orders.idempotency_key is 'Client-chosen key of the checkout attempt (8-100 characters, e.g. a UUID). The same key from the same user returns the same order.';
comment on column public.orders.status is 'pending, processing, shipped, delivered or cancelled. Legal changes only; each change writes an order_events row.';
comment on column public.orders.customer_name is 'Customer name at checkout (snapshot).';
comment on column public.orders.customer_email is 'Customer email at checkout (snapshot).';
comment on column public.orders.customer_phone is 'Customer phone at checkout, optional (snapshot).';
comment on column public.orders.shipping_address is 'Street address to ship to (snapshot).';
comment on column public.orders.shipping_zip is 'ZIP / postal code (snapshot).';
comment on column public.orders.shipping_city is 'City (snapshot).';
comment on column public.orders.shipping_country is 'Country (snapshot).';
comment on column public.orders.payment_method is 'emoney or cash (on delivery).';
comment on column public.orders.emoney_last4 is 'Last 4 digits of the e-Money number, only for emoney orders. The full number and the PIN are never stored.';
comment on column public.orders.subtotal is 'Sum of line totals; prices include VAT.';
comment on column public.orders.shipping is 'Shipping charged (flat 50.00).';
comment on column public.orders.vat is 'VAT included in the subtotal: round(subtotal × 20 / 120, 2). Shown, not added.';
comment on column public.orders.discount is 'Discount applied (0 until coupons apply to orders).';
comment on column public.orders.grand_total is 'What the customer pays: subtotal + shipping − discount.';
comment on column public.orders.created_at is 'When the order was placed.';
comment on column public.orders.updated_at is 'Last change (status or a support fix).';

comment on table public.order_items is
  'Lines of an order with the product snapshot taken at checkout (name, slug, unit price). Immutable: no API role may update them; price changes later never touch them.';
comment on column public.order_items.order_id is 'The order this line belongs to.';
comment on column public.order_items.product_id is 'The product sold; null if the product was later deleted (the snapshot stays).';
comment on column public.order_items.product_slug is 'Product slug at checkout (snapshot, for links).';
comment on column public.order_items.product_name is 'Product name at checkout (snapshot).';
comment on column public.order_items.unit_price is 'Price per unit at checkout, VAT included (snapshot).';
comment on column public.order_items.quantity is 'Units ordered.';
comment on column public.order_items.line_total is 'unit_price × quantity (computed).';
comment on column public.order_items.created_at is 'When the line was created (with the order).';

comment on table public.order_events is
  'History of an order: creation and every status change, who made it and why. Written by place_order and the status trigger only.';
comment on column public.order_events.order_id is 'The order.';
comment on column public.order_events.from_status is 'Status before (null when the order was created).';
comment on column public.order_events.to_status is 'Status after.';
comment on column public.order_events.actor_id is 'auth.users id of whoever acted through the API; null for Studio/SQL sessions. No foreign key: history outlives accounts.';
comment on column public.order_events.actor_role is 'API role of the request (authenticated, service_role) or the database role (postgres for Studio).';
comment on column public.order_events.reason is 'Why, when given (cancel reason, support note).';
comment on column public.order_events.created_at is 'When it happened.';
comment on column public.order_events.acted_by is
  'Who acted, as the customer may see it: customer (the order''s owner) or store staff (an admin, a script, Studio). Set by a trigger.';

/**
  * -------------------------------------------------------
  * Section - Indexes (FKs and policy columns)
  * orders.user_id: the unique key and the list index lead with it; order_items.order_id: its
  * unique key.
  * -------------------------------------------------------
 */

-- "My orders, newest first": from('orders').select(…).eq('user_id', uid).order('created_at', desc).limit(20)
create index orders_user_id_created_at_idx on public.orders (user_id, created_at desc);
create index orders_status_created_at_idx on public.orders (status, created_at desc);
create index order_items_product_id_idx on public.order_items (product_id);
create index order_events_order_id_created_at_idx on public.order_events (order_id, created_at);

/**
  * -------------------------------------------------------
  * Section - Row level security
  * Owners and admins read; nobody writes through the API.
  * -------------------------------------------------------
 */

alter table public.orders enable row level security;
alter table public.order_items enable row level security;
alter table public.order_events enable row level security;

create policy "Users read their own orders and admins read every order"
  on public.orders for select
  to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));

-- The subquery goes through the orders policy, so items follow their order's visibility.
create policy "Users read the items of orders they can read"
  on public.order_items for select
  to authenticated
  using (exists (select from public.orders o where o.id = order_items.order_id));

create policy "Users read the history of orders they can read"
  on public.order_events for select
  to authenticated
  using (exists (select from public.orders o where o.id = order_events.order_id));

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/** Raises 22023 naming the argument, so a form can show the message on that field. */
create function private.raise_bad_checkout_field(field text, message text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = '22023', message = raise_bad_checkout_field.message, detail = field, hint = 'checkout_field_invalid';
end;
$$;

comment on function private.raise_bad_checkout_field(text, text) is 'place_order helper: 22023 with detail = the argument name.';
revoke execute on function private.raise_bad_checkout_field(text, text) from public;

/**
 * place_order, privileged half. One transaction: find (or wait for) an order with this key;
 * else lock the caller's unexpired holds and their products in product id order AND read them
 * in that same statement into an array (see the header: a second read could see holds the
 * first did not); every later statement works on that list only: snapshot the products into
 * order_items, compute the totals, charge stock, delete exactly those holds and record the
 * creation event. Security definer because orders, items, holds and stock are not writable by
 * API roles; it only ever acts for auth.uid().
 */
create function private.place_order(
  idempotency_key text,
  customer_name text,
  customer_email text,
  customer_phone text,
  address text,
  zip text,
  city text,
  country text,
  payment_method text,
  emoney_number text default null,
  emoney_pin text default null
)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
  at_now timestamptz := private.now();
  checkout_key text := btrim(coalesce(place_order.idempotency_key, ''));
  full_name text := btrim(coalesce(place_order.customer_name, ''));
  email text := lower(btrim(coalesce(place_order.customer_email, '')));
  phone text := nullif(btrim(coalesce(place_order.customer_phone, '')), '');
  street text := btrim(coalesce(place_order.address, ''));
  postcode text := btrim(coalesce(place_order.zip, ''));
  town text := btrim(coalesce(place_order.city, ''));
  land text := btrim(coalesce(place_order.country, ''));
  method text := lower(btrim(coalesce(place_order.payment_method, '')));
  emoney text := regexp_replace(coalesce(place_order.emoney_number, ''), '[[:space:]]', '', 'g');
  pin text := btrim(coalesce(place_order.emoney_pin, ''));
  lines private.checkout_line[];
  order_subtotal numeric(10, 2);
  short_product text;
  placed public.orders;
begin
  if me is null then
    raise exception using
      errcode = 'PT401',
      message = 'You need to be signed in (or continue as a guest) to place an order.',
      hint = 'sign_in_required';
  end if;

  if char_length(checkout_key) not between 8 and 100 then
    perform private.raise_bad_checkout_field('idempotency_key', 'The checkout key must be 8 to 100 characters (use a UUID).');
  elsif char_length(full_name) not between 1 and 100 then
    perform private.raise_bad_checkout_field('customer_name', 'Enter your name (at most 100 characters).');
  elsif char_length(email) > 254 or email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' then
    perform private.raise_bad_checkout_field('customer_email', 'Enter a valid email address.');
  elsif phone is not null and phone !~ '^\+?[0-9][0-9 ()-]{5,19}$' then
    perform private.raise_bad_checkout_field('customer_phone', 'Enter a valid phone number (digits, spaces, + ( ) -).');
  elsif char_length(street) not between 1 and 200 then
    perform private.raise_bad_checkout_field('address', 'Enter your street address (at most 200 characters).');
  elsif char_length(postcode) not between 2 and 20 then
    perform private.raise_bad_checkout_field('zip', 'Enter a ZIP code (2 to 20 characters).');
  elsif char_length(town) not between 1 and 100 then
    perform private.raise_bad_checkout_field('city', 'Enter your city (at most 100 characters).');
  elsif char_length(land) not between 1 and 100 then
    perform private.raise_bad_checkout_field('country', 'Enter your country (at most 100 characters).');
  -- Control and invisible format characters (private.is_typed_text).
  elsif not private.is_typed_text(full_name) then
    perform private.raise_bad_checkout_field('customer_name', 'Your name contains a control or invisible character. Type it again.');
  elsif not private.is_typed_text(email) then
    perform private.raise_bad_checkout_field('customer_email', 'The email address contains a control or invisible character. Type it again.');
  elsif not private.is_typed_text(street) then
    perform private.raise_bad_checkout_field('address', 'The address contains a control or invisible character. Type it again.');
  elsif not private.is_typed_text(postcode) then
    perform private.raise_bad_checkout_field('zip', 'The ZIP code contains a control or invisible character. Type it again.');
  elsif not private.is_typed_text(town) then
    perform private.raise_bad_checkout_field('city', 'The city contains a control or invisible character. Type it again.');
  elsif not private.is_typed_text(land) then
    perform private.raise_bad_checkout_field('country', 'The country contains a control or invisible character. Type it again.');
  elsif method not in ('emoney', 'cash') then
    perform private.raise_bad_checkout_field('payment_method', 'Choose e-Money or Cash on Delivery.');
  elsif method = 'emoney' and emoney !~ '^[0-9]{9}$' then
    perform private.raise_bad_checkout_field('emoney_number', 'The e-Money number must be 9 digits.');
  elsif method = 'emoney' and pin !~ '^[0-9]{4}$' then
    perform private.raise_bad_checkout_field('emoney_pin', 'The e-Money PIN must be 4 digits.');
  end if;

  -- Concurrent retries with this key queue here; each statement below sees what the first committed.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('place_order/' || me::text || '/' || checkout_key, 0));

  select o.* into placed from public.orders o where o.user_id = me and o.idempotency_key = checkout_key;
  if found then
    return placed;
  end if;

  -- The one read of the cart: lock the holds, then their products, in product id order (the
  -- order reserve_stock uses), and keep what was locked. Nothing below reads the holds again.
  with locked as (
    select p.id, p.slug, p.name, p.price, r.quantity, p.stock
      from public.stock_reservations r
      join public.products p on p.id = r.product_id
     where r.user_id = me
       and r.expires_at > at_now
     order by r.product_id
       for update of r, p
  )
  select coalesce(array_agg(row(l.id, l.slug, l.name, l.price, l.quantity, l.stock)::private.checkout_line order by l.id), '{}')
    into lines
    from locked l;

  if cardinality(lines) = 0 then
    raise exception using
      errcode = 'PT422',
      message = 'Your cart is empty or its holds have expired. Add the products again to check out.',
      hint = 'cart_empty';
  end if;

  select sum(l.unit_price * l.quantity),
         (array_agg(l.product_name order by l.product_id) filter (where l.stock < l.quantity))[1]
    into order_subtotal, short_product
    from unnest(lines) as l;

  if short_product is not null then
    raise exception using
      errcode = 'PT409',
      message = format('Sorry, "%s" is no longer available in that quantity.', short_product),
      hint = 'cart_stock_short';
  end if;

  insert into public.orders as o (
    user_id, idempotency_key, customer_name, customer_email, customer_phone,
    shipping_address, shipping_zip, shipping_city, shipping_country,
    payment_method, emoney_last4, subtotal, shipping, vat, discount, grand_total
  ) values (
    me, checkout_key, full_name, email, phone, street, postcode, town, land,
    method::public.payment_method,
    case when method = 'emoney' then right(emoney, 4) end,
    order_subtotal, 50.00, round(order_subtotal * 20 / 120, 2), 0, order_subtotal + 50.00 - 0
  )
  returning o.* into placed;

  insert into public.order_items (order_id, product_id, product_slug, product_name, unit_price, quantity)
  select placed.id, l.product_id, l.product_slug, l.product_name, l.unit_price, l.quantity
    from unnest(lines) as l
   order by l.product_id;

  update public.products p
     set stock = p.stock - l.quantity
    from unnest(lines) as l
   where p.id = l.product_id;

  -- The consumed holds (locked above, so unchanged since), and leftovers that had already
  -- expired. A hold committed while this ran is neither: it stays in the cart. The trigger
  -- releases the counters.
  delete from public.stock_reservations r
   where r.user_id = me
     and (r.product_id = any (select l.product_id from unnest(lines) as l) or r.expires_at <= at_now);

  insert into public.order_events (order_id, from_status, to_status, actor_id, actor_role, reason)
  values (placed.id, null, 'pending', me, coalesce(nullif(auth.role(), ''), session_user::text), 'Order placed');

  return placed;
end;
$$;

comment on function private.place_order(text, text, text, text, text, text, text, text, text, text, text) is
  'Privileged half of public.place_order: locks and reads the caller''s holds once, then orders exactly those.';

revoke execute on function private.place_order(text, text, text, text, text, text, text, text, text, text, text) from public;
grant execute on function private.place_order(text, text, text, text, text, text, text, text, text, text, text) to authenticated;

/**
 * rpc('place_order', { idempotency_key, customer_name, customer_email, customer_phone, address,
 * zip, city, country, payment_method, emoney_number?, emoney_pin? }): checks out the caller's
 * cart (their unexpired holds) and returns the order row. Same key → same order.
 * Errors: PT401, 22023 (detail = field), PT422 empty/expired cart, PT409 stock gone.
 */
create function public.place_order(
  idempotency_key text,
  customer_name text,
  customer_email text,
  customer_phone text,
  address text,
  zip text,
  city text,
  country text,
  payment_method text,
  emoney_number text default null,
  emoney_pin text default null
)
returns public.orders
language sql
security invoker
set search_path = ''
as $$
  select * from private.place_order(
    place_order.idempotency_key, place_order.customer_name, place_order.customer_email,
    place_order.customer_phone, place_order.address, place_order.zip, place_order.city,
    place_order.country, place_order.payment_method, place_order.emoney_number, place_order.emoney_pin);
$$;

comment on function public.place_order(text, text, text, text, text, text, text, text, text, text, text) is
  'Checkout: turns the caller''s unexpired holds into one order (returns the orders row). Same idempotency_key → same order. The e-Money PIN is validated, never stored.';

revoke execute on function public.place_order(text, text, text, text, text, text, text, text, text, text, text) from public;
grant execute on function public.place_order(text, text, text, text, text, text, text, text, text, text, text) to authenticated;

/**
 * BEFORE INSERT ON order_events: acted_by = customer when the actor is the order's owner,
 * store staff otherwise (an admin, the service role, Studio). Security definer so the check
 * reads the order whoever inserts.
 */
create function private.set_order_event_acted_by()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.acted_by := case
    when new.actor_id is not null
     and new.actor_id = (select o.user_id from public.orders o where o.id = new.order_id) then 'customer'
    else 'store staff'
  end;
  return new;
end;
$$;

comment on function private.set_order_event_acted_by() is
  'Trigger: labels an order event customer (the owner acted) or store staff (anyone else).';

revoke execute on function private.set_order_event_acted_by() from public;

/**
 * Invariants of money and stock, as rows naming what is wrong (no rows: all hold). Run by the
 * pgTAP suite, the checkout race test and the bench's final check, and by operators in Studio:
 *   select * from admin.integrity_problems();
 * With stock_before ({"<product id>": units, …}) and since, it also checks that each listed
 * product's stock fell by exactly the units of the orders placed since then that were not
 * cancelled (a cancellation restores its units). Invoker: it runs as the operator.
 */
create function admin.integrity_problems(stock_before jsonb default null, since timestamptz default null)
returns table (invariant text, subject text, detail text)
language sql
stable
set search_path = ''
as $$
  select 'order subtotal = sum of its items', o.order_number,
         format('subtotal %s, items %s', o.subtotal, coalesce(items.total, 0))
    from public.orders o
    left join lateral (select sum(i.line_total) as total from public.order_items i where i.order_id = o.id) as items on true
   where o.subtotal is distinct from items.total
  union all
  select 'grand total = subtotal + shipping - discount', o.order_number,
         format('grand total %s, subtotal %s, shipping %s, discount %s', o.grand_total, o.subtotal, o.shipping, o.discount)
    from public.orders o
   where o.grand_total <> o.subtotal + o.shipping - o.discount
  union all
  select 'reserved = sum of holds', p.slug,
         format('reserved %s, holds %s', p.reserved, coalesce(held.units, 0))
    from public.products p
    left join lateral (select sum(r.quantity) as units from public.stock_reservations r where r.product_id = p.id) as held on true
   where p.reserved <> coalesce(held.units, 0)
  union all
  select '0 <= reserved <= stock', p.slug, format('stock %s, reserved %s', p.stock, p.reserved)
    from public.products p
   where p.stock < 0 or p.reserved < 0 or p.reserved > p.stock
  union all
  select 'stock fell by the units ordered', p.slug,
         format('stock before %s, now %s, units in orders since %s: %s',
                before.units, p.stock, integrity_problems.since, coalesce(ordered.units, 0))
    from jsonb_each_text(coalesce(integrity_problems.stock_before, '{}'::jsonb)) as before_raw(product_id, units)
   cross join lateral (select before_raw.product_id::uuid as product_id, before_raw.units::integer as units) as before
    join public.products p on p.id = before.product_id
    left join lateral (
      select sum(i.quantity) as units
        from public.order_items i
        join public.orders o on o.id = i.order_id
       where i.product_id = p.id
         and o.status <> 'cancelled'
         and o.created_at >= coalesce(integrity_problems.since, '-infinity'::timestamptz)
    ) as ordered on true
   where before.units - p.stock <> coalesce(ordered.units, 0);
$$;

comment on function admin.integrity_problems(jsonb, timestamptz) is
  'Money and stock invariants; each row is a violation (none: all hold). Optional stock_before {product id: units} + since also check that stock fell by exactly the units ordered since.';

revoke execute on function admin.integrity_problems(jsonb, timestamptz) from public;

/**
  * -------------------------------------------------------
  * Section - Grants
  * Read only (RLS narrows); order_items are never updatable by an API role; of order_events the
  * API roles read every column but the staff identity (actor_id, actor_role).
  * -------------------------------------------------------
 */

revoke all on public.orders, public.order_items, public.order_events from anon, authenticated, service_role;
grant select on public.orders, public.order_items to authenticated, service_role;
grant select on public.order_events to service_role;
grant select (id, order_id, from_status, to_status, acted_by, reason, created_at) on public.order_events to authenticated;
revoke all on sequence private.order_number_seq from public, anon, authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger orders_touch_updated_at
  before update on public.orders
  for each row execute function private.touch_updated_at();

create trigger order_events_set_acted_by
  before insert on public.order_events
  for each row execute function private.set_order_event_acted_by();
