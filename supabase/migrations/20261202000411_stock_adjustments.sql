-- =============================================================================================
-- Stock adjustments by operators (issue #15):
--
--   rpc('adjust_stock', { product_id, reason, delta | new_stock })   audited, never below what
--                                                                    shoppers hold right now
--
-- Stock model (…0410, …0420): products.stock is what is on the shelf; place_order takes sold
-- units off it at checkout and a cancellation puts them back, so what is sold is already
-- outside stock. What a new stock level must still cover is the unexpired holds (carts). So a
-- stock change, by adjust_stock or a table edit (API or Studio), is refused below the units
-- held right now (PT409 stock_below_held) and audited as product.stock_changed with old/new
-- values ("no reason given" for a table edit). The order paths themselves (checkout,
-- cancellation) are not audited here: their own order_events and order.status_changed rows are.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/** Units of a product held in carts right now (unexpired holds of everyone). */
create function private.held_stock(product_id uuid)
returns integer
language sql
stable
set search_path = ''
as $$
  select coalesce(sum(r.quantity), 0)::integer
    from public.stock_reservations r
   where r.product_id = held_stock.product_id
     and r.expires_at > (select private.now());
$$;

comment on function private.held_stock(uuid) is 'Units of a product in unexpired holds (all shoppers). Internal.';

revoke execute on function private.held_stock(uuid) from public;

/**
 * AFTER UPDATE OF stock ON products: a change by hand (adjust_stock, the API's table edit, a
 * Studio edit) must leave at least the units held right now, and is audited with old/new values
 * and app.audit_reason ("no reason given" without one). The order paths are left out: a
 * cancellation restores stock inside the status trigger (trigger depth > 1), and a checkout
 * takes units off for an order of this product this same transaction created for the caller.
 * Security definer: it reads every hold and writes audit_log.
 */
create function private.audit_stock_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  held integer;
begin
  if pg_trigger_depth() > 1 then
    return null;
  end if;
  if new.stock < old.stock and auth.uid() is not null and exists (
       select 1 from public.order_items i join public.orders o on o.id = i.order_id
        where i.product_id = new.id and o.user_id = auth.uid() and o.created_at = now()) then
    return null;
  end if;
  held := private.held_stock(new.id);
  if new.stock < held then
    raise exception using
      errcode = 'PT409',
      message = format('%s units of "%s" are in shoppers'' carts: stock cannot go below %s.', held, new.name, held),
      detail = format('held=%s', held),
      hint = 'stock_below_held';
  end if;
  perform private.write_audit('product.stock_changed', 'public.products', new.id::text,
    jsonb_build_object('stock', old.stock), jsonb_build_object('stock', new.stock),
    coalesce(nullif(current_setting('app.audit_reason', true), ''), 'no reason given'));
  return null;
end;
$$;

comment on function private.audit_stock_change() is
  'Trigger: a stock change by hand stays at or above the units held in carts (PT409 stock_below_held) and is audited.';

revoke execute on function private.audit_stock_change() from public;

/**
 * adjust_stock, privileged half: give either delta (units received or lost, e.g. 10 or -2) or
 * new_stock (after a count). Locks the product; the stock trigger refuses going below the units
 * held and audits. Security definer: products.stock is not writable by the caller otherwise.
 */
create function private.adjust_stock(product_id uuid, delta integer, new_stock integer, reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  why text;
  target public.products;
  wanted integer;
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if not private.is_operator() then
    raise exception using errcode = 'PT403', message = 'Only an admin can do that.', hint = 'admin_only';
  end if;
  why := private.required_reason(adjust_stock.reason);
  if (delta is null) = (new_stock is null) or delta = 0 then
    raise exception using
      errcode = 'PT422',
      message = 'Give either a change (delta, not 0) or the new stock level (new_stock), not both.',
      hint = 'stock_change_invalid';
  end if;
  select p.* into target from public.products p where p.id = adjust_stock.product_id for update;
  if target.id is null then
    raise exception using errcode = 'PT404', message = 'Product not found.', detail = 'product_id', hint = 'product_not_found';
  end if;
  wanted := coalesce(new_stock, target.stock + delta);
  if wanted < 0 then
    raise exception using
      errcode = 'PT409',
      message = format('Only %s units of "%s" are in stock: it cannot go below 0.', target.stock, target.name),
      hint = 'stock_below_held';
  end if;
  perform pg_catalog.set_config('app.audit_reason', why, true);
  update public.products p set stock = wanted where p.id = target.id returning p.* into target;
  perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  return jsonb_build_object('product_id', target.id, 'stock', target.stock, 'held', private.held_stock(target.id));
end;
$$;

comment on function private.adjust_stock(uuid, integer, integer, text) is 'Privileged half of public.adjust_stock.';

revoke execute on function private.adjust_stock(uuid, integer, integer, text) from public;
grant execute on function private.adjust_stock(uuid, integer, integer, text) to authenticated, service_role;

/**
 * rpc('adjust_stock', { product_id, delta } | { product_id, new_stock }, reason): returns
 * {"product_id", "stock", "held"}. Errors: PT403 admin_only, PT422 reason_required /
 * stock_change_invalid, PT404 product_not_found, PT409 stock_below_held.
 */
create function public.adjust_stock(product_id uuid, reason text, delta integer default null, new_stock integer default null)
returns jsonb
language sql
security invoker
set search_path = ''
as $$
  select private.adjust_stock(adjust_stock.product_id, adjust_stock.delta, adjust_stock.new_stock, adjust_stock.reason);
$$;

comment on function public.adjust_stock(uuid, text, integer, integer) is
  'Admins: change a product''s stock by delta or to new_stock, with a reason (audited); never below the units held in carts.';

revoke execute on function public.adjust_stock(uuid, text, integer, integer) from public;
grant execute on function public.adjust_stock(uuid, text, integer, integer) to authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger products_audit_stock_change
  after update of stock on public.products
  for each row
  when (old.stock is distinct from new.stock)
  execute function private.audit_stock_change();
