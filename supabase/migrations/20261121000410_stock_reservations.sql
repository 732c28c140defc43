-- =============================================================================================
-- Stock holds (the cart): one row per user and product, held for 30 minutes, renewed on every
-- change. rpc('reserve_stock', { product_id, quantity }) is the only way users write them.
--
-- Rule: available to a user = stock − unexpired holds of OTHER users; your own hold never
-- blocks you; under any concurrency the sum of granted holds never exceeds stock. One shopper
-- holds at most app_settings.max_units_held_per_product units of a product (default 5), so
-- nobody can empty the shelf by holding it (together with Auth's rate limit on new guests,
-- config.toml [auth.rate_limit] anonymous_users); product_pages shows the cap to the quantity
-- picker. private.available_stock() is the one place that computes availability; the catalog's
-- badge (private.product_availability, …0300) is built on it.
--
-- Design (correct under READ COMMITTED, fast on a hot product):
--   * products.reserved is a counter equal, at every commit, to the sum of quantity over ALL
--     rows of stock_reservations for that product (expired ones included, until deleted). AFTER
--     triggers on stock_reservations maintain it for every writer: the RPCs, Studio edits, the
--     purge, and the cascade when an account or product is deleted. An update that changes
--     neither quantity nor product (a renewal: new expires_at only) does not call it at all, and
--     a counter-only change does not stamp products.updated_at (…0300).
--   * An increase goes through ONE conditional statement,
--       update products set reserved = reserved + delta where id = … and stock - reserved >= delta
--     which takes the product row lock and, if it had to wait, is re-checked by PostgreSQL
--     against the newest row version (EvalPlanQual). Two racers can never both pass on the same
--     last units. (Locking the product and summing the holds in one statement would read the
--     holds from a stale snapshot and oversell; a counter needs no sum at all.)
--   * Expiry without a scheduler: one statement checks that the product exists and probes the
--     (product_id, expires_at) index for expired holds; only when there is one, reserve_stock
--     deletes them (rows locked in user order, re-checked after any wait, so each expired hold
--     is deleted by exactly one transaction); their quantity leaves the counter through the
--     trigger, in the same transaction, before the conditional update. Readers never trust the
--     counter for expiry: private.available_stock() sums unexpired holds of others with
--     private.now().
--   * The hot product row is locked only from the conditional update to commit, and nothing
--     slow happens in between: no sum, no extra round trip. The caller's own hold is not locked
--     separately: the upsert (or delete) locks it, which serialises one user's concurrent calls.
--   * Lock order everywhere: reservation rows (expired ones when reclaiming, then the caller's),
--     then product rows in product id order (place_order locks the caller's holds ordered by
--     product id, then their products).
--   * The hold's foreign key to its product is checked at commit (deferrable initially
--     deferred). PostgreSQL checks a foreign key by locking the referenced row FOR KEY SHARE;
--     on a hot product that row is nearly always being updated by another transaction (the
--     counter gate), so an immediate check made a MultiXact on the hot row before the hold's own
--     gate even started, and the holder and every waiter had to resolve it (measured, 16
--     clients on one product: 1481-2019 tps immediate, 2675-3077 deferred, 3089-4247 with no FK
--     at all). At commit the key-share lock lands on a row this transaction has already updated
--     (a new hold always moves the counter), so there is no MultiXact and no wait. A hold still
--     references only existing products (checked at commit, or earlier after SET CONSTRAINTS …
--     IMMEDIATE); deleting a product still deletes its holds at once (ON DELETE CASCADE actions
--     are never deferred); reserve_stock answers PT404 for an unknown product before writing
--     anything. So the counter trigger leaves a row for a missing product to the foreign key
--     (23503 at commit) instead of calling it sold out.
--   * Holds commit durably, like every other write (the server's synchronous_commit). On a hot
--     product the commit's WAL flush, not the SQL, is the ceiling (the row lock is released
--     only after it), and asynchronous commit would lift it, but it loses the holds
--     acknowledged just before a crash: a shopper told "in your cart" finds the cart empty after
--     the restart. Every acknowledged write must survive a crash; decision 002 gives the cost.
--   * Holds reveal no more stock than the availability badge: a count only when 0-5 units are
--     left for the caller (private.public_stock_count). reserve_stock's `available` is null
--     above that, and its PT409 then says "Not that many are available right now." with no
--     detail, so exact stock cannot be read off the cart.
--   * A purge of expired holds (private.purge_expired_holds) is housekeeping only.
-- Error codes: see the catalogue in 20261121000400_clock.sql.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Types
  * -------------------------------------------------------
 */

create type public.stock_hold as (
  product_id uuid,
  quantity integer,
  expires_at timestamptz,
  available integer
);

