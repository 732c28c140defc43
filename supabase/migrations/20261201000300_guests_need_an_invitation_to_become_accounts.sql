-- =============================================================================================
-- Invite-only also applies to a guest who becomes an account.
--
-- A guest (anonymous user) who adds an email and password keeps the same auth user: Auth
-- UPDATEs the row (is_anonymous true → false) instead of inserting one, so neither the
-- before-user-created hook nor the insert trigger ran, and in invite_only mode
-- "add to cart, then sign up" (or signInAnonymously + updateUser({ email, password })) made a
-- full account without a code. Now a BEFORE UPDATE trigger on auth.users applies the same
-- rule at that moment: in invite_only mode the guest's metadata must carry a code that admits
-- someone (updateUser({ data: { invite_code } }) in the same call: Auth writes the metadata
-- before it sets the email, in one transaction), and the code is consumed in that same
-- transaction, so a failed conversion never burns a code and a single-use code admits exactly
-- one account. In open mode a valid code is consumed and linked as at signup. Exempt: a guest
-- who already redeemed a code (profiles.invitation_id set), and users an operator exempted
-- (app_metadata.invite_exempt).
--
-- Refusal: PT403 with the invitation messages of 20261121000230. Auth answers a failing
-- trigger on an update with 500 "Database error updating user"; the signup page checks the
-- code first (check_invitation) and explains that 500 the same way it explains a refused
-- signup, so people read why.
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/**
 * BEFORE UPDATE ON auth.users, when a guest stops being anonymous: enforces and consumes the
 * invite code as the insert trigger does for a new account. Security definer because Auth
 * updates as supabase_auth_admin, which has no rights on invitations, profiles or settings.
 */
create function private.handle_guest_conversion()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  invite_code text := private.metadata_invite_code(new.raw_user_meta_data);
  already_invited boolean;
  invitation uuid;
  problem text;
  invite_only boolean := (select s.signup_mode = 'invite_only' from public.app_settings s);
begin
  select p.invitation_id is not null into already_invited from public.profiles p where p.id = new.id;
  if coalesce(already_invited, false) or private.invite_exempt(false, new.raw_app_meta_data) then
    return new;
  end if;

  if invite_code is not null then
    invitation := private.consume_invitation(invite_code);
    if invitation is null and invite_only then
      problem := coalesce(private.invitation_problem(invite_code), 'used_up');
    end if;
  elsif invite_only then
    problem := 'required';
  end if;

  if problem is not null then
    raise exception using
      errcode = 'PT403',
      message = private.invitation_refusal_message(problem),
      detail = 'Guest conversion refused by the invitation rule (' || problem || ').';
  end if;

  if invitation is not null then
    update public.profiles p set invitation_id = invitation where p.id = new.id;
  end if;
  return new;
end;
$$;

comment on function private.handle_guest_conversion() is
  'Trigger on auth.users: a guest becoming an account needs (invite_only) and consumes an invite code, like a signup; refuses with PT403.';

revoke execute on function private.handle_guest_conversion() from public;

-- ---------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------

create trigger on_auth_guest_converted
  before update on auth.users
  for each row
  when (old.is_anonymous and not new.is_anonymous)
  execute function private.handle_guest_conversion();
