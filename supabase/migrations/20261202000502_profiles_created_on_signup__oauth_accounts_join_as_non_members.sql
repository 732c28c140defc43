-- =============================================================================================
-- A new OAuth account (LINE as custom:line, Kakao) is created in invite_only mode without a
-- code and is not a member (issue #18, DESIGN §3): the insert trigger still makes its profile
-- from the provider's claims (LINE: name, picture; Kakao: name/full_name, avatar_url; the keys
-- of …0240 already cover both), but applies no invitation rule to it, so profiles.invitation_id
-- stays null until the account redeems a code (redeem_invitation, …0500). An invite_code key in
-- provider claims is ignored: claims are the provider's, not a signup form the person filled in.
-- Email signups keep the rule of …0230/…0240.
-- =============================================================================================

-- Replaced (was …0240): OAuth accounts skip the invitation rule; otherwise unchanged.
/**
 * AFTER INSERT ON auth.users: creates the user's profile from their metadata and, for a signup
 * that is not an OAuth sign-in, applies the invitation rule (consumes a given code, refuses
 * PT403 under invite_only). Security definer because Auth inserts as supabase_auth_admin,
 * which has no rights on public tables.
 */
create or replace function private.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  fields public.profiles := private.profile_from_metadata(new.id, new.raw_user_meta_data);
  invitation uuid;
begin
  -- Invitation first: in invite_only mode a refused signup must not leave anything behind.
  if not private.is_oauth_account(new.raw_app_meta_data) then
    invitation := private.admit_by_invitation(
      new.raw_user_meta_data, private.invite_exempt(new.is_anonymous, new.raw_app_meta_data), 'Signup');
  end if;

  insert into public.profiles (id, first_name, last_name, display_name, phone, birthday, account_type, avatar_url, locale, invitation_id)
  values (
    new.id, fields.first_name, fields.last_name, fields.display_name, fields.phone, fields.birthday,
    coalesce(fields.account_type, 'personal'), fields.avatar_url, fields.locale, invitation
  );
  return null;
end;
$$;

comment on function private.handle_new_user() is
  'Trigger on auth.users: creates the profile (never raises for any metadata); email signups consume the invite code and are refused (PT403) without one under invite_only; OAuth accounts join as non-members.';
