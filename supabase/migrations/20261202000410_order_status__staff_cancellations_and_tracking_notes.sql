-- =============================================================================================
-- Order status, changed (issue #15):
--   * shipping needs a tracking note (set_order_status's reason, PT422 tracking_note_required),
--     which the customer reads in the order history;
--   * whoever cancels an order that is not theirs (an admin through cancel_order or
--     set_order_status, the service role, a Studio edit) is the store: without a reason the
--     history says "Cancelled by the store" (was "Cancelled by an admin" for cancel_order and
--     nothing for the others); order_events.acted_by already said store staff;
--   * any other staff change without a reason is audited with "no reason given".
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
