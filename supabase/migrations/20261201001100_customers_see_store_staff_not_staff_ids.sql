-- =============================================================================================
-- An order's history tells its customer who acted as "customer" or "store staff", never a
-- staff member's user id or the database role.
--
-- order_events.actor_id (an admin's auth user id) and actor_role ('postgres' for Studio) were
-- readable by the order's owner. Now order_events.acted_by says customer | store staff,
-- decided for every writer by a trigger (the order's owner acting → customer; anyone else:
-- an admin, the service role, Studio → store staff), and the API roles may read every column
-- but actor_id and actor_role. Operators still see both in Studio (postgres) and in audit_log.
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

alter table public.order_events
  add column acted_by text not null default 'store staff'
    constraint order_events_acted_by_check check (acted_by in ('customer', 'store staff'));

comment on column public.order_events.acted_by is
  'Who acted, as the customer may see it: customer (the order''s owner) or store staff (an admin, a script, Studio). Set by a trigger.';

update public.order_events e
   set acted_by = 'customer'
  from public.orders o
 where o.id = e.order_id
   and e.actor_id is not null
   and e.actor_id = o.user_id;

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/**
 * BEFORE INSERT ON order_events: acted_by = customer when the actor is the order's owner,
 * store staff otherwise. Security definer so the check reads the order whoever inserts.
 */
create function private.set_order_event_acted_by()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.acted_by := case
    when new.actor_id is not null
     and new.actor_id = (select o.user_id from public.orders o where o.id = new.order_id) then 'customer'
    else 'store staff'
  end;
  return new;
end;
$$;

comment on function private.set_order_event_acted_by() is
  'Trigger: labels an order event customer (the owner acted) or store staff (anyone else).';

revoke execute on function private.set_order_event_acted_by() from public;

-- ---------------------------------------------------------------------------------------------
-- Grants: every column but the staff identity
-- ---------------------------------------------------------------------------------------------

revoke select on public.order_events from authenticated;
grant select (id, order_id, from_status, to_status, acted_by, reason, created_at) on public.order_events to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------

create trigger order_events_set_acted_by
  before insert on public.order_events
  for each row execute function private.set_order_event_acted_by();
