-- =============================================================================================
-- Profiles: one row per auth user, created only by the database (the signup trigger,
-- …0240), never by app code. Holds the person's editable details and their product role.
--
-- Who may do what:
--   owner          reads their row; updates first_name, last_name, display_name, phone,
--                  birthday, account_type, avatar_url, locale (column grants + RLS)
--   admin          reads and updates every row, including role and invitation_id
--   another user   sees nothing, changes nothing (0 rows)
--   anon           no privileges at all (42501)
--   Studio         postgres bypasses RLS; CHECKs still hold
-- Nobody inserts or deletes through the API: the signup trigger creates, and deleting the auth
-- user cascades.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

create table public.profiles (
  id uuid primary key references auth.users (id) on update cascade on delete cascade,
  first_name text
    constraint profiles_first_name_check
    check (char_length(first_name) between 1 and 80 and first_name = btrim(first_name) and first_name !~ '[[:cntrl:]]')
    constraint profiles_first_name_typed check (private.is_typed_text(first_name)),
  last_name text
    constraint profiles_last_name_check
    check (char_length(last_name) between 1 and 80 and last_name = btrim(last_name) and last_name !~ '[[:cntrl:]]')
    constraint profiles_last_name_typed check (private.is_typed_text(last_name)),
  display_name text
    constraint profiles_display_name_check
    check (char_length(display_name) between 1 and 80 and display_name = btrim(display_name) and display_name !~ '[[:cntrl:]]')
    constraint profiles_display_name_typed check (private.is_typed_text(display_name)),
  phone text
    constraint profiles_phone_check check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  birthday date
    constraint profiles_birthday_check check (birthday between date '1900-01-01' and current_date),
  account_type text not null default 'personal'
    constraint profiles_account_type_check check (account_type in ('personal', 'business')),
  role text not null default 'consumer'
    constraint profiles_role_check check (role in ('consumer', 'admin')),
  invitation_id uuid,
  avatar_url text
    constraint profiles_avatar_url_check
    check (char_length(avatar_url) <= 2048 and avatar_url ~ '^https?://[^[:space:][:cntrl:]]+$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  locale public.locale
);

comment on table public.profiles is
  'One row per auth user (guests included), created by the auth.users insert trigger and deleted with the user. Users edit their own details; role is changed only by admins or in Studio.';
comment on column public.profiles.id is 'The auth user this profile belongs to (auth.users.id).';
comment on column public.profiles.first_name is 'Given name. 1-80 characters, no surrounding spaces, no control or invisible format characters. Null until known.';
comment on column public.profiles.last_name is 'Family name. 1-80 characters, no surrounding spaces, no control or invisible format characters. Null until known.';
comment on column public.profiles.display_name is
  'Name shown in the UI (OAuth full name or nickname). 1-80 characters, no surrounding spaces, no control or invisible format characters.';
comment on column public.profiles.phone is
  'Phone in E.164 form: "+", country code, number, 7-15 digits in all (e.g. +821012345678). Forms normalise before saving.';
comment on column public.profiles.birthday is 'Date of birth, between 1900-01-01 and today.';
comment on column public.profiles.account_type is 'personal or business (signup form choice). Defaults to personal.';
comment on column public.profiles.role is
  'consumer or admin. private.is_admin() reads it on every request, so a change takes effect on the next request. Only admins or Studio may change it; changes are audited.';
comment on column public.profiles.invitation_id is 'The invite code used at signup, if any. Only admins or Studio may change it.';
comment on column public.profiles.avatar_url is 'Picture URL from the OAuth provider or the user: http(s)://, no spaces, at most 2048 characters.';
comment on column public.profiles.created_at is 'When the profile (and so the account) was created.';
comment on column public.profiles.updated_at is 'Last change to the row; maintained by a trigger.';
comment on column public.profiles.locale is
  'The language the member chose (en, th, ko, zh-TW): what mails to them are written in. Null until they choose one (signup form or language switch). Not personal data: erasure keeps it in the audit log.';

-- The foreign key profiles.invitation_id → invitations and its index come with invitations (…0230).

/**
  * -------------------------------------------------------
  * Section - Helpers the policies need (they must exist before the policies that call them)
  * -------------------------------------------------------
 */

/**
 * Is the caller an admin right now? Reads profiles.role on every call (no JWT claim), so a
 * demoted admin loses rights on their next request. Security definer because it must read the
 * caller's role even where RLS would hide the row; it only ever looks at auth.uid()'s row.
 * Use it in policies as `(select private.is_admin())` so it runs once per statement.
 */
create function private.is_admin()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select p.role = 'admin' from public.profiles p where p.id = (select auth.uid())),
    false
  );
