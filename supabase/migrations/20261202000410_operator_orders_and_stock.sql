-- =============================================================================================
-- Operators, orders and stock (issue #15).
--
--   rpc('set_order_status', { order_id, status, reason })   shipped needs the tracking note as
--                                                           its reason (PT422 tracking_note_required)
--   rpc('adjust_stock', { product_id, delta | new_stock, reason })   audited, never below what
--                                                           shoppers hold right now
--
-- Staff cancellations: whoever cancels an order that is not theirs (an admin through
-- cancel_order or set_order_status, the service role, a Studio edit) is the store. Without a
-- reason the history now says "Cancelled by the store" (was "Cancelled by an admin" for
-- cancel_order and nothing for the others); order_events.acted_by already said store staff.
-- Any other status change without a reason is audited with "no reason given".
--
-- Stock model (…0410, …0420): products.stock is what is on the shelf; place_order takes sold
-- units off it at checkout and a cancellation puts them back, so what is sold is already
-- outside stock. What a new stock level must still cover is the unexpired holds (carts). So a
-- stock change, by adjust_stock or a table edit (API or Studio), is refused below the units
-- held right now (PT409 stock_below_held) and audited as product.stock_changed with old/new
-- values. The order paths themselves (checkout, cancellation) are not audited here: their own
-- order_events and order.status_changed rows are.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

-- Replaced (was …0430): a cancellation by staff without a reason says "Cancelled by the store";
-- other staff changes without a reason are audited with "no reason given".
create or replace function private.record_order_status_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  why text := nullif(btrim(coalesce(current_setting('app.audit_reason', true), '')), '');
  by_staff boolean := auth.uid() is null or auth.uid() is distinct from new.user_id;
begin
  -- A cancellation by anyone but the customer is the store's, never the customer's.
  if why is null and new.status = 'cancelled' and by_staff then
    why := 'Cancelled by the store';
  end if;
  if new.status = 'cancelled' then
    perform
       from public.products p
      where p.id in (select i.product_id from public.order_items i where i.order_id = new.id)
      order by p.id
        for update;
    update public.products p
       set stock = p.stock + i.quantity
      from public.order_items i
     where i.order_id = new.id
       and p.id = i.product_id;
  end if;

  insert into public.order_events (order_id, from_status, to_status, actor_id, actor_role, reason)
  values (new.id, old.status, new.status, auth.uid(), coalesce(nullif(auth.role(), ''), session_user::text), left(why, 1000));

  perform private.write_audit(
    'order.status_changed', 'public.orders', new.id::text,
    jsonb_build_object('status', old.status), jsonb_build_object('status', new.status),
    coalesce(why, case when by_staff then 'no reason given' end));
  return null;
end;
$$;

-- Replaced (was …0430): the default reason of a staff cancellation is "Cancelled by the store".
create or replace function private.cancel_order(order_id uuid, reason text default null)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
  operator boolean := private.is_operator();
  target public.orders;
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if me is null and not operator then
    raise exception using
      errcode = 'PT401',
      message = 'You need to be signed in to cancel an order.',
      hint = 'sign_in_required';
  end if;

  select o.* into target from public.orders o where o.id = cancel_order.order_id for update;
  if not found or (not operator and target.user_id is distinct from me) then
    raise exception using errcode = 'PT404', message = 'Order not found.', detail = 'order_id', hint = 'order_not_found';
  end if;
  if target.status = 'cancelled' then
    raise exception using
      errcode = 'PT409',
      message = format('Order %s is already cancelled.', target.order_number),
      hint = 'order_already_cancelled';
  end if;
  if target.status in ('shipped', 'delivered') then
    raise exception using
      errcode = 'PT409',
      message = format('Order %s has been shipped and can no longer be cancelled.', target.order_number),
      hint = 'order_shipped';
  end if;
  if not operator and target.status <> 'pending' then
    raise exception using
      errcode = 'PT409',
      message = format('Order %s is already being processed, so it can no longer be cancelled online.', target.order_number),
      hint = 'order_in_processing';
  end if;

  perform set_config('app.audit_reason',
    coalesce(nullif(btrim(coalesce(cancel_order.reason, '')), ''),
             case when target.user_id is distinct from me then 'Cancelled by the store' else 'Cancelled by the customer' end), true);
  update public.orders o set status = 'cancelled' where o.id = target.id returning o.* into target;
  perform set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  return target;
end;
$$;

-- Replaced (was …0430): shipping needs a tracking note (the reason, which the customer reads in
-- the order history); a cancellation without a reason is the store's (the trigger says so).
create or replace function private.set_order_status(order_id uuid, status public.order_status, reason text default null)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  target public.orders;
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if not private.is_operator() then
    raise exception using errcode = '42501', message = 'Only an admin can change an order''s status.', hint = 'order_status_admin_only';
  end if;
  if set_order_status.status = 'shipped' and char_length(btrim(coalesce(set_order_status.reason, ''))) = 0 then
    raise exception using
      errcode = 'PT422',
      message = 'Add a tracking note (carrier and tracking number) to mark an order shipped.',
      detail = 'reason',
      hint = 'tracking_note_required';
  end if;
  if char_length(btrim(coalesce(set_order_status.reason, ''))) > 0 then
    perform set_config('app.audit_reason', private.required_reason(set_order_status.reason), true);
  else
    perform set_config('app.audit_reason', '', true);
  end if;
  update public.orders o set status = set_order_status.status where o.id = set_order_status.order_id
  returning o.* into target;
  perform set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  if target.id is null then
    raise exception using errcode = 'PT404', message = 'Order not found.', detail = 'order_id', hint = 'order_not_found';
  end if;
  return target;
end;
$$;

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
