-- =============================================================================================
-- Audit log: who (auth user, or the database role for Studio), did what, to which row, old and
-- new values, when and why. Written only by private.write_audit(), called from security definer
-- functions and triggers; admins read it; nobody writes it directly through the API.
-- Other domains add their own actions (account deletions, order status changes, …). When an
-- account is deleted, its earlier rows keep the facts but not the person: the deletion trigger
-- (…0250) replaces email, phone, names and birthday in old/new values with "[erased]".
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

create table public.audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text not null,
  action text not null constraint audit_log_action_check check (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  target_table text,
  target_id text,
  old_values jsonb,
  new_values jsonb,
  reason text constraint audit_log_reason_check check (char_length(reason) <= 1000)
    constraint audit_log_reason_typed check (private.is_typed_text(reason, true))
);

comment on table public.audit_log is
  'Append-only record of operator and sensitive actions. Admins read it; rows are written only by private.write_audit(). Erasing an account replaces its person''s data in earlier rows with "[erased]".';
comment on column public.audit_log.id is 'Order of insertion.';
comment on column public.audit_log.occurred_at is 'When the action happened (transaction time).';
comment on column public.audit_log.actor_id is
  'auth.users id of the person who acted through the API; null for Studio/SQL sessions. No foreign key: the history outlives deleted accounts.';
comment on column public.audit_log.actor_role is
  'The API role of the request (authenticated, service_role) or, without one, the database session role (postgres for Studio).';
comment on column public.audit_log.action is 'What happened, as domain.verb (e.g. account.deleted, profile.role_changed).';
comment on column public.audit_log.target_table is 'Table of the row acted on (schema.table).';
comment on column public.audit_log.target_id is 'Primary key of the row acted on, as text.';
comment on column public.audit_log.old_values is 'The changed columns before the action (null for creations).';
comment on column public.audit_log.new_values is 'The changed columns after the action (null for deletions).';
comment on column public.audit_log.reason is 'Why, as given by the operator (at most 1000 characters).';

/**
  * -------------------------------------------------------
  * Section - Indexes
  * -------------------------------------------------------
 */

create index audit_log_occurred_at_idx on public.audit_log (occurred_at desc);
create index audit_log_target_idx on public.audit_log (target_table, target_id);
create index audit_log_actor_id_idx on public.audit_log (actor_id);

/**
  * -------------------------------------------------------
  * Section - Row level security
  * -------------------------------------------------------
 */

alter table public.audit_log enable row level security;

create policy "Admins read the audit log"
  on public.audit_log for select
  to authenticated
  using ((select private.is_admin()));

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * Appends one audit row, taking the actor from the request: auth.uid() and the JWT role through
 * the API, the session role (postgres) in Studio. The reason falls back to the transaction
 * setting app.audit_reason, so a table edit made by a function can carry the caller's reason.
 * Security definer because nobody else may insert into audit_log. Not granted to any API role:
 * only other definer functions (owned by postgres) call it.
 */
create function private.write_audit(
  action text,
  target_table text,
  target_id text,
  old_values jsonb default null,
  new_values jsonb default null,
  reason text default null
)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_id bigint;
begin
  insert into public.audit_log (actor_id, actor_role, action, target_table, target_id, old_values, new_values, reason)
  values (
    auth.uid(),
    coalesce(nullif(auth.role(), ''), session_user::text),
    write_audit.action,
    write_audit.target_table,
    write_audit.target_id,
    write_audit.old_values,
    write_audit.new_values,
    left(coalesce(nullif(btrim(write_audit.reason), ''), nullif(current_setting('app.audit_reason', true), '')), 1000)
  )
  returning id into new_id;
  return new_id;
end;
$$;

comment on function private.write_audit(text, text, text, jsonb, jsonb, text) is
  'Appends an audit_log row with the actor taken from the request or session. Called by definer functions and triggers only.';

revoke execute on function private.write_audit(text, text, text, jsonb, jsonb, text) from public;

/**
 * A reason an operator must give through the API: 1-1000 characters after trimming, else
 * PT422 reason_required. Returns it trimmed.
 */
create function private.required_reason(reason text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  if char_length(btrim(coalesce(reason, ''))) not between 1 and 1000 then
    raise exception using
      errcode = 'PT422',
      message = 'A reason is required (1-1000 characters).',
      hint = 'reason_required';
  end if;
  return btrim(reason);
end;
$$;

comment on function private.required_reason(text) is 'The trimmed reason, or PT422 reason_required when it is empty or over 1000 characters.';

revoke execute on function private.required_reason(text) from public;

/**
 * Audits profile changes that are not a user editing their own details: any change of role or
 * invitation_id, and any change an admin or Studio makes to someone's profile (support asks:
 * "change my phone"). Only the columns that changed are recorded. Security definer to call
 * write_audit.
 */
create function private.audit_profile_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  before_values jsonb;
  after_values jsonb;
  changed text[];
begin
  select array_agg(o.key order by o.key)
    into changed
    from jsonb_each(to_jsonb(old)) o
    join jsonb_each(to_jsonb(new)) n on n.key = o.key
   where o.value is distinct from n.value
     and o.key <> 'updated_at';

  if changed is null then
    return null;
  end if;

  -- The signup path (a guest becoming an account) fills its own new profile: not a support edit.
  if current_setting('app.profile_written_by_signup', true) = 'on' then
    return null;
  end if;

  if not ('role' = any (changed) or 'invitation_id' = any (changed))
     and (select auth.uid()) is not distinct from new.id then
    return null; -- the owner editing their own details: not an audited action
  end if;

  select jsonb_object_agg(k, to_jsonb(old) -> k), jsonb_object_agg(k, to_jsonb(new) -> k)
    into before_values, after_values
    from unnest(changed) k;

  perform private.write_audit(
    case when 'role' = any (changed) then 'profile.role_changed' else 'profile.updated' end,
    'public.profiles', new.id::text, before_values, after_values);
  return null;
end;
$$;

comment on function private.audit_profile_change() is
  'Trigger: audits role/invitation changes and changes made to someone else''s profile (admin or Studio).';

revoke execute on function private.audit_profile_change() from public;

/**
  * -------------------------------------------------------
  * Section - Grants
  * Read for admins through RLS; no write privilege for any API role.
  * -------------------------------------------------------
 */

revoke all on public.audit_log from anon, authenticated, service_role;
grant select on public.audit_log to authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger profiles_audit_change
  after update on public.profiles
  for each row execute function private.audit_profile_change();
