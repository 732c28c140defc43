-- =============================================================================================
-- Order status machine, for everyone including Studio (postgres):
--
--   pending → processing → shipped → delivered
--   pending → cancelled,  processing → cancelled        (never after shipment)
--
-- A BEFORE trigger refuses every other change (PT409). An AFTER trigger, on each change,
-- writes an order_events row (who, from, to, when, reason) and an audit_log row, and on
-- cancellation puts the items' units back on the shelf. Because cancelled is final, stock is
-- restored exactly once, whoever cancels (cancel_order, an admin, a Studio edit).
--
--   rpc('cancel_order', { order_id, reason? })          owner while pending; admins while
--                                                       pending or processing
--   rpc('set_order_status', { order_id, status, reason? })  admins (and Studio/service role):
--                                                       move an order along the machine
-- The reason travels to the trigger in the transaction setting app.audit_reason (also read by
-- private.write_audit), so a Studio user may `set local app.audit_reason = '…'` before an edit.
-- Error codes: see the catalogue in 20261121000400_clock.sql.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * Refuses illegal status changes with a sentence naming both states and the allowed next ones.
 * Invoker: it reads only OLD and NEW.
 */
create function private.check_order_status_change()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  allowed public.order_status[] := case old.status
    when 'pending' then array['processing', 'cancelled']::public.order_status[]
    when 'processing' then array['shipped', 'cancelled']::public.order_status[]
    when 'shipped' then array['delivered']::public.order_status[]
    else array[]::public.order_status[]
  end;
begin
  if new.status = old.status or new.status = any (allowed) then
    return new;
  end if;
  if new.status = 'cancelled' and old.status in ('shipped', 'delivered') then
    raise exception using
      errcode = 'PT409',
      message = format('Order %s has been shipped and can no longer be cancelled.', old.order_number),
      hint = 'order_shipped';
  end if;
  raise exception using
    errcode = 'PT409',
    message = format('An order cannot go from %s to %s.', old.status, new.status),
    hint = 'order_transition_invalid',
    detail = case when cardinality(allowed) = 0
                  then format('%s is final.', old.status)
                  else format('From %s it can go to: %s.', old.status, array_to_string(allowed, ', ')) end;
end;
$$;

comment on function private.check_order_status_change() is
  'Trigger: allows only pending→processing→shipped→delivered and pending/processing→cancelled (PT409 otherwise).';

revoke execute on function private.check_order_status_change() from public;

/**
 * After a legal status change: history row, audit row, and on cancellation the units go back
 * to stock (products locked in id order). Security definer because a change made through an
 * RPC must still write order_events, audit_log and products.stock, which API roles cannot.
 */
create function private.record_order_status_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  why text := nullif(btrim(coalesce(current_setting('app.audit_reason', true), '')), '');
begin
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
    jsonb_build_object('status', old.status), jsonb_build_object('status', new.status), why);
  return null;
end;
$$;

comment on function private.record_order_status_change() is
  'Trigger: writes order_events and audit_log for a status change; restores stock when an order is cancelled.';

revoke execute on function private.record_order_status_change() from public;

/**
 * cancel_order, privileged half. Owners may cancel while pending; admins (and Studio or the
 * service role) while pending or processing. Security definer because orders are not
 * writable by API roles; it checks ownership and role itself.
 */
create function private.cancel_order(order_id uuid, reason text default null)
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
             case when operator then 'Cancelled by an admin' else 'Cancelled by the customer' end), true);
  update public.orders o set status = 'cancelled' where o.id = target.id returning o.* into target;
  perform set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  return target;
end;
$$;

comment on function private.cancel_order(uuid, text) is 'Privileged half of public.cancel_order.';

revoke execute on function private.cancel_order(uuid, text) from public;
grant execute on function private.cancel_order(uuid, text) to authenticated, service_role;

/**
 * rpc('cancel_order', { order_id, reason? }): cancels an order and puts its units back on the
 * shelf. Owner: while pending. Admin: while pending or processing. Returns the order row.
 * Errors: PT401, PT404 not found (or not yours), PT409 already cancelled / processing / shipped.
 */
create function public.cancel_order(order_id uuid, reason text default null)
returns public.orders
language sql
security invoker
set search_path = ''
as $$
  select * from private.cancel_order(cancel_order.order_id, cancel_order.reason);
$$;

comment on function public.cancel_order(uuid, text) is
  'Cancel an order (owner while pending, admin while pending or processing); restores stock once. PT409 if already cancelled or too late.';

revoke execute on function public.cancel_order(uuid, text) from public;
grant execute on function public.cancel_order(uuid, text) to authenticated, service_role;

/**
 * set_order_status, privileged half: an operator moves an order along the machine (the trigger
 * refuses illegal moves). Security definer because orders are not writable by API roles; it
 * checks private.is_operator() itself.
 */
create function private.set_order_status(order_id uuid, status public.order_status, reason text default null)
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
  perform set_config('app.audit_reason', coalesce(set_order_status.reason, ''), true);
  update public.orders o set status = set_order_status.status where o.id = set_order_status.order_id
  returning o.* into target;
  perform set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  if target.id is null then
    raise exception using errcode = 'PT404', message = 'Order not found.', detail = 'order_id', hint = 'order_not_found';
  end if;
  return target;
end;
$$;

comment on function private.set_order_status(uuid, public.order_status, text) is 'Privileged half of public.set_order_status.';

revoke execute on function private.set_order_status(uuid, public.order_status, text) from public;
grant execute on function private.set_order_status(uuid, public.order_status, text) to authenticated, service_role;

/**
 * rpc('set_order_status', { order_id, status, reason? }): admin area — move an order to
 * processing, shipped, delivered or cancelled. 42501 for non-admins; PT409 for illegal moves.
 */
create function public.set_order_status(order_id uuid, status public.order_status, reason text default null)
returns public.orders
language sql
security invoker
set search_path = ''
as $$
  select * from private.set_order_status(set_order_status.order_id, set_order_status.status, set_order_status.reason);
$$;

comment on function public.set_order_status(uuid, public.order_status, text) is
  'Admins: move an order along pending → processing → shipped → delivered (or cancel before shipment). Audited.';

revoke execute on function public.set_order_status(uuid, public.order_status, text) from public;
grant execute on function public.set_order_status(uuid, public.order_status, text) to authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger orders_check_status_change
  before update of status on public.orders
  for each row execute function private.check_order_status_change();

create trigger orders_record_status_change
  after update of status on public.orders
  for each row
  when (old.status is distinct from new.status)
  execute function private.record_order_status_change();
