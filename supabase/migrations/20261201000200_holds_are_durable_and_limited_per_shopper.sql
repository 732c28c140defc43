-- =============================================================================================
-- Stock holds: every acknowledged hold is durable again, and one shopper may hold only so
-- many units of a product.
--
-- Durable: 20261121000510 made reserve_stock commit with synchronous_commit = off. An attack
-- run crashed the server 0.2 s after ten holds were acknowledged and lost 0-7 of them: a
-- shopper was told "in your cart" and the cart was empty after the restart. Every
-- acknowledged write must survive a crash, so reserve_stock now commits like everything else
-- (the server's synchronous_commit). The statement trigger that put order-writing
-- transactions back to the durable setting has nothing left to undo and goes too.
-- Decision 002 says what this costs on a hot product (npm run bench).
--
-- Limited: one guest could hold a product's whole stock and renew the hold forever.
-- app_settings.max_units_held_per_product (default 5) caps the units one shopper may hold of
-- one product; reserve_stock refuses more with 22023 (detail 'limit=N'). Together with Auth's
-- rate limit on new guests (config.toml [auth.rate_limit] anonymous_users), nobody can empty
-- the shelf by holding it. product_pages shows the cap so the quantity picker can offer it.
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

alter table public.app_settings
  add column max_units_held_per_product integer not null default 5
    constraint app_settings_max_units_held_per_product_check check (max_units_held_per_product between 1 and 1000);

comment on column public.app_settings.max_units_held_per_product is
  'Most units of one product a single shopper (guest or account) may hold in their cart at once (1-1000). reserve_stock refuses more.';

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/**
 * reserve_stock, privileged half (same contract as in 20261121000500, plus the per-shopper
 * limit). Sets the caller's hold on one product to `quantity` (0 removes it) and renews it for
 * 30 minutes from private.now(). Refuses more than app_settings.max_units_held_per_product
 * (22023, detail 'limit=N'). Expired holds of the product are deleted first when the index
 * says there are any. The counter trigger grants the difference or raises PT409.
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
  hold_limit integer;
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

  select s.max_units_held_per_product into hold_limit from public.app_settings s;
  if quantity > coalesce(hold_limit, 5) then
    raise exception using
      errcode = '22023',
      message = format('You can hold at most %s of a product at a time.', coalesce(hold_limit, 5)),
      detail = format('limit=%s', coalesce(hold_limit, 5)),
      hint = 'Lower the quantity.';
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
 * rpc('reserve_stock', { product_id, quantity }): see private.reserve_stock. Commits with the
 * server's synchronous_commit, like every other write (no asynchronous commit any more).
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
  'Cart: set the caller''s hold on a product to quantity (0 removes) for 30 minutes; at most app_settings.max_units_held_per_product. Returns {product_id, quantity, expires_at, available}. PT409 when not enough stock (detail available=N); 22023 above the limit (detail limit=N).';

drop trigger orders_commit_durably on public.orders;
drop function private.orders_commit_durably();

-- ---------------------------------------------------------------------------------------------
-- Views: product_pages gains the per-shopper limit (appended; every other column unchanged)
-- ---------------------------------------------------------------------------------------------

create or replace view public.product_pages
  with (security_invoker = true)
as
select
  p.id,
  p.slug,
  p.name,
  c.slug as category_slug,
  c.name as category_name,
  p.price,
  p.is_new,
  p.description,
  p.features,
  a.availability,
  a.quantity_left,
  a.stock_on_hand,
  array(
    select row(i.type, i.size, i.url, i.alt, i.position)::public.catalog_image
    from public.product_images as i
    where i.product_id = p.id and i.type in ('product', 'gallery')
    order by i.type, i.position, i.size
  ) as images,
  array(
    select row(x.quantity, x.item)::public.included_item
    from public.product_includes as x
    where x.product_id = p.id
    order by x.position, x.item
  ) as includes,
  array(
    select row(
      r.slug,
      r.name,
      (array_agg(ri.url order by ri.position) filter (where ri.size = 'mobile'))[1],
      (array_agg(ri.url order by ri.position) filter (where ri.size = 'tablet'))[1],
      (array_agg(ri.url order by ri.position) filter (where ri.size = 'desktop'))[1],
      (array_agg(ri.alt order by ri.position, ri.size))[1]
    )::public.related_card
    from public.related_products as rp
    join public.products as r on r.id = rp.related_product_id
    left join public.product_images as ri on ri.product_id = r.id and ri.type = 'related'
    where rp.product_id = p.id
    group by rp.id, rp.position, r.slug, r.name
    order by rp.position, r.slug
  ) as related,
  (select s.max_units_held_per_product from public.app_settings as s) as max_units_per_shopper
from public.products as p
join public.categories as c on c.id = p.category_id
cross join lateral private.product_availability(p.id) as a;

comment on column public.product_pages.max_units_per_shopper is
  'app_settings.max_units_held_per_product: the most units of this product one shopper may hold (the quantity picker''s upper bound).';
