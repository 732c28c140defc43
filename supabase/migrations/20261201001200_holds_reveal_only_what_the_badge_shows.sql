-- =============================================================================================
-- reserve_stock reveals no more stock than the availability badge does.
--
-- The badge shows a count only when 1-5 units are left (private.product_availability). But
-- reserve_stock returned `available` for any stock and its PT409 said "Only 25 left" to anyone
-- asking for 26, so exact stock could be read off the cart. Now both follow the badge: a count
-- when 1-5 units are left for the caller, 0 when none, otherwise no number (available is null;
-- the refusal says "Not that many are available right now." with no detail).
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

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

/**
 * Keeps products.reserved equal to the sum of holds (same contract as in 20261121000520). An
 * increase is one conditional update, re-checked after any lock wait, so it can never grant
 * more than stock; it fails with PT409, naming how many are left only when 0-5 are.
 */
create or replace function private.track_reserved_stock()
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
          hint = 'Lower the quantity, or try again later: other carts may release their holds.';
      end if;
      raise exception using
        errcode = 'PT409',
        message = case when shown = 0 then 'Sorry, this product is sold out right now.' else format('Only %s left.', shown) end,
        detail = format('available=%s', shown),
        hint = 'Lower the quantity, or try again later: other carts may release their holds.';
    end if;
  end if;
  return null;
end;
$$;

/**
 * rpc('reserve_stock') answers `available` the badge's way (see the header): the public half
 * is unchanged; the privileged half's last statement is replaced here.
 */
create or replace function public.reserve_stock(product_id uuid, quantity integer)
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

grant execute on function private.public_stock_count(integer) to authenticated;
