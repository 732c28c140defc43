-- =============================================================================================
-- App settings: one row of switches operators flip in Studio (e.g. open vs invite-only signup).
-- A singleton row keeps every setting typed and constrained instead of a key/value bag.
--
--   signup_mode                  the invitation rule (…0230 invitations, …0240 signup triggers)
--   max_units_held_per_product   the per-shopper cap of reserve_stock (…0410) and product_pages
--   terms_version, privacy_version  what the consent records accept (…0450)
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

create table public.app_settings (
  id boolean primary key default true constraint app_settings_singleton check (id),
  signup_mode text not null default 'open'
    constraint app_settings_signup_mode_check check (signup_mode in ('open', 'invite_only')),
  updated_at timestamptz not null default now(),
  max_units_held_per_product integer not null default 5
    constraint app_settings_max_units_held_per_product_check check (max_units_held_per_product between 1 and 1000),
  terms_version text not null default '2026-12-01'
    constraint app_settings_terms_version_check check (terms_version ~ '^[0-9A-Za-z._-]{1,32}$'),
  privacy_version text not null default '2026-12-01'
    constraint app_settings_privacy_version_check check (privacy_version ~ '^[0-9A-Za-z._-]{1,32}$')
);

/**
  * -------------------------------------------------------
  * Section - Comments
  * -------------------------------------------------------
 */

comment on table public.app_settings is
  'Product-wide switches, one row. Edit in Studio; the app and the database read them on every request.';
comment on column public.app_settings.id is 'Always true: guarantees there is exactly one settings row.';
comment on column public.app_settings.signup_mode is
  'open: anyone may sign up. invite_only: signup requires a valid invitation code, consumed in the same transaction.';
comment on column public.app_settings.updated_at is 'When a setting last changed.';
comment on column public.app_settings.max_units_held_per_product is
  'Most units of one product a single shopper (guest or account) may hold in their cart at once (1-1000). reserve_stock refuses more.';
comment on column public.app_settings.terms_version is 'Version of the terms of service the signup form shows (e.g. a date). Change it when the text changes.';
comment on column public.app_settings.privacy_version is 'Version of the privacy notice the signup form shows. Change it when the text changes.';

insert into public.app_settings (id) values (true);

/**
  * -------------------------------------------------------
  * Section - Row level security
  * -------------------------------------------------------
 */

alter table public.app_settings enable row level security;

create policy "Anyone can read the app settings"
  on public.app_settings for select
  to anon, authenticated
  using (true);

/**
  * -------------------------------------------------------
  * Section - Grants
  * -------------------------------------------------------
 */

revoke all on public.app_settings from anon, authenticated, service_role;
grant select on public.app_settings to anon, authenticated;
grant select, update on public.app_settings to service_role;
