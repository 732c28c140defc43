-- =============================================================================================
-- "In other shoppers' carts" instead of "Sold out" (issue #19). A product whose units are all
-- held by other shoppers is not sold out: the holds end within 30 minutes unless checked out.
-- The badge now says held_elsewhere while units are on the shelf, and sold_out only for an
-- empty shelf; rpc('product_hold_ends', { product_id }) says when the earliest of those holds
-- ends, so the product page can say "may be available again soon (from about 14:32)".
--
-- What it reveals is no more than the badge: a time only while the product is held_elsewhere
-- (for this caller), never whose hold it is or how many units. A caller's own holds never
-- count against them, as everywhere (private.available_stock).
-- =============================================================================================

-- Replaced (was …0300): held_elsewhere when the shelf has units but none is available.
create or replace function private.product_availability(product_id uuid)
  returns table (availability public.stock_status, quantity_left integer, stock_on_hand integer)
  language plpgsql
  stable
  security definer
  set search_path = ''
  rows 1
as $$
declare
  on_shelf integer;
  available integer;
begin
  select p.stock into on_shelf from public.products as p where p.id = product_availability.product_id;
  if not found then
    return;
  end if;
  available := private.available_stock(product_availability.product_id);
  availability := case
    when available <= 0 and on_shelf > 0 then 'held_elsewhere'
    when available <= 0 then 'sold_out'
    when available <= 5 then 'few_left'
    else 'in_stock'
  end::public.stock_status;
  quantity_left := case when available between 1 and 5 then available end;
  stock_on_hand := case when (select auth.uid()) is not null and private.is_admin() then on_shelf end;
  return next;
end;
$$;

comment on function private.product_availability(uuid) is
  'Availability badge of a product: status (held_elsewhere: all units in other shoppers'' carts; sold_out: empty shelf), quantity_left (only when 1-5 remain), stock_on_hand (admins only). Used by the product_cards and product_pages views.';

/** Privileged half of public.product_hold_ends. */
create function private.product_hold_ends(product_id uuid)
returns timestamptz
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  at_now timestamptz := private.now();
  status public.stock_status;
begin
  select a.availability into status from private.product_availability(product_hold_ends.product_id) a;
  if status is distinct from 'held_elsewhere' then
    return null;
  end if;
  return (
    select min(r.expires_at)
      from public.stock_reservations r
     where r.product_id = product_hold_ends.product_id
       and r.expires_at > at_now
       and r.user_id is distinct from (select auth.uid()));
end;
$$;

comment on function private.product_hold_ends(uuid) is 'Privileged half of public.product_hold_ends.';

revoke execute on function private.product_hold_ends(uuid) from public;
grant execute on function private.product_hold_ends(uuid) to anon, authenticated;

/**
 * rpc('product_hold_ends', { product_id }): while a product is held_elsewhere, when the earliest
 * hold of another shopper ends (it may come back then); null otherwise. Reveals no count and no
 * shopper.
 */
create function public.product_hold_ends(product_id uuid)
returns timestamptz
language sql
stable
security invoker
set search_path = ''
as $$
  select private.product_hold_ends(product_hold_ends.product_id);
$$;

comment on function public.product_hold_ends(uuid) is
  'While a product is held_elsewhere (all units in other shoppers'' carts): when the earliest of those holds ends. Null otherwise.';

revoke execute on function public.product_hold_ends(uuid) from public;
grant execute on function public.product_hold_ends(uuid) to anon, authenticated;
