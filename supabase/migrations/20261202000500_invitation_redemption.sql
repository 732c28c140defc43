-- =============================================================================================
-- OAuth accounts and redeeming an invite code later (issue #18, DESIGN §3).
--
-- A sign-in with LINE (the custom provider `custom:line`) or Kakao creates a new auth user
-- without a signup form, so it cannot carry an invite code. In invite_only mode such an account
-- is still created (…0501 lets it past the Auth hook, …0502 past the insert trigger), gets its
-- profile from the provider's claims, and is not a member (profiles.invitation_id null): it can
-- shop like a guest, and enroll refuses it with membership_required until it redeems a code:
--
--   rpc('redeem_invitation', { code }) → { redeemed, reason }
--
-- Who may redeem: a signed-in account (PT401 sign_in_required for visitors, PT403
-- account_required for guests) that is not a member yet. A member (a redeemed code, an
-- operator's invite_exempt, or an admin) is refused readably with PT409 already_member rather
-- than answered "redeemed" again: a second code would otherwise be spent for nothing, and the
-- app shows the form only to non-members anyway. Membership does not depend on the signup mode,
-- so a non-member may redeem in open mode too (and is a member when invite_only is switched on).
--
-- The code is consumed by the same conditional UPDATE as at signup
-- (private.consume_invitation, …0230): case-insensitive, not expired, active, within its use
-- limit, so a single-use code admits exactly one account under any concurrency. The caller's
-- profile row is locked first, so one account redeeming two codes at once spends only one.
--
-- A code that admits nobody is an answer, not an error: { redeemed: false, reason } with reason
-- not_found | inactive | expired | used_up, as check_invitation answers. It has to be: an
-- unknown code counts against the caller's guess budget (private.count_failed_invitation_check,
-- the same budget as check_invitation: 10 a minute per caller, 600 in all), and an exception
-- would roll that count back with the rest of the request. Beyond the budget it raises PT429
-- invite_checks_rate_limited. A redemption is audited as invitation.redeemed (actor: the
-- account holder) with the invitation's id; the profile audit trigger does not add a second,
-- vaguer row.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Types
  * -------------------------------------------------------
 */

create type public.invitation_redemption as (
  redeemed boolean,
  reason text
);

comment on type public.invitation_redemption is
  'Answer of redeem_invitation: redeemed, and when not, why (not_found, inactive, expired, used_up).';

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * Whether Auth created this user from an external (OAuth / OpenID) sign-in: app_metadata.provider
 * is a provider other than email, phone or anonymous (kakao, custom:line, …). Only Auth, the
 * service role and Studio can write app_metadata, so a user cannot claim it. Never null.
 */
create function private.is_oauth_account(app_metadata jsonb)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(
    jsonb_typeof(app_metadata) = 'object'
      and jsonb_typeof(app_metadata -> 'provider') = 'string'
      and app_metadata ->> 'provider' not in ('', 'email', 'phone', 'anonymous'),
    false);
$$;

comment on function private.is_oauth_account(jsonb) is
  'True when app_metadata.provider names an external sign-in (kakao, custom:line, …), not email, phone or anonymous. Never null.';

revoke execute on function private.is_oauth_account(jsonb) from public;

/**
 * redeem_invitation, privileged half (see the header). Security definer because callers cannot
 * read invitations, the guess counter or auth.users, nor write profiles.invitation_id; it
 * checks its caller itself and only ever changes the caller's own profile.
 */
create function private.redeem_invitation(code text)
returns public.invitation_redemption
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
  caller auth.users;
  current_invitation uuid;
  invitation uuid;
  problem text;
begin
  if me is null then
    raise exception using
      errcode = 'PT401', message = 'You need to be signed in to redeem an invite code.', hint = 'sign_in_required';
  end if;
  select u.* into caller from auth.users u where u.id = me;
  if caller.id is null or coalesce(caller.is_anonymous, false) then
    raise exception using
      errcode = 'PT403',
      message = 'Create an account (or sign in) to redeem an invite code.',
      hint = 'account_required';
  end if;

  -- The lock makes "not a member yet" hold until this transaction ends: two redemptions by the
  -- same account queue here, and the second sees the first one's invitation.
  select p.invitation_id into current_invitation from public.profiles p where p.id = me for update;
  if current_invitation is not null or private.is_admin() or private.invite_exempt(false, caller.raw_app_meta_data) then
    raise exception using
      errcode = 'PT409',
      message = 'Your account is already a member: there is no code to redeem.',
      hint = 'already_member';
  end if;

  invitation := private.consume_invitation(redeem_invitation.code);
  if invitation is null then
    -- Between the consumption and this look a concurrent redemption may have used the last
    -- admission; the code existed and admitted someone a moment ago, so it is used up.
    problem := coalesce(private.invitation_problem(redeem_invitation.code), 'used_up');
    if problem = 'not_found' then
      perform private.count_failed_invitation_check();
    end if;
    return row(false, problem)::public.invitation_redemption;
  end if;

  -- Not a support edit: this row is the audit of it (the profile trigger skips it).
  perform pg_catalog.set_config('app.profile_written_by_signup', 'on', true);
  update public.profiles p set invitation_id = invitation where p.id = me;
  perform pg_catalog.set_config('app.profile_written_by_signup', 'off', true);
  perform private.write_audit(
    'invitation.redeemed', 'public.profiles', me::text,
    jsonb_build_object('invitation_id', null), jsonb_build_object('invitation_id', invitation),
    'Invite code redeemed by the account holder');
  return row(true, null)::public.invitation_redemption;
end;
$$;

comment on function private.redeem_invitation(text) is 'Privileged half of public.redeem_invitation.';

revoke execute on function private.redeem_invitation(text) from public;
grant execute on function private.redeem_invitation(text) to anon, authenticated;

/**
 * rpc('redeem_invitation', { code }) → { redeemed, reason }: makes the signed-in account a
 * member with an invite code, consuming one use of it. reason (when not redeemed): not_found,
 * inactive, expired, used_up. Errors: PT401 sign_in_required, PT403 account_required (guests),
 * PT409 already_member, PT429 invite_checks_rate_limited.
 */
create function public.redeem_invitation(code text)
returns public.invitation_redemption
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.redeem_invitation(redeem_invitation.code);
$$;

comment on function public.redeem_invitation(text) is
  'Become a member with an invite code (consumes one use). Returns {redeemed, reason}; reason is not_found, inactive, expired or used_up. PT401 visitors, PT403 guests, PT409 members, PT429 after 10 unknown codes a minute.';

revoke execute on function public.redeem_invitation(text) from public;
-- anon too, so a visitor is told to sign in (PT401) instead of a bare permission error.
grant execute on function public.redeem_invitation(text) to anon, authenticated;
