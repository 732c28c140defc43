-- =============================================================================================
-- Operators, invite codes and the signup mode (issue #15):
--
--   rpc('create_invitations', { count, reason, max_uses?, expires_at?, note? })  generated codes
--   rpc('set_invitation_active', { invitation_id, active, reason })             disable / enable
--   rpc('set_signup_mode', { mode, reason })                                    open | invite_only
--   admin.invitation_usage (…0250)                                              usage
--
-- Every change of an invitation or of app_settings, by these RPCs, the API's table access
-- (admins) or a Studio edit, is audited by a trigger with old/new values and app.audit_reason
-- ("no reason given" without one). A signup consuming a code (use_count only) is not an
-- operator action and is not audited here. Codes come from the column default
-- (private.generate_invitation_code, 65 random bits, XXXX-XXXX-XXXXX).
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * AFTER INSERT OR UPDATE OR DELETE ON invitations: audits operator changes (invitation.created,
 * invitation.updated, invitation.deleted) with the changed columns. Definer to call write_audit.
 */
create function private.audit_invitation_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  before_values jsonb;
  after_values jsonb;
  why text := coalesce(nullif(current_setting('app.audit_reason', true), ''), 'no reason given');
begin
  if tg_op = 'INSERT' then
    perform private.write_audit('invitation.created', 'public.invitations', new.id::text, null,
      jsonb_build_object('code', new.code, 'active', new.active, 'max_uses', new.max_uses,
                         'expires_at', new.expires_at, 'note', new.note), why);
    return null;
  end if;
  if tg_op = 'DELETE' then
    perform private.write_audit('invitation.deleted', 'public.invitations', old.id::text,
      jsonb_build_object('code', old.code, 'active', old.active, 'use_count', old.use_count), null, why);
    return null;
  end if;
  select jsonb_object_agg(o.key, o.value), jsonb_object_agg(o.key, to_jsonb(new) -> o.key)
    into before_values, after_values
    from jsonb_each(to_jsonb(old)) o
   where o.value is distinct from to_jsonb(new) -> o.key
     and o.key <> 'use_count';
  if before_values is null then
    return null; -- a signup consumed the code: not an operator change
  end if;
  perform private.write_audit('invitation.updated', 'public.invitations', new.id::text, before_values, after_values, why);
  return null;
end;
$$;

comment on function private.audit_invitation_change() is 'Trigger: audits invitation creation, changes (not use_count) and deletion.';

revoke execute on function private.audit_invitation_change() from public;

/** AFTER UPDATE ON app_settings: audits each changed setting (settings.updated). Definer to call write_audit. */
create function private.audit_settings_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  before_values jsonb;
  after_values jsonb;
begin
  select jsonb_object_agg(o.key, o.value), jsonb_object_agg(o.key, to_jsonb(new) -> o.key)
    into before_values, after_values
    from jsonb_each(to_jsonb(old)) o
   where o.value is distinct from to_jsonb(new) -> o.key
     and o.key <> 'updated_at';
  if before_values is not null then
    perform private.write_audit('settings.updated', 'public.app_settings', 'true', before_values, after_values,
      coalesce(nullif(current_setting('app.audit_reason', true), ''), 'no reason given'));
  end if;
  return null;
end;
$$;

comment on function private.audit_settings_change() is 'Trigger: audits every change of app_settings with old/new values.';

revoke execute on function private.audit_settings_change() from public;

/**
 * create_invitations, privileged half: `count` (1-100) new codes with the same limits.
 * Security definer so the operator check decides (Studio and admins alike).
 */
create function private.create_invitations(count integer, max_uses integer, expires_at timestamptz, note text, reason text)
returns setof public.invitations
language plpgsql
security definer
set search_path = ''
as $$
declare
  why text;
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if not private.is_operator() then
    raise exception using errcode = 'PT403', message = 'Only an admin can do that.', hint = 'admin_only';
  end if;
  why := private.required_reason(create_invitations.reason);
  if coalesce(create_invitations.count, 0) not between 1 and 100 then
    raise exception using
      errcode = 'PT422',
      message = 'Create between 1 and 100 codes at a time.',
      detail = 'count',
      hint = 'invitation_invalid';
  end if;
  if create_invitations.max_uses is not null and create_invitations.max_uses < 1 then
    raise exception using
      errcode = 'PT422',
      message = 'A code admits at least one account (leave max_uses empty for no limit).',
      detail = 'max_uses',
      hint = 'invitation_invalid';
  end if;
  if create_invitations.expires_at is not null and create_invitations.expires_at <= now() then
    raise exception using
      errcode = 'PT422',
      message = 'The expiry must be in the future.',
      detail = 'expires_at',
      hint = 'invitation_invalid';
  end if;
  perform pg_catalog.set_config('app.audit_reason', why, true);
  return query
    insert into public.invitations (max_uses, expires_at, note, created_by)
    select create_invitations.max_uses, create_invitations.expires_at, nullif(btrim(create_invitations.note), ''), auth.uid()
      from generate_series(1, create_invitations.count)
    returning *;
  perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
end;
$$;

comment on function private.create_invitations(integer, integer, timestamptz, text, text) is 'Privileged half of public.create_invitations.';

revoke execute on function private.create_invitations(integer, integer, timestamptz, text, text) from public;
grant execute on function private.create_invitations(integer, integer, timestamptz, text, text) to authenticated, service_role;

/**
 * rpc('create_invitations', { count, reason, max_uses?, expires_at?, note? }): returns the new
 * invitations (generated codes). Errors: PT403 admin_only, PT422 reason_required /
 * invitation_invalid, 23514 a note the CHECK refuses.
 */
create function public.create_invitations(
  count integer,
  reason text,
  max_uses integer default null,
  expires_at timestamptz default null,
  note text default null
)
returns setof public.invitations
language sql
security invoker
set search_path = ''
as $$
  select * from private.create_invitations(create_invitations.count, create_invitations.max_uses,
    create_invitations.expires_at, create_invitations.note, create_invitations.reason);
$$;

comment on function public.create_invitations(integer, text, integer, timestamptz, text) is
  'Admins: create 1-100 invite codes (generated) with a use limit, expiry and note; audited.';

revoke execute on function public.create_invitations(integer, text, integer, timestamptz, text) from public;
grant execute on function public.create_invitations(integer, text, integer, timestamptz, text) to authenticated, service_role;

/** set_invitation_active, privileged half. Definer so the operator check decides. */
create function private.set_invitation_active(invitation_id uuid, active boolean, reason text)
returns public.invitations
language plpgsql
security definer
set search_path = ''
as $$
declare
  why text;
  target public.invitations;
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if not private.is_operator() then
    raise exception using errcode = 'PT403', message = 'Only an admin can do that.', hint = 'admin_only';
  end if;
  why := private.required_reason(set_invitation_active.reason);
  if set_invitation_active.active is null then
    raise exception using errcode = 'PT422', message = 'Say whether the code is active (true or false).',
      detail = 'active', hint = 'invitation_invalid';
  end if;
  perform pg_catalog.set_config('app.audit_reason', why, true);
  update public.invitations i set active = set_invitation_active.active
   where i.id = set_invitation_active.invitation_id
  returning i.* into target;
  perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  if target.id is null then
    raise exception using errcode = 'PT404', message = 'No invite code has that id.', hint = 'invitation_not_found';
  end if;
  return target;
end;
$$;

comment on function private.set_invitation_active(uuid, boolean, text) is 'Privileged half of public.set_invitation_active.';

revoke execute on function private.set_invitation_active(uuid, boolean, text) from public;
grant execute on function private.set_invitation_active(uuid, boolean, text) to authenticated, service_role;

/**
 * rpc('set_invitation_active', { invitation_id, active, reason }): disable or enable a code.
 * Errors: PT403 admin_only, PT422 reason_required, PT404 invitation_not_found.
 */
create function public.set_invitation_active(invitation_id uuid, active boolean, reason text)
returns public.invitations
language sql
security invoker
set search_path = ''
as $$
  select * from private.set_invitation_active(set_invitation_active.invitation_id, set_invitation_active.active, set_invitation_active.reason);
$$;

comment on function public.set_invitation_active(uuid, boolean, text) is 'Admins: disable or enable an invite code with a reason (audited).';

revoke execute on function public.set_invitation_active(uuid, boolean, text) from public;
grant execute on function public.set_invitation_active(uuid, boolean, text) to authenticated, service_role;

/** set_signup_mode, privileged half. Definer: app_settings is not writable by API users. */
create function private.set_signup_mode(mode text, reason text)
returns public.app_settings
language plpgsql
security definer
set search_path = ''
as $$
declare
  why text;
  settings public.app_settings;
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if not private.is_operator() then
    raise exception using errcode = 'PT403', message = 'Only an admin can do that.', hint = 'admin_only';
  end if;
  why := private.required_reason(set_signup_mode.reason);
  if set_signup_mode.mode is null or set_signup_mode.mode not in ('open', 'invite_only') then
    raise exception using errcode = 'PT422', message = 'The signup mode is open or invite_only.',
      detail = 'mode', hint = 'signup_mode_invalid';
  end if;
  perform pg_catalog.set_config('app.audit_reason', why, true);
  update public.app_settings s set signup_mode = set_signup_mode.mode, updated_at = now() where s.id
  returning s.* into settings;
  perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  return settings;
end;
$$;

comment on function private.set_signup_mode(text, text) is 'Privileged half of public.set_signup_mode.';

revoke execute on function private.set_signup_mode(text, text) from public;
grant execute on function private.set_signup_mode(text, text) to authenticated, service_role;

/**
 * rpc('set_signup_mode', { mode, reason }): open (anyone may sign up) or invite_only.
 * Errors: PT403 admin_only, PT422 reason_required / signup_mode_invalid.
 */
create function public.set_signup_mode(mode text, reason text)
returns public.app_settings
language sql
security invoker
set search_path = ''
as $$
  select * from private.set_signup_mode(set_signup_mode.mode, set_signup_mode.reason);
$$;

comment on function public.set_signup_mode(text, text) is 'Admins: switch signup between open and invite_only with a reason (audited).';

revoke execute on function public.set_signup_mode(text, text) from public;
grant execute on function public.set_signup_mode(text, text) to authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger invitations_audit_change
  after insert or update or delete on public.invitations
  for each row execute function private.audit_invitation_change();

create trigger app_settings_audit_change
  after update on public.app_settings
  for each row execute function private.audit_settings_change();