$$;

comment on function private.is_admin() is
  'True when the signed-in caller''s profile has role admin. Reads the table on every call; false for anon and guests.';

revoke execute on function private.is_admin() from public;
grant execute on function private.is_admin() to anon, authenticated, service_role;

/**
 * Is the caller allowed to run operator actions (delete an account, change a role, reset a
 * coupon)? Yes for an admin through the API, for the service role key (scripts), and for a
 * database session with no API role at all (Studio / SQL editor / psql as postgres).
 * Definer only because it calls is_admin(); it reads nothing else.
 */
create function private.is_operator()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select (select private.is_admin())
      or coalesce(auth.role(), '') = 'service_role'
      or (coalesce(auth.role(), '') = '' and session_user::text in ('postgres', 'supabase_admin', 'dashboard_user'));
$$;

comment on function private.is_operator() is
  'True for an admin user, the service role, or a Studio/SQL session (no API role). The caller check of every operator function.';

revoke execute on function private.is_operator() from public;
grant execute on function private.is_operator() to anon, authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Row level security
  * One policy per operation and role.
  * -------------------------------------------------------
 */

alter table public.profiles enable row level security;

create policy "Users read their own profile and admins read every profile"
  on public.profiles for select
  to authenticated
  using (id = (select auth.uid()) or (select private.is_admin()));

create policy "Users update their own profile and admins update any profile"
  on public.profiles for update
  to authenticated
  using (id = (select auth.uid()) or (select private.is_admin()))
  with check (id = (select auth.uid()) or (select private.is_admin()));

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * Keeps updated_at current on every update. Generic: any table with an updated_at column may
 * use it. Invoker: it only touches NEW.
 */
create function private.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

comment on function private.touch_updated_at() is 'Trigger: sets updated_at to now() on update.';

revoke execute on function private.touch_updated_at() from public;

/**
 * Column grants cannot tell an admin from a user, so role and invitation_id are granted to
 * authenticated and this trigger refuses a change to them unless the caller is an admin.
 * Invoker on purpose: current_user is the API role that runs the update (postgres in Studio,
 * service_role for scripts, both trusted).
 */
create function private.guard_profile_privileged_columns()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.role is distinct from old.role or new.invitation_id is distinct from old.invitation_id)
     and current_user::text in ('anon', 'authenticated')
     and not (select private.is_admin()) then
    raise exception using
      errcode = '42501',
      message = 'Only an admin can change a profile''s role or invitation.',
      hint = 'privileged_column';
  end if;
  return new;
end;
$$;

comment on function private.guard_profile_privileged_columns() is
  'Trigger: refuses role/invitation_id changes by API users who are not admins (42501).';

revoke execute on function private.guard_profile_privileged_columns() from public;

/**
 * BEFORE INSERT OR UPDATE ON profiles: a profile without a display name shows "given family"
 * (cut to 80 characters). The one place of that rule: the signup triggers and the account page
 * leave display_name empty when the person gave none.
 */
create function private.default_display_name()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.display_name is null then
    new.display_name := nullif(btrim(left(concat_ws(' ', new.first_name, new.last_name), 80)), '');
  end if;
  return new;
end;
$$;

comment on function private.default_display_name() is 'Trigger: display_name defaults to "first last" when none is given.';

revoke execute on function private.default_display_name() from public;

/**
  * -------------------------------------------------------
  * Section - Grants
  * Read for signed-in users (RLS narrows), update only the listed columns; no insert or delete
  * for any API role.
  * -------------------------------------------------------
 */

revoke all on public.profiles from anon, authenticated, service_role;
grant select on public.profiles to authenticated, service_role;
grant update (first_name, last_name, display_name, phone, birthday, account_type, avatar_url, locale, role, invitation_id)
  on public.profiles to authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger profiles_default_display_name
  before insert or update of first_name, last_name, display_name on public.profiles
  for each row execute function private.default_display_name();

create trigger profiles_guard_privileged_columns
  before update on public.profiles
  for each row execute function private.guard_profile_privileged_columns();

create trigger profiles_touch_updated_at
  before update on public.profiles
  for each row execute function private.touch_updated_at();
