-- =============================================================================================
-- The header of every signed-in page (issue #21): the cart count and whether to show the Admin
-- link, in one read instead of two (the root loader asked stock_reservations and profiles apart,
-- two API transactions per signed-in page; decision 003).
--
-- The count is the caller's own unexpired holds only. The old read relied on RLS alone, which
-- shows an admin every shopper's holds, so an admin's header counted everyone's cart.
-- =============================================================================================

/**
 * rpc('header_summary'): the caller's cart count (units in their unexpired holds) and whether
 * they are an admin. Security invoker: both reads go through RLS with the caller's rights, and
 * each is limited to the caller's own rows. For signed-in users and guests (both authenticated);
 * a visitor without a session has no header to ask for (the app does not call it then).
 */
create function public.header_summary()
returns table (cart_count integer, is_admin boolean)
language sql
stable
security invoker
set search_path = ''
as $$
  select
    coalesce((
      select sum(r.quantity)::integer
        from public.stock_reservations as r
       where r.user_id = (select auth.uid())
         and r.expires_at > (select private.now())
    ), 0),
    coalesce((select p.role = 'admin' from public.profiles as p where p.id = (select auth.uid())), false);
$$;

comment on function public.header_summary() is
  'The signed-in header in one read: cart_count (units in the caller''s own unexpired holds) and is_admin (profiles.role of the caller). Security invoker; authenticated callers only.';

revoke execute on function public.header_summary() from public;
grant execute on function public.header_summary() to authenticated;
