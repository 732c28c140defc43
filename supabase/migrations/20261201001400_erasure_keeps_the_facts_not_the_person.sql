-- =============================================================================================
-- Erasure (Thailand's PDPA, Korea's PIPA, the GDPR): deleting an account keeps the audit facts,
-- not the erased person's data; and every way of deleting an account is audited.
--
-- Before: delete_account copied the person's email, phone and names into audit_log.old_values
-- "since the rows go", profile.updated rows kept old and new phone numbers and names forever,
-- and a deletion through Auth's admin API (DELETE /admin/users/<id>) wrote no audit row at all.
-- Now one BEFORE DELETE trigger on auth.users, for every path (delete_my_account,
-- delete_account / admin.delete_account, Auth's admin API, Studio):
--   * writes the one audit row of the deletion: account.deleted_by_owner when the user deletes
--     themself, account.deleted otherwise; actor and reason as usual (the reason comes through
--     app.audit_reason, which delete_account sets); the values kept are facts about the
--     account (guest or not, role, when it was created), never who the person was;
--   * replaces the person's data (email, phone, names, birthday, avatar) with "[erased]" in
--     every earlier audit row about this account, keeping which fields changed, when, by whom
--     and why.
-- The deletion RPCs no longer write audit rows of their own.
-- Orders keep their customer snapshot (DESIGN §3: accounting records outlive the account).
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/** The audit_log value keys that describe a person rather than the account. */
create function private.personal_audit_keys()
returns text[]
language sql
immutable
set search_path = ''
as $$
  select array['email', 'phone', 'first_name', 'last_name', 'display_name', 'birthday', 'avatar_url', 'new_email'];
$$;

comment on function private.personal_audit_keys() is 'Keys of audit_log old/new values that are personal data, removed when the account is erased.';

revoke execute on function private.personal_audit_keys() from public;

/** `values` with every personal key's value replaced by "[erased]": which fields, not what. */
create function private.erase_personal_values(audit_values jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case when jsonb_typeof(audit_values) = 'object' then (
    select jsonb_object_agg(e.key, case when e.key = any (private.personal_audit_keys()) then '"[erased]"'::jsonb else e.value end)
      from jsonb_each(audit_values) as e
  ) else audit_values end;
$$;

comment on function private.erase_personal_values(jsonb) is 'Audit values with personal data replaced by "[erased]" (the keys stay: what changed, not to what).';

revoke execute on function private.erase_personal_values(jsonb) from public;

/**
 * BEFORE DELETE ON auth.users: audits the deletion (whoever deletes, however) and erases the
 * person from earlier audit rows about the account. Security definer because Auth deletes as
 * supabase_auth_admin, which may not write audit_log.
 */
create function private.audit_account_deletion()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  kept jsonb;
begin
  update public.audit_log a
     set old_values = private.erase_personal_values(a.old_values),
         new_values = private.erase_personal_values(a.new_values)
   where a.target_id = old.id::text
     and a.target_table in ('auth.users', 'public.profiles')
     and (a.old_values ?| private.personal_audit_keys() or a.new_values ?| private.personal_audit_keys());

  select jsonb_build_object('is_anonymous', old.is_anonymous, 'created_at', old.created_at, 'role', p.role)
    into kept
    from (select 1) as one
    left join public.profiles p on p.id = old.id;

  perform private.write_audit(
    case when auth.uid() is not distinct from old.id then 'account.deleted_by_owner' else 'account.deleted' end,
    'auth.users', old.id::text, kept, null);
  return old;
end;
$$;

comment on function private.audit_account_deletion() is
  'Trigger: every account deletion writes one audit row (facts, not personal data) and erases the person from earlier audit rows.';

revoke execute on function private.audit_account_deletion() from public;

/**
 * delete_my_account, privileged half (same contract as in 20261121000250): deletes the
 * caller's auth user; the profile and every personal row cascade; the deletion trigger audits.
 */
create or replace function private.delete_my_account()
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
begin
  if me is null then
    raise exception using
      errcode = 'PT401',
      message = 'You need to be signed in to delete your account.';
  end if;
  delete from auth.users u where u.id = me;
end;
$$;

/**
 * delete_account, privileged half (same contract as in 20261121000250): an operator deletes
 * someone's account with a reason, which the deletion trigger records. Checks its caller with
 * private.is_operator().
 */
create or replace function private.delete_account(user_id uuid, reason text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not private.is_operator() then
    raise exception using
      errcode = 'PT403',
      message = 'Only an admin can delete another account.';
  end if;
  if char_length(btrim(coalesce(reason, ''))) not between 1 and 1000 then
    raise exception using
      errcode = 'PT422',
      message = 'A reason is required (1-1000 characters).';
  end if;

  perform pg_catalog.set_config('app.audit_reason', btrim(reason), true);
  delete from auth.users u where u.id = delete_account.user_id;
  if not found then
    raise exception using
      errcode = 'PT404',
      message = 'No account has that id.';
  end if;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------

create trigger on_auth_user_deleted
  before delete on auth.users
  for each row execute function private.audit_account_deletion();
