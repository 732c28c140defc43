-- =============================================================================================
-- The auth.users triggers of the identity domain (what the database does when Auth writes a
-- user), above all the only way a profile comes to exist: an AFTER INSERT trigger on
-- auth.users, in the same transaction as the user, for every kind of user (email signup,
-- OAuth, admin-created, guest).
--
--   on_auth_user_created           after insert    creates the profile, consumes the invite code
--   on_auth_guest_converted        before update   a guest becoming an account: the invitation
--                                                  rule and its code, as at signup
--   on_auth_user_metadata_changed  before update   user metadata stays within 8 KB
-- (Deleting a user is audited by on_auth_user_deleted, …0250; consents are recorded by
-- on_auth_user_created_record_consents and on_auth_guest_converted_record_consents, …0450.)
--
-- The insert trigger is total: whatever raw_user_meta_data holds (null, an array, numbers where
-- strings belong, 10 KB strings, impossible dates, control or invisible format characters, a
-- "role" key) it creates the profile. Each field is validated before the insert against the
-- same rules as the CHECKs and dropped when it fails; names are cleaned (private.metadata_text
-- turns control characters into spaces and removes format characters, so hostile metadata
-- becomes a valid profile instead of a CHECK violation), trimmed and cut to their limit. No
-- exception handler hides anything: a failure here would be a bug, and the fuzz tests look for
-- it. The one deliberate refusal is the invitation rule (…0230): in invite_only mode a
-- non-exempt user without a code that admits them is refused (PT403).
--
-- Metadata keys read (signup options.data, or what the OAuth provider sends):
--   first_name | given_name      → first_name      (≤ 80 chars, cut)
--   last_name  | family_name     → last_name       (≤ 80 chars, cut)
--   display_name | displayName | full_name | name  → display_name (≤ 80 chars, cut);
--                                  otherwise "first last" when either is known
--   phone                        → phone           (spaces, dots, dashes, parentheses removed;
--                                                   kept only if E.164)
--   birthday                     → birthday        ("YYYY-MM-DD", a real date 1900-01-01..today)
--   account_type                 → account_type    (personal | business, else personal)
--   avatar_url | picture | pictureUrl → avatar_url (http(s)://, ≤ 2048, no spaces)
--   locale                       → locale          (en | th | ko | zh-TW, exactly but for case,
--                                                   so zh-tw is zh-TW; anything else, padded or
--                                                   cleaned values included: null, "not chosen";
--                                                   private.to_locale, …0205)
--   invite_code                  → consumed; profiles.invitation_id
-- GoTrue inserts the user with role '' and sets it in a second statement: nothing here reads it,
-- and profiles.role always starts as consumer.
--
-- A guest becoming an account: Auth UPDATEs the anonymous user (is_anonymous true → false, same
-- id, so the cart and orders stay theirs). In invite_only mode the guest's metadata must carry a
-- code that admits someone (updateUser({ data: { invite_code } }) in the same call: Auth writes
-- the metadata before it sets the email, in one transaction), and the code is consumed in that
-- same transaction, so a failed conversion never burns a code and a single-use code admits
-- exactly one account. In open mode a valid code is consumed and linked as at signup. Auth
-- answers a refusal with 500 "Database error updating user"; the signup page checks the code
-- first (check_invitation) and explains that 500 the way it explains a refused signup.
--
-- Metadata size: the before-user-created hook (…0230) caps signup metadata at 8 KB because Auth
-- copies user_metadata into every access token and a bigger token no longer fits in a request
-- header (HTTP 431). The update trigger holds the same cap for updateUser({ data }), the admin
-- API and Studio (PT422; Auth answers 500 "Database error updating user" and changes nothing).
-- Profiles are edited in public.profiles, not through metadata, so it never involves them.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * The first of `keys` whose value is a string that is non-empty once cleaned: control
 * characters become spaces, format characters are removed (the list of
 * private.is_typed_text), runs of whitespace collapse, ends are trimmed, and the result is cut
 * to max_length characters. Null when none qualifies. Total for any jsonb.
 */
create function private.metadata_text(metadata jsonb, keys text[], max_length integer)
returns text
language sql
immutable
set search_path = ''
as $$
  select cleaned
    from unnest(keys) with ordinality as k(key, position)
   cross join lateral (
     select nullif(btrim(left(btrim(regexp_replace(regexp_replace(
              regexp_replace(metadata ->> k.key, '[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]', '', 'g'),
              '[[:cntrl:]\u2028\u2029]', ' ', 'g'), '\s+', ' ', 'g')), max_length)), '') as cleaned
   ) as c
   where jsonb_typeof(metadata) = 'object'
     and jsonb_typeof(metadata -> k.key) = 'string'
     and c.cleaned is not null
   order by k.position
   limit 1;
$$;

comment on function private.metadata_text(jsonb, text[], integer) is
  'First usable string among the given metadata keys, cleaned and cut to max_length; null if none.';

revoke execute on function private.metadata_text(jsonb, text[], integer) from public;

/**
 * A "YYYY-MM-DD" string as a date when it is a real calendar date between 1900-01-01 and today;
 * null otherwise. Checks the parts before building the date, so it never raises.
 */
create function private.metadata_date(value text)
returns date
language plpgsql
stable
set search_path = ''
as $$
declare
  parts text[] := regexp_match(value, '^([0-9]{4})-([0-9]{2})-([0-9]{2})$');
  y integer;
  m integer;
  d integer;
  result date;
begin
  if parts is null then
    return null;
  end if;
  y := parts[1]::integer;
  m := parts[2]::integer;
  d := parts[3]::integer;
  if y < 1900 or m not between 1 and 12 or d < 1
     or d > extract(day from make_date(y, m, 1) + interval '1 month' - interval '1 day') then
    return null;
  end if;
  result := make_date(y, m, d);
  return case when result <= current_date then result end;
end;
$$;

comment on function private.metadata_date(text) is 'Parses YYYY-MM-DD into a valid birthday (1900-01-01..today) or null; never raises.';

revoke execute on function private.metadata_date(text) from public;

/**
 * The profile a user's metadata describes (signup options.data, or what an OAuth provider
 * sends), every field validated against the table's rules and dropped when it fails; names
 * trimmed and cut to their limit. display_name is left empty when none is given (the profiles
 * trigger then shows "given family"). Total for any jsonb: the signup triggers rely on it.
 */
create function private.profile_from_metadata(user_id uuid, raw_metadata jsonb)
returns public.profiles
language plpgsql
stable
set search_path = ''
as $$
declare
  metadata jsonb := case when jsonb_typeof(raw_metadata) = 'object' then raw_metadata else '{}'::jsonb end;
  phone_digits text := regexp_replace(private.metadata_text(metadata, array['phone'], 64), '[[:space:]().-]', '', 'g');
  picture text := private.metadata_text(metadata, array['avatar_url', 'picture', 'pictureUrl'], 4096);
  kind text := lower(private.metadata_text(metadata, array['account_type'], 16));
  chosen_locale text := case when jsonb_typeof(metadata -> 'locale') = 'string' then metadata ->> 'locale' end;
  profile public.profiles;
begin
  profile.id := user_id;
  profile.first_name := private.metadata_text(metadata, array['first_name', 'given_name'], 80);
  profile.last_name := private.metadata_text(metadata, array['last_name', 'family_name'], 80);
  profile.display_name := private.metadata_text(metadata, array['display_name', 'displayName', 'full_name', 'name'], 80);
  profile.phone := case when phone_digits ~ '^\+[1-9][0-9]{6,14}$' then phone_digits end;
  profile.birthday := private.metadata_date(case when jsonb_typeof(metadata -> 'birthday') = 'string' then btrim(metadata ->> 'birthday') end);
  profile.account_type := case when kind in ('personal', 'business') then kind end;
  profile.avatar_url := case when char_length(picture) <= 2048 and picture ~ '^https?://[^[:space:][:cntrl:]]+$' then picture end;
  profile.locale := private.to_locale(chosen_locale);
  return profile;
end;
$$;

comment on function private.profile_from_metadata(uuid, jsonb) is
  'The profile fields user metadata describes, validated and cut to the table''s rules; null where absent or invalid. Never raises.';

revoke execute on function private.profile_from_metadata(uuid, jsonb) from public;

/**
 * The invitation rule of both ways an account comes to be (a signup, a guest's conversion):
 * consumes the code in `metadata` when it admits someone (its id is returned, for the profile),
 * and refuses with PT403 (named: private.invitation_error_name) when invite_only applies to
 * this user and no code admits them. Runs inside Auth's transaction, so a refused account
 * burns nothing. `attempt` names the way in for the error's detail. Security definer for the
 * same reason as its callers.
 */
create function private.admit_by_invitation(metadata jsonb, exempt boolean, attempt text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  invite_code text := private.metadata_invite_code(metadata);
  invite_only boolean := (select s.signup_mode = 'invite_only' from public.app_settings s);
  invitation uuid;
  problem text;
begin
  if invite_code is not null then
    invitation := private.consume_invitation(invite_code);
    if invitation is null and not exempt and invite_only then
      problem := coalesce(private.invitation_problem(invite_code), 'used_up');
    end if;
  elsif not exempt and invite_only then
    problem := 'required';
  end if;

  if problem is not null then
    raise exception using
      errcode = 'PT403',
      message = private.invitation_refusal_message(problem),
      hint = private.invitation_error_name(problem),
      detail = attempt || ' refused by the invitation rule (' || problem || ').';
  end if;
  return invitation;
end;
$$;

comment on function private.admit_by_invitation(jsonb, boolean, text) is
  'Invitation rule of signups and guest conversions: consumes an admitting code (returns its id) or refuses with PT403 under invite_only.';

revoke execute on function private.admit_by_invitation(jsonb, boolean, text) from public;

/**
 * AFTER INSERT ON auth.users: creates the user's profile from their metadata and, when a code
 * is given, consumes the invitation. Security definer because Auth inserts as
 * supabase_auth_admin, which has no rights on public tables.
 */
create function private.handle_new_user()
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
  invitation := private.admit_by_invitation(
    new.raw_user_meta_data, private.invite_exempt(new.is_anonymous, new.raw_app_meta_data), 'Signup');

  insert into public.profiles (id, first_name, last_name, display_name, phone, birthday, account_type, avatar_url, locale, invitation_id)
  values (
    new.id, fields.first_name, fields.last_name, fields.display_name, fields.phone, fields.birthday,
    coalesce(fields.account_type, 'personal'), fields.avatar_url, fields.locale, invitation
  );
  return null;
end;
$$;

comment on function private.handle_new_user() is
  'Trigger on auth.users: creates the profile (never raises for any metadata) and consumes the invite code; refuses (PT403) only under invite_only.';

revoke execute on function private.handle_new_user() from public;

/**
 * BEFORE UPDATE ON auth.users, when a guest stops being anonymous: enforces and consumes the
 * invite code as the insert trigger does for a new account (see the header), and fills the
 * profile from the metadata the signup form sent (names, phone, birthday, account type,
 * language), in the same transaction: the database, not the app, makes the account's profile.
 * Security definer because Auth updates as supabase_auth_admin, which has no rights on
 * invitations, profiles or settings.
 */
create function private.handle_guest_conversion()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  fields public.profiles := private.profile_from_metadata(new.id, new.raw_user_meta_data);
  needs_code boolean;
  invitation uuid;
begin
  -- A guest who already redeemed a code, or whom an operator exempted, is not asked again
  -- (and a code they send is not spent).
  select p.invitation_id is null and not private.invite_exempt(false, new.raw_app_meta_data)
    into needs_code
    from public.profiles p where p.id = new.id;
  if coalesce(needs_code, true) then
    invitation := private.admit_by_invitation(new.raw_user_meta_data, false, 'Guest conversion');
  end if;

  -- The new account's own details, not a support edit (the audit trigger skips it).
  perform pg_catalog.set_config('app.profile_written_by_signup', 'on', true);
  update public.profiles p
     set first_name = coalesce(fields.first_name, p.first_name),
         last_name = coalesce(fields.last_name, p.last_name),
         -- New names without a display name: leave it empty so the profiles trigger shows them.
         display_name = coalesce(fields.display_name, case when fields.first_name is null and fields.last_name is null then p.display_name end),
         phone = coalesce(fields.phone, p.phone),
         birthday = coalesce(fields.birthday, p.birthday),
         account_type = coalesce(fields.account_type, p.account_type),
         avatar_url = coalesce(fields.avatar_url, p.avatar_url),
         locale = coalesce(fields.locale, p.locale),
         invitation_id = coalesce(invitation, p.invitation_id)
   where p.id = new.id;
  perform pg_catalog.set_config('app.profile_written_by_signup', 'off', true);
  return new;
end;
$$;

comment on function private.handle_guest_conversion() is
  'Trigger on auth.users: a guest becoming an account needs (invite_only) and consumes an invite code, like a signup; refuses with PT403.';

revoke execute on function private.handle_guest_conversion() from public;

/**
 * BEFORE UPDATE ON auth.users when the metadata changes: refuses more than 8 KB (PT422), the
 * hook's signup cap (see the header). Existing rows are not judged until their metadata
 * changes. Invoker: it reads only NEW.
 */
create function private.refuse_oversized_user_metadata()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if octet_length(coalesce(new.raw_user_meta_data, '{}'::jsonb)::text) > 8192 then
    raise exception using
      errcode = 'PT422',
      message = 'Your account details are too large (at most 8 KB).',
      hint = 'metadata_too_large',
      detail = 'raw_user_meta_data';
  end if;
  return new;
end;
$$;

comment on function private.refuse_oversized_user_metadata() is
  'Trigger on auth.users: user metadata over 8 KB is refused (it is copied into every access token).';

revoke execute on function private.refuse_oversized_user_metadata() from public;
grant execute on function private.refuse_oversized_user_metadata() to supabase_auth_admin;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();

create trigger on_auth_guest_converted
  before update on auth.users
  for each row
  when (old.is_anonymous and not new.is_anonymous)
  execute function private.handle_guest_conversion();

create trigger on_auth_user_metadata_changed
  before update on auth.users
  for each row
  when (new.raw_user_meta_data is distinct from old.raw_user_meta_data)
  execute function private.refuse_oversized_user_metadata();
