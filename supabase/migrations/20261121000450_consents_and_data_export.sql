-- =============================================================================================
-- Consent records and the member's data export (PDPA, PIPA and GDPR alike).
--
-- consents: which version of the terms of service and of the privacy notice an account
-- accepted, and when. Written only by the database: at signup (auth.users insert) and when a
-- guest becomes an account (is_anonymous → false), from the metadata the signup form sends
-- (options.data.terms_version / privacy_version), and only when the version is the one in
-- app_settings.terms_version / privacy_version (…0100), so a stale form records nothing it did
-- not show. Append-only history: a later acceptance of a new version is a new row. The owner
-- reads theirs; admins read all.
--
-- The export of everything kept about a person (rpc('export_my_data')) reads every domain's
-- tables, events included, so it lives in …0590_data_export.sql, after them.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

create table public.consents (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  document text not null constraint consents_document_check check (document in ('terms', 'privacy')),
  version text not null constraint consents_version_check check (version ~ '^[0-9A-Za-z._-]{1,32}$'),
  accepted_at timestamptz not null default now(),
  constraint consents_user_id_document_version_key unique (user_id, document, version)
);

comment on table public.consents is
  'Acceptances of the terms of service and the privacy notice: who, which document, which version, when. Written by the signup triggers only.';
comment on column public.consents.user_id is 'The account that accepted.';
comment on column public.consents.document is 'terms (terms of service) or privacy (privacy notice).';
comment on column public.consents.version is 'The version accepted (app_settings.terms_version / privacy_version at the time).';
comment on column public.consents.accepted_at is 'When it was accepted (the signup transaction).';

/**
  * -------------------------------------------------------
  * Section - Row level security
  * -------------------------------------------------------
 */

alter table public.consents enable row level security;

create policy "Users read their own consents and admins read every consent"
  on public.consents for select
  to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * Records the terms/privacy versions carried in a user's metadata when they are the current
 * ones. Never raises for any metadata (it runs inside signup). Security definer because it
 * runs as supabase_auth_admin inside Auth's transaction.
 */
create function private.record_consents(user_id uuid, metadata jsonb)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.consents (user_id, document, version)
  select record_consents.user_id, d.document, d.version
    from public.app_settings s
   cross join lateral (values ('terms', s.terms_version), ('privacy', s.privacy_version)) as d(document, version)
   where jsonb_typeof(record_consents.metadata) = 'object'
     and record_consents.metadata ->> (d.document || '_version') = d.version
  on conflict on constraint consents_user_id_document_version_key do nothing;
$$;

comment on function private.record_consents(uuid, jsonb) is
  'Records accepted terms/privacy versions from signup metadata (terms_version, privacy_version) when they are current.';

revoke execute on function private.record_consents(uuid, jsonb) from public;

/** AFTER INSERT ON auth.users (non-guests) and after a guest's conversion: record consents. */
create function private.handle_consents()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.record_consents(new.id, new.raw_user_meta_data);
  return null;
end;
$$;

comment on function private.handle_consents() is 'Trigger: records the consents a signup (or a guest becoming an account) carried.';

revoke execute on function private.handle_consents() from public;


/**
  * -------------------------------------------------------
  * Section - Grants
  * -------------------------------------------------------
 */

revoke all on public.consents from anon, authenticated, service_role;
grant select on public.consents to authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger on_auth_user_created_record_consents
  after insert on auth.users
  for each row
  when (not new.is_anonymous)
  execute function private.handle_consents();

create trigger on_auth_guest_converted_record_consents
  after update on auth.users
  for each row
  when (old.is_anonymous and not new.is_anonymous)
  execute function private.handle_consents();
