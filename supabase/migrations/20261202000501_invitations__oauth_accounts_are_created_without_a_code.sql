-- =============================================================================================
-- The Auth hook lets a new OAuth account (LINE, Kakao) through in invite_only mode without a
-- code (issue #18, DESIGN §3): an OAuth sign-in has no signup form to carry one, so the account
-- is created as a non-member and redeems a code later (redeem_invitation, …0500). Email and
-- phone signups keep the rule of …0230. The 8 KB cap still applies to everyone: provider claims
-- are copied into every access token like any metadata.
-- =============================================================================================

-- Replaced (was …0230): OAuth accounts pass the invitation rule; otherwise unchanged.
/**
 * Supabase Auth "before user created" hook (config.toml [auth.hook.before_user_created]).
 * Receives {metadata, user} before the user exists and returns {} to allow or
 * {"error": {"http_code": …, "message": …}} to refuse with a readable message and create
 * nothing. Refuses more than 8 KB of user metadata (422) for every kind of signup, and, for
 * email and phone signups, invite_only without a code and any given code that admits nobody
 * (403). Guests, operator-exempted users and new OAuth accounts pass the invitation rule (an
 * OAuth account is created as a non-member; a code in its claims is not read). Never raises,
 * whatever the payload. Security definer because supabase_auth_admin cannot read invitations
 * or app_settings; the triggers still enforce on their own.
 */
create or replace function private.hook_before_user_created(event jsonb)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  new_user jsonb := case when jsonb_typeof(event -> 'user') = 'object' then event -> 'user' else '{}'::jsonb end;
  invite_code text;
  problem text;
begin
  if octet_length(coalesce(new_user -> 'user_metadata', '{}'::jsonb)::text) > 8192 then
    return jsonb_build_object(
      'error', jsonb_build_object('http_code', 422, 'message', 'Your sign-up details are too large (at most 8 KB).'));
  end if;

  if private.invite_exempt(new_user -> 'is_anonymous' = 'true'::jsonb, new_user -> 'app_metadata')
     or private.is_oauth_account(new_user -> 'app_metadata') then
    return '{}'::jsonb;
  end if;

  invite_code := private.metadata_invite_code(new_user -> 'user_metadata');
  if invite_code is not null then
    problem := private.invitation_problem(invite_code);
  elsif (select s.signup_mode from public.app_settings s) = 'invite_only' then
    problem := 'required';
  end if;

  if problem is null then
    return '{}'::jsonb;
  end if;
  return jsonb_build_object(
    'error', jsonb_build_object('http_code', 403, 'message', private.invitation_refusal_message(problem)));
end;
$$;

comment on function private.hook_before_user_created(jsonb) is
  'Auth hook: refuses a signup with more than 8 KB of metadata (422), or an email/phone signup whose invite code is missing (invite_only) or unusable (403). OAuth accounts pass as non-members. Auth calls it as supabase_auth_admin.';
