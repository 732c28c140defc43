-- =============================================================================================
-- Signup metadata is capped at 8 KB by the before-user-created hook.
-- Auth copies user_metadata into every access token. With tens of KB of metadata the token no
-- longer fits in a request header (HTTP 431 behind any proxy), so such a user could sign up but
-- never use the account. Refusing at signup, with a readable 422 and nothing created, is the
-- honest answer; the profile trigger stays total (it never raises, whatever it is given).
-- The cap applies to every kind of signup (email, guest, admin-created); real metadata (names,
-- phone, OAuth profile fields) is well under 1 KB.
--
-- Error added to the identity catalogue (20261121000230_invitations.sql):
--   hook   before_user_created response   {"error": {"http_code": 422, "message":
--                                           "Your sign-up details are too large (at most 8 KB)."}}
-- =============================================================================================

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

  if private.invite_exempt(new_user -> 'is_anonymous' = 'true'::jsonb, new_user -> 'app_metadata') then
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
  'Auth hook: refuses a signup with more than 8 KB of metadata (422), or whose invite code is missing (invite_only) or unusable (403), with a readable message. Auth calls it as supabase_auth_admin.';
