-- =============================================================================================
-- Catalog reads, cheaper: the same rows, columns, types and rules as 20261121000300 (and the
-- holds rule of 20261121000410); only how much the database does per product.
--
-- Measured (EXPLAIN ANALYZE as anon, seed data, warm backend): product_cards for the home page
-- (6 products) spent ~3.7 of its ~4.2 ms in private.product_availability(), ~0.6 ms per product:
--   * its lateral `(select private.available_stock(p.id) as available)` was flattened into the
--     CASE expressions, so available_stock() ran 3-5 times per product (once per reference);
--   * available_stock(), product_availability() and is_admin() are SQL functions with a
--     search_path setting and security definer: never inlined, so every call parsed and
--     planned its body again (PostgreSQL 15 caches no plans for SQL functions);
--   * is_admin() ran for visitors too, who have no uid and so can never be admins.
-- Now:
--   * available_stock() and product_availability() are plpgsql: same query, planned once per
--     session. available_stock() keeps its body, signature, grants and comment exactly; it is
--     still the ONE place that says how many units can be sold.
--   * product_availability() calls available_stock() once per product and asks is_admin() only
--     when the caller has a uid.
--   * product_pages reads products + categories directly instead of product_cards joined back
--     to products (one products lookup instead of two, a smaller plan to build per request).
-- Result: the home page's product_cards ~4.2 → ~0.6 ms, product_pages ~1.7 → ~0.5 ms (see
-- docs/decisions/003-catalog-page-latency.md).
-- =============================================================================================

-- available_stock() belongs to the stock holds work (20261121000410). This migration carries
-- its body over unchanged; if someone changed that body in a migration that sorts before this
-- one, stop here instead of silently undoing their change.
do $$
begin
  if (select md5(p.prosrc) from pg_catalog.pg_proc as p where p.oid = 'private.available_stock(uuid)'::regprocedure)
     <> 'a246904fefbec533a43fd84a72a18673' then
    raise exception 'private.available_stock(uuid) is not the body of 20261121000410 any more'
      using hint = 'Carry the new body into 20261121000600_catalog_availability_planned_once.sql (keep it plpgsql).';
  end if;
end;
$$;

/**
 * Units of a product the caller can still get: stock − unexpired holds of other users (your
 * own hold never counts against you). Same query as 20261121000410, in plpgsql so that query is
 * planned once per session instead of on every call. Null for an unknown product.
 */
create or replace function private.available_stock(product_id uuid)
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

/**
 * The storefront's availability badge for one product (unchanged contract, see
 * 20261121000300): quantity_left only when 1–5 units remain; stock_on_hand only for admins.
 * available_stock() runs once per product; is_admin() only for a caller with a uid (a visitor
 * without one is never an admin).
 */
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
  'Availability badge of a product: status, quantity_left (only when 1-5 remain), stock_on_hand (admins only). Used by the product_cards and product_pages views.';

/**
 * Same columns and types as 20261121000300; built from the tables instead of from
 * product_cards (whose card image the page does not show) joined back to products.
 */
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
  ) as related
from public.products as p
join public.categories as c on c.id = p.category_id
cross join lateral private.product_availability(p.id) as a;