comment on type public.stock_hold is
  'What reserve_stock returns: the caller''s line after the call (quantity 0 and expires_at null when removed) and available = the most this caller may hold now (stock minus unexpired holds of others).';

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

create table public.stock_reservations (
  user_id uuid not null references auth.users (id) on delete cascade,
  product_id uuid not null references public.products (id) on delete cascade deferrable initially deferred,
  quantity integer not null constraint stock_reservations_quantity_range check (quantity between 1 and 1000),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint stock_reservations_pkey primary key (user_id, product_id)
);

/**
  * -------------------------------------------------------
  * Section - Comments
  * -------------------------------------------------------
 */

comment on table public.stock_reservations is
  'Cart holds: one row per user (guests included) and product, valid until expires_at (30 minutes after the last change). Written only by rpc(''reserve_stock'') and place_order; expired rows count for nothing and are deleted lazily.';
comment on column public.stock_reservations.user_id is 'Who holds the stock (auth user, anonymous guests included). Deleting the account deletes the hold.';
comment on column public.stock_reservations.product_id is 'The product held.';
comment on column public.stock_reservations.quantity is 'Units held, 1 to 1000. Setting 0 through reserve_stock deletes the row.';
comment on column public.stock_reservations.expires_at is
  'End of the hold (private.now() + 30 minutes at the last change). At or after this instant the hold no longer counts.';
comment on column public.stock_reservations.created_at is 'When the product was first put in the cart.';
comment on column public.stock_reservations.updated_at is 'Last change of quantity or renewal.';

comment on constraint stock_reservations_product_id_fkey on public.stock_reservations is
  'Checked at commit (deferrable initially deferred) so the check finds the product already locked by the counter update instead of adding a key-share lock on a hot row. Deletes still cascade at once.';

/**
  * -------------------------------------------------------
  * Section - Indexes (user_id is covered by the primary key)
  * -------------------------------------------------------
 */

create index stock_reservations_product_id_expires_at_idx on public.stock_reservations (product_id, expires_at);

/**
  * -------------------------------------------------------
  * Section - Row level security
  * Users read their own holds, admins read all; nobody writes directly.
  * -------------------------------------------------------
 */

alter table public.stock_reservations enable row level security;

create policy "Users read their own holds and admins read every hold"
  on public.stock_reservations for select
  to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * Units of a product the caller can still get: stock − unexpired holds of other users (your
 * own hold never counts against you). Null for an unknown product. Sums the holds instead of
 * trusting products.reserved, so an expired hold that nobody has deleted yet already counts for
 * nothing. In plpgsql so its query is planned once per session instead of on every call.
 * Definer because it reads products.stock, which no API role may select; it is granted to
 * nobody, so only other private definer functions (owned by postgres) call it.
 */
create function private.available_stock(product_id uuid)
returns integer
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
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
     where p.id = available_stock.product_id
  );
end;
$$;

comment on function private.available_stock(uuid) is
  'Units of a product the caller can still get: stock minus unexpired holds of other users. Internal: not granted to API roles.';
revoke all on function private.available_stock(uuid) from public, anon, authenticated, service_role;

/** What the storefront may say about `units` left: the count when 0-5, otherwise null. */
create function private.public_stock_count(units integer)
returns integer
language sql
immutable
set search_path = ''
as $$
  select case when units <= 5 then greatest(units, 0) end;
$$;

comment on function private.public_stock_count(integer) is
  'The count the storefront may show: 0-5, or null when more are left (the badge only counts the last five).';

revoke execute on function private.public_stock_count(integer) from public;
grant execute on function private.public_stock_count(integer) to authenticated;

