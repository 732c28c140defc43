-- =============================================================================================
-- Invitations: codes that admit new accounts. Case-insensitive, can expire, be disabled and
-- have a use limit. app_settings.signup_mode decides whether a code is required:
--   open         a code is optional; a valid one is consumed and linked to the profile
--   invite_only  every new non-anonymous account needs a valid code
-- Checked three times, each for a reason:
--   1. rpc('check_invitation', { code })    the signup form, before the user types a password
--   2. private.hook_before_user_created     Auth's "before user created" hook: a readable 403
--                                            instead of a 500, nothing created
--   3. the auth.users insert trigger         the enforcement: consumes the code with a
--                                            conditional update in the same transaction as the
--                                            new user, so a failed signup never burns a code and
--                                            a single-use code admits exactly one account
-- Guests (anonymous users) are exempt: they are not accounts yet. A guest who later adds an
-- email and password keeps the same auth user (an UPDATE, not a new signup), so invite-only does
-- not apply to that upgrade; their cart and orders stay theirs. Users created by operators can
-- be exempted with app_metadata {"invite_exempt": true} (only the service role or Studio can set
-- app_metadata).
--
-- Error catalogue of the identity functions (SQLSTATE, where, message). PostgREST turns PTxyz
-- into HTTP xyz; GoTrue turns any error raised by the auth.users trigger into
-- 500 "Database error saving new user".
--   PT401  delete_my_account                 You need to be signed in to delete your account.
--   PT403  delete_account, admin.set_role,   Only an admin can delete another account. /
--          admin.delete_account              Only an admin can change a role.
--   PT404  delete_account, admin.set_role    No account has that id.
--   PT422  delete_account, admin.set_role    A reason is required (1-1000 characters). /
--                                            A role must be consumer or admin.
--   PT403  auth.users insert trigger         An invite code is required to sign up right now. /
--          (invite refusal; GoTrue: 500)     That invite code does not exist. Check it and try again. /
--                                            That invite code has been disabled. /
--                                            That invite code has expired. /
--                                            That invite code has already been used.
--   42501  update of profiles.role or        Only an admin can change a profile's role or invitation.
--          profiles.invitation_id by a
--          non-admin
--   42501  any table an API role has no      permission denied for table <name> (PostgreSQL's own)
--          privilege on
--   hook   before_user_created response      {"error": {"http_code": 403, "message": <one of the invite
--                                            messages above>}}
-- check_invitation never raises: it returns (valid, reason) with reason one of
--   not_found | inactive | expired | used_up (null when valid).
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------------------------

create type public.invitation_check as (
  valid boolean,
  reason text
);

comment on type public.invitation_check is
  'Answer of check_invitation: valid, and when not, why (not_found, inactive, expired, used_up).';

-- ---------------------------------------------------------------------------------------------
-- Table
-- ---------------------------------------------------------------------------------------------

create table public.invitations (
  id uuid primary key default extensions.gen_random_uuid(),
  code text not null constraint invitations_code_check check (code ~ '^[A-Za-z0-9_-]{4,64}$'),
  active boolean not null default true,
  expires_at timestamptz,
  max_uses integer constraint invitations_max_uses_check check (max_uses > 0),
  use_count integer not null default 0
    constraint invitations_use_count_check check (use_count >= 0 and (max_uses is null or use_count <= max_uses)),
  note text constraint invitations_note_check check (char_length(note) <= 500),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);

comment on table public.invitations is
  'Invite codes. Admins manage them (API or Studio); signup consumes one in the same transaction as the new user.';
comment on column public.invitations.id is 'Referenced by profiles.invitation_id.';
comment on column public.invitations.code is
  'The code people type: 4-64 letters, digits, _ or -. Unique regardless of case; matched case-insensitively.';
comment on column public.invitations.active is 'Uncheck to disable the code at once (support: "disable an invite code").';
comment on column public.invitations.expires_at is 'After this moment the code no longer admits anyone. Null: never expires.';
comment on column public.invitations.max_uses is 'How many accounts the code may admit. Null: unlimited. 1: single use.';
comment on column public.invitations.use_count is 'Accounts admitted so far; incremented only by a successful signup.';
comment on column public.invitations.note is 'Operator note: who the code is for (at most 500 characters).';
comment on column public.invitations.created_by is 'Admin who created the code through the API; null when made in Studio.';
comment on column public.invitations.created_at is 'When the code was created.';

-- ---------------------------------------------------------------------------------------------
-- Indexes and the profiles foreign key (profiles exists first; the FK lands with its target)
-- ---------------------------------------------------------------------------------------------

create unique index invitations_code_lower_key on public.invitations (lower(code));
create index invitations_created_by_idx on public.invitations (created_by);

alter table public.profiles
  add constraint profiles_invitation_id_fkey
  foreign key (invitation_id) references public.invitations (id) on delete set null;
create index profiles_invitation_id_idx on public.profiles (invitation_id);

-- ---------------------------------------------------------------------------------------------
-- RLS and policies: admins only; everyone else asks check_invitation
-- ---------------------------------------------------------------------------------------------

alter table public.invitations enable row level security;

create policy "Admins read invitations"
  on public.invitations for select
  to authenticated
  using ((select private.is_admin()));

create policy "Admins create invitations"
  on public.invitations for insert
  to authenticated
  with check ((select private.is_admin()));

create policy "Admins update invitations"
  on public.invitations for update
  to authenticated
  using ((select private.is_admin()))
  with check ((select private.is_admin()));

create policy "Admins delete invitations"
  on public.invitations for delete
  to authenticated
  using ((select private.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/**
 * Why a code would not admit anyone right now, or null when it would. Looks at the one code
 * asked about, never lists others. Security definer because callers (anon, the Auth hook)
 * cannot read invitations.
 */
create function private.invitation_problem(code text)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when i.id is null then 'not_found'
    when not i.active then 'inactive'
    when i.expires_at is not null and i.expires_at <= now() then 'expired'
    when i.max_uses is not null and i.use_count >= i.max_uses then 'used_up'
  end
  from (select 1) as one
  left join public.invitations i
    on char_length(invitation_problem.code) <= 64
   and lower(i.code) = lower(btrim(invitation_problem.code));
$$;

comment on function private.invitation_problem(text) is
  'null when the code admits a new account now; otherwise not_found, inactive, expired or used_up.';

revoke execute on function private.invitation_problem(text) from public;
grant execute on function private.invitation_problem(text) to anon, authenticated, service_role;

/**
 * The sentence a person sees when a signup is refused for its invite code. One place, so the
 * hook and the trigger say the same thing.
 */
create function private.invitation_refusal_message(problem text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case problem
    when 'required' then 'An invite code is required to sign up right now.'
    when 'not_found' then 'That invite code does not exist. Check it and try again.'
    when 'inactive' then 'That invite code has been disabled.'
    when 'expired' then 'That invite code has expired.'
    when 'used_up' then 'That invite code has already been used.'
  end;
$$;

comment on function private.invitation_refusal_message(text) is 'Readable message for an invite refusal reason.';

revoke execute on function private.invitation_refusal_message(text) from public;

/**
 * The invite code carried in signup metadata (options.data.invite_code), trimmed; null when
 * absent, not a string, empty or longer than 64 characters. Total for any jsonb.
 */
create function private.metadata_invite_code(metadata jsonb)
returns text
language sql
immutable
set search_path = ''
as $$
  select nullif(btrim(metadata ->> 'invite_code'), '')
   where jsonb_typeof(metadata) = 'object'
     and jsonb_typeof(metadata -> 'invite_code') = 'string'
     and char_length(metadata ->> 'invite_code') <= 64;
$$;

comment on function private.metadata_invite_code(jsonb) is 'Extracts options.data.invite_code from user metadata, or null.';

revoke execute on function private.metadata_invite_code(jsonb) from public;

/**
 * Whether invite-only applies to a new auth user: not to guests, and not to users an operator
 * exempted with app_metadata.invite_exempt = true (users cannot set app_metadata).
 */
create function private.invite_exempt(is_anonymous boolean, app_metadata jsonb)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(is_anonymous, false)
      or (jsonb_typeof(app_metadata) = 'object' and app_metadata -> 'invite_exempt' = 'true'::jsonb);
$$;

comment on function private.invite_exempt(boolean, jsonb) is 'Guests and operator-exempted users need no invite code.';

revoke execute on function private.invite_exempt(boolean, jsonb) from public;

/**
 * Consumes one use of a code if it admits someone now, and returns its id; null otherwise.
 * A single conditional UPDATE: concurrent signups with the same code queue on the row lock and
 * each re-checks the condition against the committed count, so a code with max_uses = n admits
 * exactly n accounts. Runs inside the auth.users insert, so a failed signup rolls it back.
 */
create function private.consume_invitation(code text)
returns uuid
language sql
security definer
set search_path = ''
as $$
  update public.invitations i
     set use_count = i.use_count + 1
   where char_length(consume_invitation.code) <= 64
     and lower(i.code) = lower(btrim(consume_invitation.code))
     and i.active
     and (i.expires_at is null or i.expires_at > now())
     and (i.max_uses is null or i.use_count < i.max_uses)
  returning i.id;
$$;

comment on function private.consume_invitation(text) is
  'Uses up one admission of a valid code and returns its id (null when the code does not admit anyone). Signup trigger only.';

revoke execute on function private.consume_invitation(text) from public;

/**
 * check_invitation, privileged half: the state of one code. Security definer because anon
 * cannot read invitations; it reveals only the state of the code it was given.
 */
create function private.check_invitation(code text)
returns public.invitation_check
language sql
stable
security definer
set search_path = ''
as $$
  select row(problem is null, problem)::public.invitation_check
    from (select private.invitation_problem(check_invitation.code) as problem) as checked;
$$;

comment on function private.check_invitation(text) is 'Privileged half of public.check_invitation.';

revoke execute on function private.check_invitation(text) from public;
grant execute on function private.check_invitation(text) to anon, authenticated, service_role;

/**
 * rpc('check_invitation', { code }) → { valid, reason }. For the signup form: says whether the
 * code would admit a new account now and, if not, why (not_found, inactive, expired, used_up).
 * Does not consume the code; signup does.
 */
create function public.check_invitation(code text)
returns public.invitation_check
language sql
stable
security invoker
set search_path = ''
as $$
  select private.check_invitation(check_invitation.code);
$$;

comment on function public.check_invitation(text) is
  'Is this invite code usable? Returns {valid, reason}; reason is not_found, inactive, expired or used_up. Never consumes the code.';

revoke execute on function public.check_invitation(text) from public;
grant execute on function public.check_invitation(text) to anon, authenticated, service_role;

/**
 * Supabase Auth "before user created" hook (config.toml [auth.hook.before_user_created]).
 * Receives {metadata, user} before the user exists and returns {} to allow or
 * {"error": {"http_code": 403, "message": …}} to refuse with a readable message and create
 * nothing. Refuses: invite_only without a code, and any given code that does not admit anyone
 * (in both modes, so a typo is reported rather than silently ignored). Guests and exempted
 * users always pass. Never raises, whatever
 * the payload. Security definer because supabase_auth_admin cannot read invitations or
 * app_settings; the trigger still enforces on its own.
 */
create function private.hook_before_user_created(event jsonb)
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
  'Auth hook: refuses a signup whose invite code is missing (invite_only) or unusable, with a readable 403. Auth calls it as supabase_auth_admin.';

revoke execute on function private.hook_before_user_created(jsonb) from public, anon, authenticated, service_role;
grant usage on schema private to supabase_auth_admin;
grant execute on function private.hook_before_user_created(jsonb) to supabase_auth_admin;

-- ---------------------------------------------------------------------------------------------
-- Grants: admins manage codes through the API (RLS), the service role through scripts.
-- ---------------------------------------------------------------------------------------------

revoke all on public.invitations from anon, authenticated, service_role;
grant select, delete on public.invitations to authenticated;
grant insert (code, active, expires_at, max_uses, note) on public.invitations to authenticated;
grant update (code, active, expires_at, max_uses, note) on public.invitations to authenticated;
grant select, insert, update, delete on public.invitations to service_role;
