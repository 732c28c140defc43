-- =============================================================================================
-- Checkout works on the one set of holds it locked.
--
-- The bug (found by an attack run: 39 of 150 tries went wrong): under READ COMMITTED every
-- statement of a plpgsql function takes a new snapshot. place_order locked the caller's holds
-- with FOR UPDATE, then read them again in four more statements (count and subtotal, the
-- order_items insert, the stock update, the delete). A hold the same shopper committed in
-- between (reserve_stock on another product, from a second tab) was invisible to the earlier
-- statements and visible to the later ones, so orders got items the subtotal did not include
-- (subtotal 10.00 with 1,010.00 of items), stock left the shelf for lines no order paid for,
-- and an acknowledged hold was deleted without being ordered.
--
-- The fix: one statement locks the holds and their products and reads every value the
-- checkout needs into an array (private.checkout_line); every later statement uses that array
-- and nothing else. The delete removes exactly the locked holds (plus holds that had already
-- expired), so a hold committed during the checkout stays in the cart, held, for the next one.
-- tests/integration/checkout-race.test.ts races this 150 times through real connections and
-- supabase-js; admin.integrity_problems() states the invariants it checks.
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------------------------

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

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/**
 * place_order, privileged half (same contract as in 20261121000420). One transaction: find
 * (or wait for) an order with this key; else lock the caller's unexpired holds and their
 * products in product id order AND read them in that same statement; every later statement
 * works on that list only. Security definer because orders, items, holds and stock are not
 * writable by API roles; it only ever acts for auth.uid().
 */
create or replace function private.place_order(
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
      message = 'You need to be signed in (or continue as a guest) to place an order.';
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
  -- Control and invisible format characters (private.is_typed_text, 20261201001000).
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
      message = 'Your cart is empty or its holds have expired. Add the products again to check out.';
  end if;

  select sum(l.unit_price * l.quantity),
         (array_agg(l.product_name order by l.product_id) filter (where l.stock < l.quantity))[1]
    into order_subtotal, short_product
    from unnest(lines) as l;

  if short_product is not null then
    raise exception using
      errcode = 'PT409',
      message = format('Sorry, "%s" is no longer available in that quantity.', short_product),
      hint = 'Change the quantity in your cart and try again.';
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

/**
 * Invariants of money and stock, as rows naming what is wrong (no rows: all hold). Run by the
 * pgTAP suite, the checkout race test and the bench's final check, and by operators in Studio:
 *   select * from admin.integrity_problems();
 * With stock_before ({"<product id>": units, …}) and since, it also checks that each listed
 * product's stock fell by exactly the units of the orders placed since then that were not
 * cancelled (a cancellation restores its units).
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