/**
 * Keeps products.reserved equal to the sum of holds. An increase is one conditional update,
 * re-checked after any lock wait, so it can never grant more than stock; it fails with PT409,
 * naming how many are left only when 0-5 are. A row for a product that does not exist is left
 * to the deferred foreign key. Security definer because the cascades from auth.users (run by
 * the auth admin) and the operators' edits must be able to update products.reserved, which no
 * API role may write.
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
  shown integer;
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
      if not found then
        -- No such product: the foreign key refuses the row (at commit, it is deferred).
        return null;
      end if;
      shown := private.public_stock_count(left_for_caller);
      if shown is null then
        raise exception using
          errcode = 'PT409',
          message = 'Not that many are available right now.',
          hint = 'not_enough_stock';
      end if;
      if shown = 0 then
        raise exception using
          errcode = 'PT409',
          message = 'Sorry, this product is sold out right now.',
          detail = 'available=0',
          hint = 'sold_out';
      end if;
      raise exception using
        errcode = 'PT409',
        message = format('Only %s left.', shown),
        detail = format('available=%s', shown),
        hint = 'few_left';
    end if;
  end if;
  return null;
end;
$$;

comment on function private.track_reserved_stock() is
  'Trigger: keeps products.reserved = sum of holds; refuses (PT409) an increase beyond stock − reserved; leaves a missing product to the deferred foreign key.';

revoke execute on function private.track_reserved_stock() from public;

/**
 * reserve_stock, privileged half. Sets the caller's hold on one product to `quantity` (0
 * removes it) and renews it for 30 minutes from private.now(). Refuses more than
 * app_settings.max_units_held_per_product (22023, detail 'limit=N'). Expired holds of the
 * product are deleted first (each by exactly one transaction) when the index says there are
 * any, so they never block anybody. The counter trigger grants the difference or raises PT409.
 * Returns the exact `available`; the public half shows it the badge's way.
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
  at_now timestamptz;
  has_expired boolean;
  hold_limit integer;
  product_exists boolean;
  line public.stock_hold;
begin
  if me is null then
    raise exception using
      errcode = 'PT401',
      message = 'You need to be signed in (or continue as a guest) to hold stock.',
      hint = 'sign_in_required';
  end if;
  if quantity is null or quantity < 0 or quantity > 1000 then
    raise exception using
      errcode = '22023',
      message = 'Quantity must be a whole number between 0 and 1000.',
      hint = 'quantity_invalid',
      detail = 'quantity';
  end if;

  at_now := private.now();

  -- One statement, no locks: the per-shopper limit, whether the product exists, and whether
  -- any hold of it has expired (one index probe each). Checked in that order.
  select s.max_units_held_per_product,
         p.id is not null,
         exists (
           select from public.stock_reservations r
            where r.product_id = p.id
              and r.expires_at <= at_now)
    into hold_limit, product_exists, has_expired
    from public.app_settings s
    left join public.products p on p.id = reserve_stock.product_id;

  if quantity > coalesce(hold_limit, 5) then
    raise exception using
      errcode = '22023',
      message = format('You can hold at most %s of a product at a time.', coalesce(hold_limit, 5)),
      detail = format('limit=%s', coalesce(hold_limit, 5)),
      hint = 'hold_limit';
  end if;
  if not coalesce(product_exists, false) then
    raise exception using
      errcode = 'PT404',
      message = 'This product does not exist (any more).',
      hint = 'product_not_found',
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

revoke execute on function private.reserve_stock(uuid, integer) from public;
grant execute on function private.reserve_stock(uuid, integer) to authenticated;

/**
 * rpc('reserve_stock', { product_id, quantity }): put `quantity` units of a product in the
 * caller's cart (0 removes the line), renewing the 30-minute hold. Returns the line and the
 * most the caller may hold, as a number only when 0-5 (like the badge; null otherwise). Guests
 * (anonymous users) hold stock the same way.
 * Errors: PT401 not signed in, 22023 bad quantity or above the per-shopper limit (detail
 * 'limit=N'), PT404 unknown product, PT409 not enough stock (detail 'available=N' when 0-5).
 * In plpgsql so the call into the privileged half is planned once per session instead of on
 * every call (a SQL function with a search_path setting is never inlined).
 */
create function public.reserve_stock(product_id uuid, quantity integer)
returns public.stock_hold
language plpgsql
security invoker
set search_path = ''
as $$
declare
  line public.stock_hold := private.reserve_stock(reserve_stock.product_id, reserve_stock.quantity);
begin
  line.available := private.public_stock_count(line.available);
  return line;
end;
$$;

comment on function public.reserve_stock(uuid, integer) is
  'Cart: set the caller''s hold on a product to quantity (0 removes) for 30 minutes; at most app_settings.max_units_held_per_product. Returns {product_id, quantity, expires_at, available}, available only when 0-5 (like the badge). PT409 when not enough stock; 22023 above the limit (detail limit=N).';

revoke execute on function public.reserve_stock(uuid, integer) from public;
grant execute on function public.reserve_stock(uuid, integer) to authenticated;

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

/**
  * -------------------------------------------------------
  * Section - Grants
  * Read own holds (RLS); writes only through reserve_stock / place_order.
  * -------------------------------------------------------
 */

revoke all on public.stock_reservations from anon, authenticated, service_role;
grant select on public.stock_reservations to authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger stock_reservations_track_reserved
  after insert or delete on public.stock_reservations
  for each row execute function private.track_reserved_stock();

-- A renewal changes only expires_at/updated_at: the counter does not move, so no call at all.
create trigger stock_reservations_track_reserved_changes
  after update on public.stock_reservations
  for each row
  when (old.quantity is distinct from new.quantity or old.product_id is distinct from new.product_id)
  execute function private.track_reserved_stock();
