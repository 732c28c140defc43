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
--   PT401  reserve_stock, place_order  no signed-in user (guests are signed in)     'You need to be signed in (or continue as a guest) …'
--   PT401  cancel_order                no signed-in user and not an operator        'You need to be signed in to cancel an order.'
--   22023  reserve_stock                quantity null, negative or above 1000        'Quantity must be a whole number between 0 and 1000.'; detail 'quantity'
--   22023  reserve_stock                more than app_settings.                      'You can hold at most N of a product at a time.'; detail 'limit=N'
--                                       max_units_held_per_product
--   22023  place_order                  a checkout field is missing or malformed,    message names the problem; detail = the argument name
--                                       or holds a control or invisible format       (e.g. detail 'emoney_pin'), so forms can put it on
--                                       character (name, email, phone, address, zip, the right field ('Your name contains a control or
--                                       city, country, payment_method, e-money       invisible character. Type it again.')
--                                       number/PIN)
--   PT404  reserve_stock                unknown product                              'This product does not exist (any more).'; detail 'product_id'
--   PT409  reserve_stock                not enough stock for the requested quantity  0-5 left for the caller (like the badge): 'Only N left.' or
--                                                                                    'Sorry, this product is sold out right now.', detail
--                                                                                    'available=N'; more left: 'Not that many are available
--                                                                                    right now.' (no detail, no count)
--   PT422  place_order                  no unexpired holds: cart empty or expired    'Your cart is empty or its holds have expired …'
--   PT409  place_order                  a held product has less stock than held      'Sorry, "<name>" is no longer available in that quantity.'
--                                       (an admin lowered stock below the holds)
--   PT404  cancel_order,                no such order, or not the caller's           'Order not found.'; detail 'order_id'
--          set_order_status
--   PT409  cancel_order                 already cancelled                            'Order AS-… is already cancelled.'
--   PT409  cancel_order                 owner, order no longer pending               'Order AS-… is already being processed …'
--   PT409  cancel_order, any update     shipped/delivered cannot be cancelled        'Order AS-… has been shipped and can no longer be cancelled.'
--   PT409  orders status trigger        any other illegal status change (Studio too) 'An order cannot go from <a> to <b>.'; detail lists the allowed next states
--   42501  set_order_status             the caller is not an operator                'Only an admin can change an order's status.'
--   42501  grants / RLS                 direct writes to orders, order_items,        PostgreSQL's 'permission denied for table …'
--                                       order_events, stock_reservations, private.clock;
--                                       reading order_events.actor_id / actor_role
--   23503  stock_reservations FK        a hold row for a product that does not exist PostgreSQL's foreign key violation, at commit (deferred);
--                                       (only a direct insert: reserve_stock answers  see …0410
--                                       PT404 first)
--   23514  CHECK constraints            e.g. orders_customer_name_typed              PostgreSQL's check violation; the name says which field
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

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

/**
  * -------------------------------------------------------
  * Section - Row level security
  * Nobody but the owner touches the clock (no policies, no grants).
  * -------------------------------------------------------
 */

alter table private.clock enable row level security;
revoke all on private.clock from public, anon, authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * The time every expiry decision uses. Stable, so it is the same instant for a whole statement;
 * with the default row it equals now() (transaction start), so one RPC sees one instant.
 * Security definer because the API roles have no access to private.clock; it only reads it.
 * In plpgsql so its one query is planned once per session: as a non-inlinable SQL function
 * (security definer, search_path set) its body would be parsed and planned again on every call,
 * a measurable part of each reserve_stock call.
 */
create function private.now()
returns timestamptz
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  at_now timestamptz;
begin
  select coalesce(c.frozen_at, now() + c.offset_by) into at_now from private.clock c where c.id;
  return coalesce(at_now, now());
end;
$$;

comment on function private.now() is
  'Now, as holds and orders see it: now() unless postgres froze or shifted private.clock (tests). Users cannot move it.';

revoke execute on function private.now() from public;
grant execute on function private.now() to anon, authenticated, service_role;
