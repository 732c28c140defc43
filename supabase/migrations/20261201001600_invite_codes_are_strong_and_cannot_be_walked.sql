-- =============================================================================================
-- Invite codes the product makes are unguessable, and check_invitation cannot be used to walk
-- the code space.
--
-- Generated codes: an invitation inserted without a code gets one of 13 Crockford base32
-- characters from 65 random bits (gen_random_bytes), grouped for reading aloud:
-- XXXX-XXXX-XXXXX. Operators may still choose a code (e.g. an event name); Studio's column
-- comment says that a chosen code is as guessable as it is short.
--
-- Walking: check_invitation answered ~170 guesses a second to anybody. Now failed checks are
-- counted in one-minute windows, per caller (the first address of X-Forwarded-For as the API
-- gateway passes it, else the user id, else "anonymous") and in total: more than 10 unknown
-- codes a minute from one caller, or 600 from everyone, and check_invitation answers PT429 "Too
-- many invite code checks. Wait a minute and try again." until the window ends. Only unknown
-- codes count (a failure budget, not a request budget), so people who have a real code are
-- never throttled by someone guessing. The app forwards the visitor's address in
-- X-Forwarded-For (see app/utils/supabase.server.ts); a direct caller can put any address
-- there, so the per-caller budget only slows honest-looking clients and the global one bounds
-- everybody. With 65-bit codes even the global budget would need 10^14
-- years to walk them. Signups themselves go through Auth's per-IP sign-up limit.
-- check_invitation becomes volatile (it writes the counter), so PostgREST runs it read-write.
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table private.invitation_check_failures (
  caller text not null,
  window_start timestamptz not null,
  failures integer not null default 0,
  constraint invitation_check_failures_pkey primary key (caller, window_start)
);

comment on table private.invitation_check_failures is
  'Failed check_invitation calls per caller (and ''*'' for everyone) per minute: the throttle against walking the code space. Old windows can be deleted at any time.';

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/** A new invite code: 65 random bits as 13 Crockford base32 characters, XXXX-XXXX-XXXXX. */
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
 * Counts one failed check for the caller and for everyone, and raises PT429 when either is
 * over its budget for this minute. Security definer: API roles cannot touch the counter.
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
      hint = 'rate_limited';
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
create or replace function private.check_invitation(code text)
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

/**
 * rpc('check_invitation', { code }) → { valid, reason } (same contract as in 20261121000230;
 * PT429 once a caller guessed too often this minute). Does not consume the code.
 */
create or replace function public.check_invitation(code text)
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

-- ---------------------------------------------------------------------------------------------
-- Table defaults and comments
-- ---------------------------------------------------------------------------------------------

alter table public.invitations alter column code set default private.generate_invitation_code();

comment on column public.invitations.code is
  'The code people type, matched case-insensitively. Leave empty to get a generated one (65 random bits, XXXX-XXXX-XXXXX); a code you choose is only as hard to guess as it is long and random.';

revoke all on private.invitation_check_failures from public, anon, authenticated, service_role;
