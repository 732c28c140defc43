-- =============================================================================================
-- Stock holds, fast path: the same rules as 20261121000410 with less work per reserve_stock
-- call. Nothing changes in what callers see (call shape, return shape, error codes, messages and
-- details); only how much the database does per call, and how long the hot product row stays
-- locked.
--
-- Measured on the hot product (scripts/bench/stock-holds.ts), a call did: an existence check,
-- a SELECT … FOR UPDATE of the caller's own hold, the expired-hold DELETE (planned and run
-- even when nothing had expired), the upsert, the counter trigger (also on renewals that do
-- not change the quantity), products' touch_updated_at trigger (a second plpgsql call with its
-- own search_path switch, on every counter change), and the final read. Now:
--
--   * One statement checks that the product exists AND probes the (product_id, expires_at)
--     index for expired holds; the reclaiming DELETE only runs when there is one.
--   * No separate lock of the caller's own hold: the upsert (or delete) locks it, which is what
--     serialises one user's concurrent calls. The lock order stays: reservation rows (expired
--     ones when reclaiming, then the caller's), then the product row (the counter trigger).
--   * The counter trigger only fires on an UPDATE when quantity or product_id changed: a
--     renewal (same quantity, new expires_at) no longer calls it, nor touches the product row.
--   * products' touch_updated_at no longer fires for counter-only changes (reserved is a cart
--     counter, not a catalog edit). Any other change, or an update that sets nothing new,
--     still stamps updated_at as before (207 checks it).
--
-- The gate itself is unchanged and is what keeps holds within stock under any concurrency:
-- the conditional UPDATE in private.track_reserved_stock(), re-checked by PostgreSQL against
-- the newest product row after any lock wait.
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------

drop trigger stock_reservations_track_reserved on public.stock_reservations;

create trigger stock_reservations_track_reserved
  after insert or delete on public.stock_reservations
  for each row execute function private.track_reserved_stock();

-- A renewal changes only expires_at/updated_at: the counter does not move, so no call at all.
create trigger stock_reservations_track_reserved_changes
  after update on public.stock_reservations
  for each row
  when (old.quantity is distinct from new.quantity or old.product_id is distinct from new.product_id)
  execute function private.track_reserved_stock();

-- Fires for every update except one that changes the reserved counter and nothing a catalog
-- editor sets. (A column added to products later should be added to this list.)
drop trigger products_set_updated_at on public.products;

create trigger products_set_updated_at
  before update on public.products
  for each row
  when (
    old.reserved is not distinct from new.reserved
    or (old.id, old.slug, old.name, old.category_id, old.price, old.stock, old.is_new, old.description,
        old.features, old.position, old.created_at, old.updated_at)
       is distinct from
       (new.id, new.slug, new.name, new.category_id, new.price, new.stock, new.is_new, new.description,
        new.features, new.position, new.created_at, new.updated_at)
  )
  execute function private.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/**
 * reserve_stock, privileged half (same contract as in 20261121000410). Sets the caller's hold
 * on one product to `quantity` (0 removes it) and renews it for 30 minutes from private.now().
 * Expired holds of the product are deleted first (each by exactly one transaction) when the
 * index says there are any, so they never block anybody. The counter trigger grants the
 * difference or raises PT409 (detail 'available=N').
 */
create or replace function private.reserve_stock(product_id uuid, quantity integer)
returns public.stock_hold
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
  at_now timestamptz;
  has_expired boolean;
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

  at_now := private.now();

  -- Exists? And has any hold of it expired? One index probe each, no locks.
  select exists (
           select from public.stock_reservations r
            where r.product_id = p.id
              and r.expires_at <= at_now)
    into has_expired
    from public.products p
   where p.id = reserve_stock.product_id;
  if not found then
    raise exception using
      errcode = 'PT404',
      message = 'This product does not exist (any more).',
      detail = 'product_id';
  end if;

  -- Expired holds stop counting here, in this transaction, before any check: rows locked in
  -- user order and re-checked after any wait, so each is deleted by exactly one transaction;
  -- the trigger takes their units out of the counter.
  if has_expired then
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
  end if;

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

/**
 * Same clock, same answer (see 20261121000400): now() unless postgres froze or shifted
 * private.clock. In plpgsql so its one query is planned once per session: as a non-inlinable
 * SQL function (security definer, search_path set) its body was parsed and planned again on
 * every call, which was a measurable part of each reserve_stock call.
 */
create or replace function private.now()
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

/**
 * rpc('reserve_stock', { product_id, quantity }): unchanged contract (see 20261121000410).
 * In plpgsql so the call into the privileged half is planned once per session instead of on
 * every call (a SQL function with a search_path setting is never inlined).
 */
create or replace function public.reserve_stock(product_id uuid, quantity integer)
returns public.stock_hold
language plpgsql
security invoker
set search_path = ''
as $$
begin
  return private.reserve_stock(reserve_stock.product_id, reserve_stock.quantity);
end;
$$;

comment on function public.reserve_stock(uuid, integer) is
  'Cart: set the caller''s hold on a product to quantity (0 removes) for 30 minutes. Returns {product_id, quantity, expires_at, available}. PT409 when not enough stock (detail available=N).';
