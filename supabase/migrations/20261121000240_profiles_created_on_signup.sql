-- =============================================================================================
-- The only way a profile comes to exist: an AFTER INSERT trigger on auth.users, in the same
-- transaction as the user, for every kind of user (email signup, OAuth, admin-created, guest).
--
-- The trigger is total: whatever raw_user_meta_data holds (null, an array, numbers where strings
-- belong, 10 KB strings, impossible dates, control characters, a "role" key) it creates the
-- profile. Each field is validated before the insert against the same rules as the CHECKs and
-- dropped when it fails; names are trimmed and cut to their limit. No exception handler hides
-- anything: a failure here would be a bug, and the fuzz tests look for it.
-- The one deliberate refusal is the invitation rule (see the invitations migration): in
-- invite_only mode a non-exempt user without a code that admits them is refused (PT403).
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
--   invite_code                  → consumed; profiles.invitation_id
-- GoTrue inserts the user with role '' and sets it in a second statement: nothing here reads it,
-- and profiles.role always starts as consumer.
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/**
 * The first of `keys` whose value is a string that is non-empty once cleaned: control
 * characters become spaces, runs of whitespace collapse, ends are trimmed, and the result is cut
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
     select nullif(btrim(left(btrim(regexp_replace(
              regexp_replace(metadata ->> k.key, '[[:cntrl:]]', ' ', 'g'), '\s+', ' ', 'g')), max_length)), '') as cleaned
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
  metadata jsonb := case when jsonb_typeof(new.raw_user_meta_data) = 'object' then new.raw_user_meta_data else '{}'::jsonb end;
  exempt boolean := private.invite_exempt(new.is_anonymous, new.raw_app_meta_data);
  invite_code text := private.metadata_invite_code(metadata);
  invitation uuid;
  problem text;
  given_name text := private.metadata_text(metadata, array['first_name', 'given_name'], 80);
  family_name text := private.metadata_text(metadata, array['last_name', 'family_name'], 80);
  shown_name text := private.metadata_text(metadata, array['display_name', 'displayName', 'full_name', 'name'], 80);
  phone_digits text := regexp_replace(private.metadata_text(metadata, array['phone'], 64), '[[:space:]().-]', '', 'g');
  picture text := private.metadata_text(metadata, array['avatar_url', 'picture', 'pictureUrl'], 4096);
  kind text := lower(private.metadata_text(metadata, array['account_type'], 16));
begin
  -- Invitation first: in invite_only mode a refused signup must not leave anything behind.
  if invite_code is not null then
    invitation := private.consume_invitation(invite_code);
    if invitation is null and not exempt
       and (select s.signup_mode from public.app_settings s) = 'invite_only' then
      problem := coalesce(private.invitation_problem(invite_code), 'used_up');
    end if;
  elsif not exempt and (select s.signup_mode from public.app_settings s) = 'invite_only' then
    problem := 'required';
  end if;

  if problem is not null then
    raise exception using
      errcode = 'PT403',
      message = private.invitation_refusal_message(problem),
      detail = 'Signup refused by the invitation rule (' || problem || ').';
  end if;

  insert into public.profiles (id, first_name, last_name, display_name, phone, birthday, account_type, avatar_url, invitation_id)
  values (
    new.id,
    given_name,
    family_name,
    coalesce(shown_name, nullif(btrim(left(concat_ws(' ', given_name, family_name), 80)), '')),
    case when phone_digits ~ '^\+[1-9][0-9]{6,14}$' then phone_digits end,
    private.metadata_date(case when jsonb_typeof(metadata -> 'birthday') = 'string' then btrim(metadata ->> 'birthday') end),
    case when kind in ('personal', 'business') then kind else 'personal' end,
    case when char_length(picture) <= 2048 and picture ~ '^https?://[^[:space:][:cntrl:]]+$' then picture end,
    invitation
  );
  return null;
end;
$$;

comment on function private.handle_new_user() is
  'Trigger on auth.users: creates the profile (never raises for any metadata) and consumes the invite code; refuses (PT403) only under invite_only.';

revoke execute on function private.handle_new_user() from public;

-- ---------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();
