-- =============================================================================================
-- Stock holds (the cart): one row per user and product, held for 30 minutes, renewed on every
-- change. rpc('reserve_stock', { product_id, quantity }) is the only way users write them.
--
-- Rule: available to a user = stock − unexpired holds of OTHER users; your own hold never
-- blocks you; under any concurrency the sum of granted holds never exceeds stock.
--
-- Design (correct under READ COMMITTED, fast on a hot product):
--   * products.reserved is a counter equal, at every commit, to the sum of quantity over ALL
--     rows of stock_reservations for that product (expired ones included, until deleted). An
--     AFTER trigger on stock_reservations maintains it for every writer: the RPCs, Studio
--     edits, the purge, and the cascade when an account or product is deleted.
--   * An increase goes through ONE conditional statement,
--       update products set reserved = reserved + delta where id = … and stock - reserved >= delta
--     which takes the product row lock and, if it had to wait, is re-checked by PostgreSQL
--     against the newest row version (EvalPlanQual). Two racers can never both pass on the same
--     last units. (Locking the product and summing the holds in one statement would read the
--     holds from a stale snapshot and oversell; a counter needs no sum at all.)
--   * Expiry without a scheduler: reserve_stock first deletes the product's expired holds
--     (rows locked in user order, re-checked after any wait, so each expired hold is deleted
--     by exactly one transaction); their quantity leaves the counter through the trigger, in
--     the same transaction, before the conditional update. Readers never trust the counter for
--     expiry: private.available_stock() sums unexpired holds of others with private.now().
--   * The hot product row is locked only from the conditional update to commit, and nothing
--     slow happens in between: no sum, no extra round trip.
--   * Lock order everywhere: reservation rows, then product rows in product id order (place_order
--     locks the caller's holds ordered by product id, then their products).
--   * A purge of expired holds (private.purge_expired_holds) is housekeeping only.
--
-- Also here: products.reserved (added to the catalog's table), private.available_stock()
-- replaced to subtract others' unexpired holds (the catalog's single availability function).
-- Error codes: see the catalogue in 20261121000400_clock.sql.
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------------------------

create type public.stock_hold as (
  product_id uuid,
  quantity integer,
  expires_at timestamptz,
  available integer
);

comment on type public.stock_hold is
  'What reserve_stock returns: the caller''s line after the call (quantity 0 and expires_at null when removed) and available = the most this caller may hold now (stock minus unexpired holds of others).';

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

alter table public.products
  add column reserved integer not null default 0
  constraint products_reserved_not_negative check (reserved >= 0);

create table public.stock_reservations (
  user_id uuid not null references auth.users (id) on delete cascade,
  product_id uuid not null references public.products (id) on delete cascade,
  quantity integer not null constraint stock_reservations_quantity_range check (quantity between 1 and 1000),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint stock_reservations_pkey primary key (user_id, product_id)
);

-- ---------------------------------------------------------------------------------------------
-- Comments
-- ---------------------------------------------------------------------------------------------

comment on column public.products.reserved is
  'Units held in carts: the sum of stock_reservations.quantity for this product, expired holds included until they are deleted. Maintained by a trigger; never edit it by hand. Not readable by API roles.';

comment on table public.stock_reservations is
  'Cart holds: one row per user (guests included) and product, valid until expires_at (30 minutes after the last change). Written only by rpc(''reserve_stock'') and place_order; expired rows count for nothing and are deleted lazily.';
comment on column public.stock_reservations.user_id is 'Who holds the stock (auth user, anonymous guests included). Deleting the account deletes the hold.';
comment on column public.stock_reservations.product_id is 'The product held.';
comment on column public.stock_reservations.quantity is 'Units held, 1 to 1000. Setting 0 through reserve_stock deletes the row.';
comment on column public.stock_reservations.expires_at is
  'End of the hold (private.now() + 30 minutes at the last change). At or after this instant the hold no longer counts.';
comment on column public.stock_reservations.created_at is 'When the product was first put in the cart.';
comment on column public.stock_reservations.updated_at is 'Last change of quantity or renewal.';

-- ---------------------------------------------------------------------------------------------
-- Indexes (user_id is covered by the primary key)
-- ---------------------------------------------------------------------------------------------

create index stock_reservations_product_id_expires_at_idx on public.stock_reservations (product_id, expires_at);

-- ---------------------------------------------------------------------------------------------
-- RLS: users read their own holds, admins read all; nobody writes directly
-- ---------------------------------------------------------------------------------------------

alter table public.stock_reservations enable row level security;

create policy "Users read their own holds and admins read every hold"
  on public.stock_reservations for select
  to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/**
 * Keeps products.reserved equal to the sum of holds. An increase is one conditional update,
 * re-checked after any lock wait, so it can never grant more than stock; it fails with PT409.
 * Security definer because the cascades from auth.users (run by the auth admin) and the
 * operators' edits must be able to update products.reserved, which no API role may write.
 */
create function private.track_reserved_stock()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  old_product uuid := case when tg_op in ('UPDATE', 'DELETE') then old.product_id end;
  new_product uuid := case when tg_op in ('INSERT', 'UPDATE') then new.product_id end;
  released integer := case when tg_op in ('UPDATE', 'DELETE') then old.quantity else 0 end;
  wanted integer := case when tg_op in ('INSERT', 'UPDATE') then new.quantity else 0 end;
  delta integer;
  left_for_caller integer;
begin
  if old_product is not null and old_product is distinct from new_product then
    update public.products p set reserved = p.reserved - released where p.id = old_product;
    released := 0;
  end if;

  if new_product is null then
    return null;
  end if;

  delta := wanted - released;
  if delta < 0 then
    update public.products p set reserved = p.reserved + delta where p.id = new_product;
  elsif delta > 0 then
    update public.products p
       set reserved = p.reserved + delta
     where p.id = new_product
       and p.stock - p.reserved >= delta;
    if not found then
      select greatest(p.stock - p.reserved + released, 0) into left_for_caller
        from public.products p where p.id = new_product;
      raise exception using
        errcode = 'PT409',
        message = case
          when coalesce(left_for_caller, 0) = 0 then 'Sorry, this product is sold out right now.'
          else format('Only %s left.', left_for_caller)
        end,
        detail = format('available=%s', coalesce(left_for_caller, 0)),
        hint = 'Lower the quantity, or try again later: other carts may release their holds.';
    end if;
  end if;
  return null;
end;
$$;

comment on function private.track_reserved_stock() is
  'Trigger: keeps products.reserved = sum of holds; refuses (PT409) an increase beyond stock − reserved.';

revoke execute on function private.track_reserved_stock() from public;

/**
 * reserve_stock, privileged half. Sets the caller's hold on one product to `quantity` (0
 * removes it) and renews it for 30 minutes from private.now(). Expired holds of the product
 * are deleted first (each by exactly one transaction), so they never block anybody.
 * Security definer because holds and products.reserved are not writable by API roles; it only
 * ever writes auth.uid()'s hold.
 */
create function private.reserve_stock(product_id uuid, quantity integer)
returns public.stock_hold
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
  at_now timestamptz := private.now();
  line public.stock_hold;
begin
  if me is null then
    raise exception using
      errcode = 'PT401',
      message = 'You need to be signed in (or continue as a guest) to hold stock.';
  end if;
  if quantity is null or quantity < 0 or quantity > 1000 then
    raise exception using
      errcode = '22023',
      message = 'Quantity must be a whole number between 0 and 1000.',
      detail = 'quantity';
  end if;
  if product_id is null or not exists (select from public.products p where p.id = reserve_stock.product_id) then
    raise exception using
      errcode = 'PT404',
      message = 'This product does not exist (any more).',
      detail = 'product_id';
  end if;

  -- Lock order: own hold, then other reservation rows, then the product (the trigger), the
  -- order place_order uses too; so a checkout and a cart edit of one user cannot deadlock.
  perform from public.stock_reservations r
    where r.user_id = me and r.product_id = reserve_stock.product_id
    for update;

  -- Expired holds stop counting here, in this transaction, before any check.
  with expired as (
    select r.user_id
      from public.stock_reservations r
     where r.product_id = reserve_stock.product_id
       and r.expires_at <= at_now
     order by r.user_id
       for update
  )
  delete from public.stock_reservations r
   using expired e
   where r.product_id = reserve_stock.product_id
     and r.user_id = e.user_id;

  if quantity = 0 then
    delete from public.stock_reservations r
     where r.user_id = me and r.product_id = reserve_stock.product_id;
    line := row(reserve_stock.product_id, 0, null, null);
  else
    -- One statement: the row lock on an existing hold serialises the same user's retries;
    -- the trigger grants the difference or raises PT409.
    insert into public.stock_reservations as r (user_id, product_id, quantity, expires_at)
    values (me, reserve_stock.product_id, reserve_stock.quantity, at_now + interval '30 minutes')
    on conflict on constraint stock_reservations_pkey do update
      set quantity = excluded.quantity,
          expires_at = excluded.expires_at,
          updated_at = now()
    returning r.product_id, r.quantity, r.expires_at, null::integer
      into line;
  end if;

  -- The counter is exact for this product now (its expired holds were just deleted).
  select greatest(p.stock - p.reserved + line.quantity, 0)
    into line.available
    from public.products p
   where p.id = reserve_stock.product_id;
  return line;
end;
$$;

comment on function private.reserve_stock(uuid, integer) is 'Privileged half of public.reserve_stock.';

revoke execute on function private.reserve_stock(uuid, integer) from public;
grant execute on function private.reserve_stock(uuid, integer) to authenticated;

/**
 * rpc('reserve_stock', { product_id, quantity }): put `quantity` units of a product in the
 * caller's cart (0 removes the line), renewing the 30-minute hold. Returns the line and the
 * most the caller may hold. Guests (anonymous users) hold stock the same way.
 * Errors: PT401 not signed in, 22023 bad quantity, PT404 unknown product, PT409 not enough
 * stock (detail 'available=N').
 */
create function public.reserve_stock(product_id uuid, quantity integer)
returns public.stock_hold
language sql
security invoker
set search_path = ''
as $$
  select * from private.reserve_stock(reserve_stock.product_id, reserve_stock.quantity);
$$;

comment on function public.reserve_stock(uuid, integer) is
  'Cart: set the caller''s hold on a product to quantity (0 removes) for 30 minutes. Returns {product_id, quantity, expires_at, available}. PT409 when not enough stock (detail available=N).';

revoke execute on function public.reserve_stock(uuid, integer) from public;
grant execute on function public.reserve_stock(uuid, integer) to authenticated;

/**
 * Units of a product the caller can still get: stock − unexpired holds of other users (your
 * own hold never counts against you). Replaces the catalog's body; same signature and grants.
 * Sums the holds instead of trusting products.reserved, so an expired hold that nobody has
 * deleted yet already counts for nothing. Definer: it reads stock, which API roles cannot.
 */
create or replace function private.available_stock(product_id uuid)
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select greatest(
           p.stock - coalesce((
             select sum(r.quantity)::integer
               from public.stock_reservations r
              where r.product_id = p.id
                and r.expires_at > (select private.now())
                and r.user_id is distinct from (select auth.uid())
           ), 0),
           0)
    from public.products p
   where p.id = available_stock.product_id;
$$;

comment on function private.available_stock(uuid) is
  'Units of a product the caller can still get: stock minus unexpired holds of other users. Internal: not granted to API roles.';

/**
 * Housekeeping: deletes every expired hold (the trigger returns their units to the counters).
 * Changes nothing anybody can observe: expired holds already count for nothing. For a cron
 * job or Studio; granted to nobody.
 */
create function private.purge_expired_holds()
returns integer
language sql
security definer
set search_path = ''
as $$
  with gone as (
    delete from public.stock_reservations r
     where r.expires_at <= (select private.now())
    returning 1
  )
  select count(*)::integer from gone;
$$;

comment on function private.purge_expired_holds() is 'Housekeeping: deletes expired holds, returns how many. Optional; correctness never depends on it.';

revoke execute on function private.purge_expired_holds() from public;

-- ---------------------------------------------------------------------------------------------
-- Grants: read own holds (RLS); writes only through reserve_stock / place_order
-- ---------------------------------------------------------------------------------------------

revoke all on public.stock_reservations from anon, authenticated, service_role;
grant select on public.stock_reservations to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------

create trigger stock_reservations_track_reserved
  after insert or update or delete on public.stock_reservations
  for each row execute function private.track_reserved_stock();
