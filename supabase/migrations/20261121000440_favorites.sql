-- =============================================================================================
-- Favorites: products a user (guests included) marked. Plain table edits through the API:
--   from('favorites').select('product_id, created_at')
--   from('favorites').insert({ product_id })            user_id defaults to the caller
--   from('favorites').delete().eq('product_id', id)
-- Each user sees and changes only their own rows; a pair exists once (a second insert → 23505,
-- or use upsert with ignoreDuplicates). Deleting the account or the product deletes the row.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

create table public.favorites (
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  product_id uuid not null references public.products (id) on delete cascade,
  created_at timestamptz not null default now(),
  constraint favorites_pkey primary key (user_id, product_id)
);

comment on table public.favorites is 'Products a user marked as favorite. Own rows only; one row per user and product.';
comment on column public.favorites.user_id is 'The user (defaults to the caller). Deleting the account deletes their favorites.';
comment on column public.favorites.product_id is 'The favorite product. Deleting the product deletes the row.';
comment on column public.favorites.created_at is 'When it was marked (newest first in the UI).';

/**
  * -------------------------------------------------------
  * Section - Indexes (user_id leads the primary key)
  * -------------------------------------------------------
 */

create index favorites_product_id_idx on public.favorites (product_id);

/**
  * -------------------------------------------------------
  * Section - Row level security
  * One policy per operation.
  * -------------------------------------------------------
 */

alter table public.favorites enable row level security;

create policy "Users read their own favorites"
  on public.favorites for select
  to authenticated
  using (user_id = (select auth.uid()));

create policy "Users add their own favorites"
  on public.favorites for insert
  to authenticated
  with check (user_id = (select auth.uid()));

create policy "Users remove their own favorites"
  on public.favorites for delete
  to authenticated
  using (user_id = (select auth.uid()));

/**
  * -------------------------------------------------------
  * Section - Grants
  * -------------------------------------------------------
 */

revoke all on public.favorites from anon, authenticated, service_role;
grant select, delete on public.favorites to authenticated;
grant insert (user_id, product_id) on public.favorites to authenticated;
grant select, insert, delete on public.favorites to service_role;
