-- =============================================================================================
-- Clock: private.now(), the one time source for every cart/order expiry decision.
--
-- Why not now(): tests must be able to stand at 29:59 and at 30:00 of a hold without sleeping,
-- and users must never be able to move time. A custom GUC (e.g. app.now) would not do: any
-- role may set a placeholder setting with set_config(). So the clock is a one-row table in the
-- unexposed `private` schema that no API role can read or write; only postgres (migrations,
-- tests, Studio) changes it. With frozen_at null and offset 0 (the default, and production)
-- private.now() is exactly now(): the transaction's start time.
--
-- ---------------------------------------------------------------------------------------------
-- Error catalogue of the cart and orders domain (migrations 20261121000400 … 499).
-- Through PostgREST, PTxyz becomes HTTP xyz; 22023 becomes 400; 42501 becomes 401/403.
--
--   code   raised by                  when                                         message / detail
--   PT401  reserve_stock, place_order,  no signed-in user (guests are signed in)     'You need to be signed in (or continue as a guest) …'
--          cancel_order
--   22023  reserve_stock                quantity null, negative or above 1000        'Quantity must be a whole number between 0 and 1000.'
--   22023  place_order                  a checkout field is missing or malformed    message names the problem; detail = the argument name
--                                       (name, email, phone, address, zip, city,     (e.g. detail 'emoney_pin'), so forms can put it on
--                                       country, payment_method, e-money number/PIN) the right field
--   PT404  reserve_stock                unknown product                              'This product does not exist (any more).'
--   PT409  reserve_stock                not enough stock for the requested quantity  'Only N left …'; detail 'available=N' (N = what the caller may hold)
--   PT422  place_order                  no unexpired holds: cart empty or expired    'Your cart is empty or its holds have expired …'
--   PT409  place_order                  a held product has less stock than held      'Sorry, "<name>" is no longer available in that quantity.'
--                                       (an admin lowered stock below the holds)
--   PT404  cancel_order                 no such order, or not the caller's           'Order not found.'
--   PT409  cancel_order                 already cancelled                            'Order AS-… is already cancelled.'
--   PT409  cancel_order                 owner, order no longer pending               'Order AS-… is already being processed …'
--   PT409  cancel_order, any update     shipped/delivered cannot be cancelled        'Order AS-… has been shipped and can no longer be cancelled.'
--   PT409  orders status trigger        any other illegal status change (Studio too) 'An order cannot go from <a> to <b>.'; detail lists the allowed next states
--   42501  grants / RLS                 direct writes to orders, order_items,        PostgreSQL's 'permission denied for table …'
--                                       order_events, stock_reservations, private.clock
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Table
-- ---------------------------------------------------------------------------------------------

create table private.clock (
  id boolean primary key default true constraint clock_singleton check (id),
  frozen_at timestamptz,
  offset_by interval not null default interval '0'
);

comment on table private.clock is
  'The database''s notion of "now" for holds and orders (private.now()). One row; only postgres changes it (tests, Studio). Leave frozen_at null and offset_by 0 in production.';
comment on column private.clock.id is 'Always true: exactly one clock.';
comment on column private.clock.frozen_at is 'When set, private.now() returns this instant (tests stand at an exact second).';
comment on column private.clock.offset_by is 'Added to now() when frozen_at is null (tests jump forward in time).';

insert into private.clock (id) values (true);

-- ---------------------------------------------------------------------------------------------
-- RLS: nobody but the owner touches the clock (no policies, no grants)
-- ---------------------------------------------------------------------------------------------

alter table private.clock enable row level security;
revoke all on private.clock from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/**
 * The time every expiry decision uses. Stable, so it is the same instant for a whole statement;
 * with the default row it equals now() (transaction start), so one RPC sees one instant.
 * Security definer because the API roles have no access to private.clock; it only reads it.
 */
create function private.now()
returns timestamptz
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select coalesce(c.frozen_at, now() + c.offset_by) from private.clock c where c.id), now());
$$;

comment on function private.now() is
  'Now, as holds and orders see it: now() unless postgres froze or shifted private.clock (tests). Users cannot move it.';

revoke execute on function private.now() from public;
grant execute on function private.now() to anon, authenticated, service_role;
