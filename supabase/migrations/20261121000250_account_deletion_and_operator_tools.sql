-- =============================================================================================
-- Account deletion (self-service and by an admin), erasure, and the operator tools of the
-- identity domain. Deleting the auth user is the one way to delete an account: everything
-- personal references auth.users or profiles with ON DELETE CASCADE and goes with it; orders
-- keep their customer snapshot with user_id set to null (accounting records outlive the
-- account).
--
--   rpc('delete_my_account')                      the caller deletes their own account (guests too)
--   rpc('delete_account', { user_id, reason })    an admin deletes someone's account (audited)
--   admin.delete_account(user_id, reason)         the same, from Studio
--   admin.set_role(user_id, role, reason)         promote/demote, from Studio (audited)
--   admin.find_accounts(search)                   support lookup by name, phone, birthday, email
--   admin.invitation_usage                        codes with their state and use
--
-- Erasure (Thailand's PDPA, Korea's PIPA, the GDPR): a deletion keeps the audit facts, not the
-- erased person. One BEFORE DELETE trigger on auth.users, for every path (delete_my_account,
-- delete_account / admin.delete_account, Auth's admin API DELETE /admin/users/<id>, Studio):
--   * writes the one audit row of the deletion: account.deleted_by_owner when the user deletes
--     themself, account.deleted otherwise; actor and reason as usual (the reason comes through
--     app.audit_reason, which delete_account sets); the values kept are facts about the
--     account (guest or not, role, when it was created), never who the person was;
--   * replaces the person's data (email, phone, names, birthday, avatar) with "[erased]" in
--     every earlier audit row about this account, keeping which fields changed, when, by whom
--     and why.
-- So the deletion RPCs write no audit rows of their own, and no path goes unaudited.
-- Error codes: see the catalogue in the invitations migration (…0230).
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Views
  * -------------------------------------------------------
 */

create view admin.invitation_usage
with (security_invoker = true)
as
select i.code,
       case
         when not i.active then 'inactive'
         when i.expires_at is not null and i.expires_at <= now() then 'expired'
         when i.max_uses is not null and i.use_count >= i.max_uses then 'used_up'
         else 'usable'
       end as state,
       i.use_count,
       i.max_uses,
       i.max_uses - i.use_count as uses_left,
       (select count(*) from public.profiles p where p.invitation_id = i.id) as accounts_now,
       i.expires_at,
       i.note,
       i.created_at,
       i.id
  from public.invitations i
 order by i.created_at desc;

comment on view admin.invitation_usage is
  'Invite codes with their state (usable, inactive, expired, used_up), uses and the accounts that still exist from them. Disable a code by unchecking invitations.active.';

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * The audit_log value keys that describe a person rather than the account. Not listed, so kept
 * by erasure: the account's settings (role, account_type, locale, invitation_id), timestamps.
 */
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
 * delete_my_account, privileged half: deletes the caller's auth user; the profile and every
 * personal row cascade; the deletion trigger audits. Security definer because only the owner
 * of auth.users may delete there; it deletes nobody but auth.uid().
 */
create function private.delete_my_account()
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
      message = 'You need to be signed in to delete your account.',
      hint = 'sign_in_required';
  end if;
  delete from auth.users u where u.id = me;
end;
$$;

comment on function private.delete_my_account() is 'Privileged half of public.delete_my_account.';

revoke execute on function private.delete_my_account() from public;
grant execute on function private.delete_my_account() to authenticated;

/**
 * rpc('delete_my_account'): deletes the signed-in user's account and everything personal with
 * it. Guests may call it too. The session ends with the user; sign out on the client after.
 */
create function public.delete_my_account()
returns void
language sql
security invoker
set search_path = ''
as $$
  select private.delete_my_account();
$$;

comment on function public.delete_my_account() is
  'Deletes the caller''s account (profile and personal data cascade). PT401 when not signed in.';

revoke execute on function public.delete_my_account() from public;
grant execute on function public.delete_my_account() to authenticated;

/**
 * delete_account, privileged half: an operator (admin, service role, Studio) deletes someone's
 * account with a reason, which the deletion trigger records (through app.audit_reason) in the
 * one audit row of the deletion. Security definer to delete from auth.users; checks its caller
 * with private.is_operator().
 */
create function private.delete_account(user_id uuid, reason text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not private.is_operator() then
    raise exception using
      errcode = 'PT403',
      message = 'Only an admin can delete another account.',
      hint = 'admin_only';
  end if;
  perform pg_catalog.set_config('app.audit_reason', private.required_reason(reason), true);
  delete from auth.users u where u.id = delete_account.user_id;
  if not found then
    raise exception using
      errcode = 'PT404',
      message = 'No account has that id.',
      hint = 'account_not_found';
  end if;
end;
$$;

comment on function private.delete_account(uuid, text) is 'Privileged half of public.delete_account and admin.delete_account.';

revoke execute on function private.delete_account(uuid, text) from public;
grant execute on function private.delete_account(uuid, text) to authenticated, service_role;

/**
 * rpc('delete_account', { user_id, reason }): the app's admin area deletes an account.
 * PT403 for non-admins, PT422 without a reason, PT404 for an unknown id.
 */
create function public.delete_account(user_id uuid, reason text)
returns void
language sql
security invoker
set search_path = ''
as $$
  select private.delete_account(delete_account.user_id, delete_account.reason);
$$;

comment on function public.delete_account(uuid, text) is
  'Admins: delete an account with a reason (audited). PT403 not an admin, PT422 no reason, PT404 unknown id.';

revoke execute on function public.delete_account(uuid, text) from public;
grant execute on function public.delete_account(uuid, text) to authenticated, service_role;

/**
 * Changes a profile's role with a reason. The profiles audit trigger records the change; the
 * reason reaches it through the transaction setting app.audit_reason. Security definer so the
 * caller check, not the caller's grants, decides; checks with private.is_operator().
 */
create function private.set_role(user_id uuid, new_role text, reason text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not private.is_operator() then
    raise exception using
      errcode = 'PT403',
      message = 'Only an admin can change a role.',
      hint = 'admin_only';
  end if;
  if new_role is null or new_role not in ('consumer', 'admin') then
    raise exception using
      errcode = 'PT422',
      message = 'A role must be consumer or admin.',
      hint = 'role_invalid';
  end if;
  perform set_config('app.audit_reason', private.required_reason(reason), true);
  update public.profiles p set role = new_role where p.id = set_role.user_id;
  if not found then
    raise exception using
      errcode = 'PT404',
      message = 'No account has that id.',
      hint = 'account_not_found';
  end if;
  perform set_config('app.audit_reason', '', true);
end;
$$;

comment on function private.set_role(uuid, text, text) is 'Privileged half of admin.set_role.';

revoke execute on function private.set_role(uuid, text, text) from public;

/**
 * Studio: promote or demote an account, with a reason (audited as profile.role_changed).
 * The change applies on that user's next request.
 */
create function admin.set_role(user_id uuid, new_role text, reason text)
returns void
language sql
security invoker
set search_path = ''
as $$
  select private.set_role(set_role.user_id, set_role.new_role, set_role.reason);
$$;

comment on function admin.set_role(uuid, text, text) is
  'Promote/demote: select admin.set_role(''<user id>'', ''admin'', ''why''). Audited; effective on the next request.';

revoke execute on function admin.set_role(uuid, text, text) from public;

/**
 * Studio: delete an account with a reason (audited). Same rules as rpc('delete_account').
 */
create function admin.delete_account(user_id uuid, reason text)
returns void
language sql
security invoker
set search_path = ''
as $$
  select private.delete_account(delete_account.user_id, delete_account.reason);
$$;

comment on function admin.delete_account(uuid, text) is
  'Delete an account: select admin.delete_account(''<user id>'', ''why''). Profile and personal data cascade; audited.';

revoke execute on function admin.delete_account(uuid, text) from public;

/**
 * Studio: find accounts for a support request by part of a name or email, by phone (digits
 * compared, separators ignored) or by birthday (YYYY-MM-DD). Invoker: runs as the operator.
 */
create function admin.find_accounts(search text)
returns table (
  user_id uuid,
  email text,
  first_name text,
  last_name text,
  display_name text,
  phone text,
  birthday date,
  role text,
  is_anonymous boolean,
  created_at timestamptz,
  last_sign_in_at timestamptz
)
language sql
stable
security invoker
set search_path = ''
as $$
  with needle as (
    select lower(btrim(search)) as text,
           nullif(regexp_replace(search, '[^0-9]', '', 'g'), '') as digits,
           private.metadata_date(btrim(search)) as day
  )
  select u.id, u.email::text, p.first_name, p.last_name, p.display_name, p.phone, p.birthday, p.role,
         u.is_anonymous, u.created_at, u.last_sign_in_at
    from auth.users u
    join public.profiles p on p.id = u.id
   cross join needle n
   where n.text <> ''
     and (strpos(lower(coalesce(u.email, '')), n.text) > 0
       or strpos(lower(concat_ws(' ', p.first_name, p.last_name, p.display_name)), n.text) > 0
       or (char_length(n.digits) >= 4 and strpos(regexp_replace(coalesce(p.phone, ''), '[^0-9]', '', 'g'), n.digits) > 0)
       or p.birthday = n.day)
   order by u.created_at desc
   limit 100;
$$;

comment on function admin.find_accounts(text) is
  'Support lookup: select * from admin.find_accounts(''kim'') — matches name, email, phone digits or birthday (YYYY-MM-DD).';

revoke execute on function admin.find_accounts(text) from public;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger on_auth_user_deleted
  before delete on auth.users
  for each row execute function private.audit_account_deletion();
