-- =============================================================================================
-- Studio lists for operators (issue #15), next to admin.pending_enrollments, admin.waitlists
-- (…0510), admin.invitation_usage (…0250) and admin.mail_problems (…0110). All are
-- security_invoker (they run with the operator's rights: postgres in Studio) and granted to
-- no API role; the app's admin area reads the tables through RLS instead.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Views
  * -------------------------------------------------------
 */

create view admin.payments_awaited
  with (security_invoker = true)
as
select en.id as enrollment_id, e.slug as event_slug, e.name as event_name, e.starts_at, e.fee,
       en.status, en.user_id,
       coalesce(p.display_name, nullif(concat_ws(' ', p.first_name, p.last_name), '')) as member_name,
       u.email::text as member_email, p.phone as member_phone, en.created_at as enrolled_at
from public.enrollments en
join public.events e on e.id = en.event_id
join public.profiles p on p.id = en.user_id
left join auth.users u on u.id = en.user_id
where en.payment_status = 'awaiting' and en.status in ('pending', 'waitlisted')
order by e.starts_at, en.created_at;

comment on view admin.payments_awaited is
  'Enrollments of paid events whose payment has not been recorded, soonest event first. After checking the transfer: select public.mark_enrollment_paid(enrollment_id, ''<bank reference>'', ''why'').';

create view admin.low_stock
  with (security_invoker = true)
as
select p.id as product_id, p.slug, p.name, p.stock, private.held_stock(p.id) as held,
       greatest(p.stock - private.held_stock(p.id), 0) as available, p.updated_at
from public.products p
where p.stock - private.held_stock(p.id) <= 5
order by p.stock - private.held_stock(p.id), p.name;

comment on view admin.low_stock is
  'Products with 5 or fewer units left for new carts (stock minus unexpired holds). Restock: select public.adjust_stock(product_id, ''why'', delta => 10).';

create view admin.recent_orders
  with (security_invoker = true)
as
select o.id as order_id, o.order_number, o.status, o.created_at, o.updated_at, o.user_id,
       o.customer_name, o.customer_email, o.customer_phone, o.payment_method, o.grand_total,
       (select count(*) from public.order_items i where i.order_id = o.id) as lines,
       (select e.reason from public.order_events e where e.order_id = o.id order by e.id desc limit 1) as last_note
from public.orders o
where o.created_at > now() - interval '30 days'
order by o.created_at desc;

comment on view admin.recent_orders is
  'Orders of the last 30 days, newest first, with the last history note (e.g. the tracking note). Move one along: select public.set_order_status(order_id, ''shipped'', ''<carrier and tracking number>'').';

create view admin.audit_trail
  with (security_invoker = true)
as
select a.id, a.occurred_at, a.action, a.reason, a.actor_role, a.actor_id,
       coalesce(ap.display_name, nullif(concat_ws(' ', ap.first_name, ap.last_name), ''), au.email::text,
                case when a.actor_id is null then a.actor_role end) as actor_name,
       au.email::text as actor_email,
       a.target_table, a.target_id,
       case when a.target_table in ('auth.users', 'public.profiles')
            then coalesce(tp.display_name, nullif(concat_ws(' ', tp.first_name, tp.last_name), ''), tu.email::text) end as target_name,
       case when a.target_table in ('auth.users', 'public.profiles') then tu.email::text end as target_email,
       a.old_values, a.new_values
from public.audit_log a
left join auth.users au on au.id = a.actor_id
left join public.profiles ap on ap.id = a.actor_id
left join auth.users tu on a.target_table in ('auth.users', 'public.profiles') and tu.id::text = a.target_id
left join public.profiles tp on a.target_table in ('auth.users', 'public.profiles') and tp.id::text = a.target_id
order by a.id desc;

comment on view admin.audit_trail is
  'The audit log, newest first, with the names and emails of who acted and of the account acted on (while those accounts exist; erased accounts show none).';

revoke all on admin.payments_awaited, admin.low_stock, admin.recent_orders, admin.audit_trail
  from public, anon, authenticated, service_role;
