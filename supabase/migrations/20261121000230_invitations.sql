-- =============================================================================================
-- Invitations: codes that admit new accounts. Case-insensitive, can expire, be disabled and
-- have a use limit. app_settings.signup_mode decides whether a code is required:
--   open         a code is optional; a valid one is consumed and linked to the profile
--   invite_only  every new non-anonymous account needs a valid code
-- Checked four times, each for a reason:
--   1. rpc('check_invitation', { code })    the signup form, before the user types a password
--   2. private.hook_before_user_created     Auth's "before user created" hook: a readable 403
--                                            instead of a 500, nothing created
--   3. the auth.users insert trigger         the enforcement (…0240): consumes the code with a
--                                            conditional update in the same transaction as the
--                                            new user, so a failed signup never burns a code and
--                                            a single-use code admits exactly one account
--   4. the auth.users guest-conversion       the same rule when a guest becomes an account
--      trigger (…0240)                       (below)
-- Guests (anonymous users) need no code to be created: they are not accounts yet. A guest who
-- adds an email and password keeps the same auth user (Auth UPDATEs the row, is_anonymous true
-- → false), so neither the hook nor the insert trigger sees it; the guest-conversion trigger
-- applies the rule at that moment instead (the code travels in updateUser({ data: {
-- invite_code } }) in the same call). Exempt: a guest whose profile already has an
-- invitation, and users created by operators with app_metadata {"invite_exempt": true} (only
-- the service role or Studio can set app_metadata).
--
-- Codes cannot be guessed or walked. A code left empty is generated from 65 random bits
-- (XXXX-XXXX-XXXXX); an operator may still choose one, which is only as strong as it is long.
-- check_invitation counts unknown codes in one-minute windows, per caller (the first
-- X-Forwarded-For address as the API gateway passes it, else the user id, else "anonymous")
-- and in total: beyond 10 a minute from one caller or 600 from everyone it answers PT429 until
-- the window ends. Only unknown codes count (a failure budget, not a request budget), so people
-- holding a real code are never throttled by someone guessing. A direct caller can put any
-- address in X-Forwarded-For, so the per-caller budget only slows honest-looking clients and
-- the global one bounds everybody; with 65-bit codes even that would take 10^14 years. The app
-- forwards the visitor's address (app/utils/supabase.server.ts); signups themselves go through
-- Auth's per-IP sign-up limit. check_invitation is volatile (it writes the counter), so
-- PostgREST runs it read-write.
--
-- Error catalogue of the identity functions (SQLSTATE, where, message). PostgREST turns PTxyz
-- into HTTP xyz; GoTrue turns any error raised by an auth.users trigger into 500 "Database
-- error saving new user" (insert) or "Database error updating user" (update).
--   PT401  delete_my_account                 You need to be signed in to delete your account.
--   PT403  delete_account, admin.set_role,   Only an admin can delete another account. /
--          admin.delete_account              Only an admin can change a role.
--   PT404  delete_account, admin.set_role    No account has that id.
--   PT422  delete_account, admin.set_role    A reason is required (1-1000 characters). /
--                                            A role must be consumer or admin.
--   PT403  auth.users insert trigger, and    An invite code is required to sign up right now. /
--          the guest-conversion trigger      That invite code does not exist. Check it and try again. /
--          (invite refusal; GoTrue: 500)     That invite code has been disabled. /
--                                            That invite code has expired. /
--                                            That invite code has already been used.
--   PT422  auth.users update trigger         Your account details are too large (at most 8 KB).
--          (metadata over 8 KB; GoTrue: 500) (detail raw_user_meta_data)
--   PT429  check_invitation                  Too many invite code checks. Wait a minute and try again.
--                                            (hint rate_limited)
--   42501  update of profiles.role or        Only an admin can change a profile's role or invitation.
--          profiles.invitation_id by a
--          non-admin
--   42501  any table an API role has no      permission denied for table <name> (PostgreSQL's own)
--          privilege on
--   23514  CHECK constraints                 the constraint's name says which field, e.g.
--                                            profiles_phone_check, profiles_first_name_typed
--   hook   before_user_created response      {"error": {"http_code": 403, "message": <one of the invite
--                                            messages above>}}, or {"error": {"http_code": 422,
--                                            "message": "Your sign-up details are too large (at most 8 KB)."}}
-- Apart from PT429, check_invitation never raises: it returns (valid, reason) with reason one of
--   not_found | inactive | expired | used_up (null when valid).
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Types
  * -------------------------------------------------------
 */

create type public.invitation_check as (
  valid boolean,
  reason text
);

comment on type public.invitation_check is
  'Answer of check_invitation: valid, and when not, why (not_found, inactive, expired, used_up).';

/**
  * -------------------------------------------------------
  * Section - Functions the tables need first (a column default)
  * -------------------------------------------------------
 */

/**
 * A new invite code: 65 random bits as 13 Crockford base32 characters, XXXX-XXXX-XXXXX
 * (grouped for reading aloud). The default of invitations.code, so it runs as whoever inserts
 * the invitation: granted to authenticated (admins, through RLS) and the service role.
 */
create function private.generate_invitation_code()
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  bytes bytea := extensions.gen_random_bytes(9);
  bits bigint := 0;
  code text := '';
  i integer;
begin
  -- 65 bits: eight full bytes plus the top bit of a ninth.
  for i in 0..7 loop
    bits := (bits << 8) | get_byte(bytes, i);
  end loop;
  code := substr(alphabet, 1 + ((get_byte(bytes, 8) >> 7) << 4 | ((bits >> 60) & 15)::integer), 1);
  for i in 1..12 loop
    code := code || substr(alphabet, 1 + ((bits >> (60 - 5 * i)) & 31)::integer, 1);
  end loop;
  return substr(code, 1, 4) || '-' || substr(code, 5, 4) || '-' || substr(code, 9, 5);
end;
$$;

comment on function private.generate_invitation_code() is
  'Default of invitations.code: 65 random bits in 13 Crockford base32 characters (XXXX-XXXX-XXXXX).';

revoke execute on function private.generate_invitation_code() from public;
grant execute on function private.generate_invitation_code() to authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

create table public.invitations (
  id uuid primary key default extensions.gen_random_uuid(),
  code text not null default private.generate_invitation_code()
    constraint invitations_code_check check (code ~ '^[A-Za-z0-9_-]{4,64}$'),
  active boolean not null default true,
  expires_at timestamptz,
  max_uses integer constraint invitations_max_uses_check check (max_uses > 0),
  use_count integer not null default 0
    constraint invitations_use_count_check check (use_count >= 0 and (max_uses is null or use_count <= max_uses)),
  note text constraint invitations_note_check check (char_length(note) <= 500)
    constraint invitations_note_typed check (private.is_typed_text(note, true)),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);

create table private.invitation_check_failures (
  caller text not null,
  window_start timestamptz not null,
  failures integer not null default 0,
  constraint invitation_check_failures_pkey primary key (caller, window_start)
);

/**
  * -------------------------------------------------------
  * Section - Comments
  * -------------------------------------------------------
 */

comment on table public.invitations is
  'Invite codes. Admins manage them (API or Studio); signup consumes one in the same transaction as the new user.';
comment on column public.invitations.id is 'Referenced by profiles.invitation_id.';
comment on column public.invitations.code is
  'The code people type, matched case-insensitively. Leave empty to get a generated one (65 random bits, XXXX-XXXX-XXXXX); a code you choose is only as hard to guess as it is long and random.';
comment on column public.invitations.active is 'Uncheck to disable the code at once (support: "disable an invite code").';
comment on column public.invitations.expires_at is 'After this moment the code no longer admits anyone. Null: never expires.';
comment on column public.invitations.max_uses is 'How many accounts the code may admit. Null: unlimited. 1: single use.';
comment on column public.invitations.use_count is 'Accounts admitted so far; incremented only by a successful signup.';
comment on column public.invitations.note is 'Operator note: who the code is for (at most 500 characters).';
comment on column public.invitations.created_by is 'Admin who created the code through the API; null when made in Studio.';
comment on column public.invitations.created_at is 'When the code was created.';

comment on table private.invitation_check_failures is
  'Failed check_invitation calls per caller (and ''*'' for everyone) per minute: the throttle against walking the code space. Old windows can be deleted at any time.';

/**
  * -------------------------------------------------------
  * Section - Indexes and the profiles foreign key
  * profiles exists first; the FK lands with its target.
  * -------------------------------------------------------
 */

create unique index invitations_code_lower_key on public.invitations (lower(code));
create index invitations_created_by_idx on public.invitations (created_by);

alter table public.profiles
  add constraint profiles_invitation_id_fkey
  foreign key (invitation_id) references public.invitations (id) on delete set null;
create index profiles_invitation_id_idx on public.profiles (invitation_id);

/**
  * -------------------------------------------------------
  * Section - Row level security
  * Admins only; everyone else asks check_invitation. The failure counter has no policies and
  * no grants: only its definer functions touch it.
  * -------------------------------------------------------
 */

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

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

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
 * The catalogue name (app/utils/error-catalogue.ts) of an invite refusal, raised as its hint so
 * the app never reads the message text.
 */
create function private.invitation_error_name(problem text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case problem
    when 'required' then 'invite_required'
    when 'not_found' then 'invite_not_found'
    when 'inactive' then 'invite_inactive'
    when 'expired' then 'invite_expired'
    when 'used_up' then 'invite_used_up'
  end;
$$;

comment on function private.invitation_error_name(text) is 'Catalogue name of an invite refusal reason (the hint of the PT403 it raises).';

revoke execute on function private.invitation_error_name(text) from public;

/**
 * The sentence a person sees when a signup is refused for its invite code. One place, so the
 * hook and the triggers say the same thing.
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
 * exempted with app_metadata.invite_exempt = true (users cannot set app_metadata). Never null:
 * a missing key must read as false, or `not exempt` would be null and skip the rule.
 */
create function private.invite_exempt(is_anonymous boolean, app_metadata jsonb)
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

/**
 * Consumes one use of a code if it admits someone now, and returns its id; null otherwise.
 * A single conditional UPDATE: concurrent signups with the same code queue on the row lock and
 * each re-checks the condition against the committed count, so a code with max_uses = n admits
 * exactly n accounts. Runs inside the auth.users insert (or guest conversion), so a failed
 * signup rolls it back.
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
 * Counts one failed check for the caller and for everyone, and raises PT429 when either is
 * over its budget for this minute (see the header). Security definer: API roles cannot touch
 * the counter.
 */
create function private.count_failed_invitation_check()
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  forwarded text := nullif(btrim(split_part(coalesce(current_setting('request.headers', true)::jsonb ->> 'x-forwarded-for', ''), ',', 1)), '');
  who text := left(coalesce(forwarded, auth.uid()::text, 'anonymous'), 64);
  this_minute timestamptz := date_trunc('minute', now());
  mine integer;
  everyone integer;
begin
  insert into private.invitation_check_failures as f (caller, window_start, failures)
  values (who, this_minute, 1), ('*', this_minute, 1)
  on conflict on constraint invitation_check_failures_pkey do update set failures = f.failures + 1;

  select max(f.failures) filter (where f.caller = who),
         max(f.failures) filter (where f.caller = '*')
    into mine, everyone
    from private.invitation_check_failures f
   where f.window_start = this_minute
     and f.caller in (who, '*');

  if mine > 10 or everyone > 600 then
    raise exception using
      errcode = 'PT429',
      message = 'Too many invite code checks. Wait a minute and try again.',
      hint = 'invite_checks_rate_limited';
  end if;
end;
$$;

comment on function private.count_failed_invitation_check() is
  'check_invitation throttle: counts a failed check and raises PT429 beyond 10 a minute per caller or 600 in all.';

revoke execute on function private.count_failed_invitation_check() from public;

/**
 * check_invitation, privileged half: the state of one code; a failed check counts against
 * the caller's budget (see the header). Security definer because anon cannot read invitations
 * or the counter; it reveals only the state of the code it was given.
 */
create function private.check_invitation(code text)
returns public.invitation_check
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  problem text := private.invitation_problem(check_invitation.code);
begin
  -- Only unknown codes count: a walker mostly finds those, and someone holding a real but
  -- used-up or expired code is told so without being throttled.
  if problem = 'not_found' then
    perform private.count_failed_invitation_check();
  end if;
  return row(problem is null, problem)::public.invitation_check;
end;
$$;

comment on function private.check_invitation(text) is 'Privileged half of public.check_invitation.';

revoke execute on function private.check_invitation(text) from public;
grant execute on function private.check_invitation(text) to anon, authenticated, service_role;

/**
 * rpc('check_invitation', { code }) → { valid, reason }. For the signup form: says whether the
 * code would admit a new account now and, if not, why (not_found, inactive, expired, used_up).
 * PT429 once a caller guessed too often this minute. Does not consume the code; signup does.
 */
create function public.check_invitation(code text)
returns public.invitation_check
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.check_invitation(check_invitation.code);
$$;

comment on function public.check_invitation(text) is
  'Is this invite code usable? Returns {valid, reason}; reason is not_found, inactive, expired or used_up. Never consumes the code. PT429 after 10 unknown codes a minute from one caller.';

revoke execute on function public.check_invitation(text) from public;
grant execute on function public.check_invitation(text) to anon, authenticated, service_role;

/**
 * Supabase Auth "before user created" hook (config.toml [auth.hook.before_user_created]).
 * Receives {metadata, user} before the user exists and returns {} to allow or
 * {"error": {"http_code": …, "message": …}} to refuse with a readable message and create
 * nothing. Refuses:
 *   - more than 8 KB of user metadata (422), for every kind of signup. Auth copies
 *     user_metadata into every access token; with tens of KB the token no longer fits in a
 *     request header (HTTP 431 behind any proxy), so such a user could sign up but never use
 *     the account. Real metadata (names, phone, OAuth profile fields) is well under 1 KB. The
 *     same cap holds on update (the auth.users update trigger, …0240).
 *   - invite_only without a code, and any given code that does not admit anyone (403; in both
 *     modes, so a typo is reported rather than silently ignored). Guests and exempted users
 *     pass this rule.
 * Never raises, whatever the payload. Security definer because supabase_auth_admin cannot read
 * invitations or app_settings; the triggers still enforce on their own.
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

revoke execute on function private.hook_before_user_created(jsonb) from public, anon, authenticated, service_role;
grant usage on schema private to supabase_auth_admin;
grant execute on function private.hook_before_user_created(jsonb) to supabase_auth_admin;

/**
  * -------------------------------------------------------
  * Section - Grants
  * Admins manage codes through the API (RLS), the service role through scripts. Nobody but
  * the definer functions reads or writes the failure counter.
  * -------------------------------------------------------
 */

revoke all on public.invitations from anon, authenticated, service_role;
grant select, delete on public.invitations to authenticated;
grant insert (code, active, expires_at, max_uses, note) on public.invitations to authenticated;
grant update (code, active, expires_at, max_uses, note) on public.invitations to authenticated;
grant select, insert, update, delete on public.invitations to service_role;

revoke all on private.invitation_check_failures from public, anon, authenticated, service_role;
