-- =============================================================================================
-- App settings: one row of switches operators flip in Studio (e.g. open vs invite-only signup).
-- A singleton row keeps every setting typed and constrained instead of a key/value bag.
-- =============================================================================================

create table public.app_settings (
  id boolean primary key default true constraint app_settings_singleton check (id),
  signup_mode text not null default 'open'
    constraint app_settings_signup_mode_check check (signup_mode in ('open', 'invite_only')),
  updated_at timestamptz not null default now()
);

comment on table public.app_settings is
  'Product-wide switches, one row. Edit in Studio; the app and the database read them on every request.';
comment on column public.app_settings.id is 'Always true: guarantees there is exactly one settings row.';
comment on column public.app_settings.signup_mode is
  'open: anyone may sign up. invite_only: signup requires a valid invitation code, consumed in the same transaction.';
comment on column public.app_settings.updated_at is 'When a setting last changed.';

insert into public.app_settings (id) values (true);

alter table public.app_settings enable row level security;

create policy "Anyone can read the app settings"
  on public.app_settings for select
  to anon, authenticated
  using (true);

revoke all on public.app_settings from anon, authenticated, service_role;
grant select on public.app_settings to anon, authenticated;
grant select, update on public.app_settings to service_role;
