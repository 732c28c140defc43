-- =============================================================================================
-- Fix: private.invite_exempt() returned null (not false) when app_metadata had no invite_exempt
-- key, so `not exempt` was null and invite_only was not enforced by the signup trigger (the
-- hook still refused). Found by 104_invitations_admit_exactly_as_many_accounts_as_allowed.
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/**
 * Whether invite-only applies to a new auth user: not to guests, and not to users an operator
 * exempted with app_metadata.invite_exempt = true (users cannot set app_metadata). Never null.
 */
create or replace function private.invite_exempt(is_anonymous boolean, app_metadata jsonb)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(is_anonymous, false)
      or coalesce(jsonb_typeof(app_metadata) = 'object' and app_metadata -> 'invite_exempt' = 'true'::jsonb, false);
$$;

comment on function private.invite_exempt(boolean, jsonb) is
  'Guests and operator-exempted users need no invite code. Always true or false, never null.';

revoke execute on function private.invite_exempt(boolean, jsonb) from public;
