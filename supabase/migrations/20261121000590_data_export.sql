-- =============================================================================================
-- Domain: data export
-- rpc('export_my_data') → one JSON document of everything the store keeps about the caller:
-- account, profile, consents, orders with items and history, holds, favorites, enrollments with
-- their coupons. Security invoker: RLS decides, so it can only ever export the caller's own
-- rows. It reads every domain's tables, so this file comes after them.
-- =============================================================================================

/**
 * rpc('export_my_data') → jsonb: everything the store keeps about the caller, for the
 * account page's "Download my data". Security invoker: every read goes through RLS.
 */
create function public.export_my_data()
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'exported_at', now(),
    'account', jsonb_build_object(
      'id', auth.uid(),
      'email', auth.jwt() ->> 'email',
      'is_guest', coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false)),
    'profile', (
      select to_jsonb(p) - 'invitation_id'
        from public.profiles p where p.id = (select auth.uid())),
    'consents', coalesce((
      select jsonb_agg(jsonb_build_object('document', c.document, 'version', c.version, 'accepted_at', c.accepted_at)
                       order by c.accepted_at, c.document)
        from public.consents c where c.user_id = (select auth.uid())), '[]'::jsonb),
    'orders', coalesce((
      select jsonb_agg(to_jsonb(o) || jsonb_build_object(
               'items', (select coalesce(jsonb_agg(to_jsonb(i) - 'order_id' order by i.id), '[]'::jsonb)
                           from public.order_items i where i.order_id = o.id),
               'history', (select coalesce(jsonb_agg(jsonb_build_object(
                                    'from_status', e.from_status, 'to_status', e.to_status, 'acted_by', e.acted_by,
                                    'reason', e.reason, 'at', e.created_at) order by e.created_at, e.id), '[]'::jsonb)
                             from public.order_events e where e.order_id = o.id))
             order by o.created_at)
        from public.orders o where o.user_id = (select auth.uid())), '[]'::jsonb),
    'cart_holds', coalesce((
      select jsonb_agg(jsonb_build_object('product_id', r.product_id, 'quantity', r.quantity, 'expires_at', r.expires_at)
                       order by r.created_at)
        from public.stock_reservations r where r.user_id = (select auth.uid())), '[]'::jsonb),
    'favorites', coalesce((
      select jsonb_agg(jsonb_build_object('product_id', f.product_id, 'saved_at', f.created_at) order by f.created_at)
        from public.favorites f where f.user_id = (select auth.uid())), '[]'::jsonb),
    'enrollments', coalesce((
      select jsonb_agg(jsonb_build_object(
               'id', en.id, 'event_id', en.event_id, 'event_slug', ev.slug, 'event_name', ev.name,
               'starts_at', ev.starts_at, 'status', en.status, 'payment_status', en.payment_status,
               'payment_reference', en.payment_reference, 'reason', en.reason,
               'created_at', en.created_at, 'updated_at', en.updated_at,
               'coupon', (select jsonb_build_object('code', c.code, 'issued_at', c.issued_at, 'used_at', c.used_at,
                                                    'voided_at', c.voided_at)
                            from public.coupons c where c.enrollment_id = en.id))
             order by en.created_at)
        from public.enrollments en
        left join public.events ev on ev.id = en.event_id
       where en.user_id = (select auth.uid())), '[]'::jsonb)
  );
$$;

comment on function public.export_my_data() is
  'Download my data: the caller''s account, profile, consents, orders (items, history), holds, favorites and enrollments (with their coupons) as one JSON document. RLS-scoped.';

revoke execute on function public.export_my_data() from public;
grant execute on function public.export_my_data() to authenticated;
