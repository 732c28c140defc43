-- =============================================================================================
-- Operators and accounts (issue #15): the support lookups and fixes of seeds/002, each one
-- audited RPC that works the same through the API (admins) and in Studio (postgres):
--
--   rpc('find_accounts', { query, page?, page_size? })        lookup by name, email, birthday
--                                                            or phone (national or international)
--   rpc('admin_update_profile', { user_id, changes, reason }) names, phone, birthday, account
--                                                            type, role (audited old/new)
--   rpc('merge_accounts', { keep_user_id, remove_user_id, reason })  duplicate accounts
--   admin.find_accounts(search)                              kept; now the same lookup (page 1, 100)
--
-- The last admin: a BEFORE UPDATE trigger on profiles refuses demoting the only admin, for every
-- path (admin_update_profile, admin.set_role, a Studio edit), and merge_accounts refuses to
-- remove the only admin. Callers are checked with private.is_operator(); anyone else gets PT403
-- admin_only, like delete_account and create_enrollment.
--
-- Merging moves, in one transaction: orders, enrollments with their coupons, coupons, favorites,
-- stock holds and consents. Duplicates (both accounts hold the same favorite, a hold on the
-- same product, the same consent) keep the kept account's row and drop the other: a hold is
-- not summed, because the sum could exceed the per-shopper cap or the shelf. Then the removed
-- account is deleted through private.delete_account, so the deletion trigger audits and erases
-- as for any deletion. Refused (PT409 merge_enrollment_conflict) when both accounts have a
-- live (not cancelled) enrollment in the same event: an operator cancels one first.
-- The enrollment and coupon triggers refuse a change of member; merging is the one exception,
-- allowed only inside merge_accounts (private.merging_accounts()): their new versions are in
-- …0401 (events__…), and admin.find_accounts becomes the same lookup in …0402.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * True only inside private.merge_accounts (a transaction-local setting it sets) and for an
 * operator: the one case where an enrollment or coupon may change member. Invoker: it reads
 * a setting and calls is_operator.
 */
create function private.merging_accounts()
returns boolean
language sql
stable
set search_path = ''
as $$
  select coalesce(current_setting('private.merging_accounts', true), '') = 'on' and private.is_operator();
$$;

comment on function private.merging_accounts() is 'True inside merge_accounts only: lets enrollments and coupons change member.';

revoke execute on function private.merging_accounts() from public;
grant execute on function private.merging_accounts() to authenticated, service_role, supabase_auth_admin;

/** Digits of a phone number (or query) as its national significant number: no separators, no
 * leading 00 or trunk 0. 010-7777-8888 → 1077778888, +82 10 7777 8888 → 821077778888. */
create function private.phone_digits(value text)
returns text
language sql
immutable
set search_path = ''
as $$
  select nullif(regexp_replace(regexp_replace(coalesce(value, ''), '[^0-9]', '', 'g'), '^0{1,2}', ''), '');
$$;

comment on function private.phone_digits(text) is
  'Digits of a phone number without separators, international 00 or national trunk 0: compare national and international forms by containment.';

revoke execute on function private.phone_digits(text) from public;

/**
 * find_accounts, privileged half: reads auth.users (emails), which no API role may, so it is
 * security definer and checks private.is_operator(). A phone query matches when its national
 * significant number appears in the stored E.164 digits (so 010-7777-8888, 01077778888 and
 * +82 10 7777 8888 find +821077778888; 081-234-5678 and +66 81 234 5678 find +66812345678).
 * An account id finds that account (the admin area's member page reads its email this way).
 * Newest accounts first, ties by id: a stable order for paging. total_count is the number of
 * matches on every page.
 */
create function private.find_accounts(query text, page integer, page_size integer)
returns table (
  user_id uuid,
  email text,
  first_name text,
  last_name text,
  display_name text,
  phone text,
  birthday date,
  role text,
  account_type text,
  is_anonymous boolean,
  created_at timestamptz,
  last_sign_in_at timestamptz,
  total_count bigint
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not private.is_operator() then
    raise exception using errcode = 'PT403', message = 'Only an admin can do that.', hint = 'admin_only';
  end if;
  if coalesce(page, 0) < 1 or coalesce(page_size, 0) not between 1 and 100 then
    raise exception using
      errcode = 'PT422',
      message = 'Pages start at 1 and hold 1-100 accounts.',
      hint = 'page_invalid';
  end if;
  return query
  with needle as (
    select lower(btrim(coalesce(find_accounts.query, ''))) as text,
           private.phone_digits(find_accounts.query) as digits,
           private.metadata_date(btrim(coalesce(find_accounts.query, ''))) as day
  )
  select u.id, u.email::text, p.first_name, p.last_name, p.display_name, p.phone, p.birthday, p.role,
         p.account_type, u.is_anonymous, u.created_at, u.last_sign_in_at, count(*) over ()
    from auth.users u
    join public.profiles p on p.id = u.id
   cross join needle n
   where n.text <> ''
     and (u.id::text = n.text
       or strpos(lower(coalesce(u.email, '')), n.text) > 0
       or strpos(lower(concat_ws(' ', p.first_name, p.last_name, p.display_name)), n.text) > 0
       or (char_length(n.digits) >= 4 and strpos(coalesce(private.phone_digits(p.phone), ''), n.digits) > 0)
       or p.birthday = n.day)
   order by u.created_at desc, u.id
   limit find_accounts.page_size offset (find_accounts.page - 1) * find_accounts.page_size;
end;
$$;

comment on function private.find_accounts(text, integer, integer) is 'Privileged half of public.find_accounts and admin.find_accounts.';

revoke execute on function private.find_accounts(text, integer, integer) from public;
grant execute on function private.find_accounts(text, integer, integer) to authenticated, service_role;

/**
 * rpc('find_accounts', { query, page?, page_size? }): support lookup by part of a name or
 * email, a birthday (YYYY-MM-DD) or a phone number in any form. 20 a page by default.
 * Errors: PT403 admin_only, PT422 page_invalid.
 */
create function public.find_accounts(query text, page integer default 1, page_size integer default 20)
returns table (
  user_id uuid,
  email text,
  first_name text,
  last_name text,
  display_name text,
  phone text,
  birthday date,
  role text,
  account_type text,
  is_anonymous boolean,
  created_at timestamptz,
  last_sign_in_at timestamptz,
  total_count bigint
)
language sql
stable
security invoker
set search_path = ''
as $$
  select * from private.find_accounts(find_accounts.query, find_accounts.page, find_accounts.page_size);
$$;

comment on function public.find_accounts(text, integer, integer) is
  'Admins: find accounts by name, email, birthday or phone (national or international form), paged. PT403 admin_only.';

revoke execute on function public.find_accounts(text, integer, integer) from public;
grant execute on function public.find_accounts(text, integer, integer) to authenticated, service_role;


/**
 * BEFORE UPDATE OF role ON profiles: the only admin cannot become a consumer, whoever tries
 * (RPC, admin.set_role, Studio), or nobody could run the operator tools from the app any more.
 * Locks the admins' rows so two admins demoting each other at once cannot both pass. Definer
 * because it must see every admin's row whoever updates.
 */
create function private.keep_one_admin()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if old.role = 'admin' and new.role is distinct from 'admin' then
    perform 1 from public.profiles p where p.role = 'admin' order by p.id for update;
    if not exists (select 1 from public.profiles p where p.role = 'admin' and p.id <> old.id) then
      raise exception using
        errcode = 'PT409',
        message = 'This is the only admin: make another account admin first.',
        hint = 'last_admin';
    end if;
  end if;
  return new;
end;
$$;

comment on function private.keep_one_admin() is 'Trigger: refuses demoting the only admin (PT409 last_admin).';

revoke execute on function private.keep_one_admin() from public;

/**
 * admin_update_profile, privileged half. `changes` is a JSON object with any of first_name,
 * last_name, display_name, phone, birthday, account_type, role; null clears a name, the phone
 * or the birthday. Phones may be typed with spaces, dashes or brackets (+82 10-7777-8888) and
 * are stored as E.164. The profile CHECKs validate (23514 names the field); the profiles audit
 * trigger writes old/new values with the reason. Security definer so the operator check, not
 * column grants, decides.
 */
create function private.admin_update_profile(user_id uuid, changes jsonb, reason text)
returns public.profiles
language plpgsql
security definer
set search_path = ''
as $$
declare
  why text;
  unknown text;
  target public.profiles;
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if not private.is_operator() then
    raise exception using errcode = 'PT403', message = 'Only an admin can do that.', hint = 'admin_only';
  end if;
  why := private.required_reason(admin_update_profile.reason);
  if jsonb_typeof(changes) is distinct from 'object' or changes = '{}'::jsonb then
    raise exception using
      errcode = 'PT422',
      message = 'Say what to change: first_name, last_name, display_name, phone, birthday, account_type or role.',
      hint = 'profile_change_invalid';
  end if;
  select k into unknown from jsonb_object_keys(changes) k
   where k not in ('first_name', 'last_name', 'display_name', 'phone', 'birthday', 'account_type', 'role')
   limit 1;
  if unknown is not null then
    raise exception using
      errcode = 'PT422',
      message = format('%s cannot be changed here: only first_name, last_name, display_name, phone, birthday, account_type and role.', unknown),
      detail = unknown,
      hint = 'profile_change_invalid';
  end if;
  if changes ? 'role' and (changes ->> 'role') is distinct from 'admin' and (changes ->> 'role') is distinct from 'consumer' then
    raise exception using errcode = 'PT422', message = 'A role must be consumer or admin.', hint = 'role_invalid';
  end if;
  if changes ? 'birthday' and changes ->> 'birthday' is not null
     and private.metadata_date(changes ->> 'birthday') is null then
    raise exception using
      errcode = 'PT422',
      message = 'A birthday is a date written YYYY-MM-DD.',
      detail = 'birthday',
      hint = 'profile_change_invalid';
  end if;

  select p.* into target from public.profiles p where p.id = admin_update_profile.user_id for update;
  if target.id is null then
    raise exception using errcode = 'PT404', message = 'No account has that id.', hint = 'account_not_found';
  end if;

  perform pg_catalog.set_config('app.audit_reason', why, true);
  update public.profiles p set
    first_name = case when changes ? 'first_name' then btrim(changes ->> 'first_name') else p.first_name end,
    last_name = case when changes ? 'last_name' then btrim(changes ->> 'last_name') else p.last_name end,
    display_name = case when changes ? 'display_name' then btrim(changes ->> 'display_name') else p.display_name end,
    phone = case when changes ? 'phone' then nullif(regexp_replace(btrim(changes ->> 'phone'), '[ ().-]', '', 'g'), '') else p.phone end,
    birthday = case when changes ? 'birthday' then private.metadata_date(changes ->> 'birthday') else p.birthday end,
    account_type = case when changes ? 'account_type' then coalesce(changes ->> 'account_type', p.account_type) else p.account_type end,
    role = case when changes ? 'role' then changes ->> 'role' else p.role end
   where p.id = target.id
  returning p.* into target;
  perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  return target;
end;
$$;

comment on function private.admin_update_profile(uuid, jsonb, text) is 'Privileged half of public.admin_update_profile.';

revoke execute on function private.admin_update_profile(uuid, jsonb, text) from public;
grant execute on function private.admin_update_profile(uuid, jsonb, text) to authenticated, service_role;

/**
 * rpc('admin_update_profile', { user_id, changes, reason }): a member asks to change their
 * phone or name (or an admin fixes a role). Returns the profile. Errors: PT403 admin_only,
 * PT422 reason_required / profile_change_invalid / role_invalid, PT404 account_not_found,
 * PT409 last_admin, 23514 a value the profile CHECKs refuse (the constraint names the field).
 */
create function public.admin_update_profile(user_id uuid, changes jsonb, reason text)
returns public.profiles
language sql
security invoker
set search_path = ''
as $$
  select * from private.admin_update_profile(admin_update_profile.user_id, admin_update_profile.changes, admin_update_profile.reason);
$$;

comment on function public.admin_update_profile(uuid, jsonb, text) is
  'Admins: change a member''s names, phone, birthday, account type or role with a reason (audited old/new). PT409 last_admin.';

revoke execute on function public.admin_update_profile(uuid, jsonb, text) from public;
grant execute on function public.admin_update_profile(uuid, jsonb, text) to authenticated, service_role;

/**
 * merge_accounts, privileged half (see the header for what moves and what is refused). Locks
 * both profiles in id order so two merges of the same pair cannot interleave. Security
 * definer: it moves rows of tables no API role may write and deletes from auth.users.
 */
create function private.merge_accounts(keep_user_id uuid, remove_user_id uuid, reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  why text;
  kept auth.users;
  removed auth.users;
  conflict text;
  moved jsonb;
  n_orders integer;
  n_enrollments integer;
  n_coupons integer;
  n_favorites integer;
  n_holds integer;
  n_consents integer;
  previous_reason text := current_setting('app.audit_reason', true);
begin
  if not private.is_operator() then
    raise exception using errcode = 'PT403', message = 'Only an admin can do that.', hint = 'admin_only';
  end if;
  why := private.required_reason(merge_accounts.reason);
  if keep_user_id is null or remove_user_id is null or keep_user_id = remove_user_id then
    raise exception using
      errcode = 'PT422',
      message = 'Choose two different accounts: the one to keep and the one to remove.',
      hint = 'merge_same_account';
  end if;

  perform 1 from public.profiles p where p.id in (keep_user_id, remove_user_id) order by p.id for update;
  select u.* into kept from auth.users u where u.id = keep_user_id;
  select u.* into removed from auth.users u where u.id = remove_user_id;
  if kept.id is null or removed.id is null then
    raise exception using
      errcode = 'PT404',
      message = 'No account has that id.',
      detail = case when kept.id is null then 'keep_user_id' else 'remove_user_id' end,
      hint = 'account_not_found';
  end if;
  if coalesce(kept.is_anonymous, false) then
    raise exception using
      errcode = 'PT422',
      message = 'The account to keep is a guest: keep the member account and remove the guest.',
      hint = 'merge_into_guest';
  end if;
  if (select p.role from public.profiles p where p.id = remove_user_id) = 'admin'
     and not exists (select 1 from public.profiles p where p.role = 'admin' and p.id <> remove_user_id) then
    raise exception using
      errcode = 'PT409',
      message = 'This is the only admin: make another account admin first.',
      hint = 'last_admin';
  end if;
  select ev.name into conflict
    from public.enrollments a
    join public.enrollments b on b.event_id = a.event_id and b.user_id = keep_user_id and b.status <> 'cancelled'
    join public.events ev on ev.id = a.event_id
   where a.user_id = remove_user_id and a.status <> 'cancelled'
   limit 1;
  if conflict is not null then
    raise exception using
      errcode = 'PT409',
      message = format('Both accounts are enrolled in "%s": cancel one of the two enrollments first.', conflict),
      hint = 'merge_enrollment_conflict';
  end if;

  perform pg_catalog.set_config('private.merging_accounts', 'on', true);
  perform pg_catalog.set_config('app.audit_reason', why, true);

  update public.orders o set user_id = keep_user_id where o.user_id = remove_user_id;
  get diagnostics n_orders = row_count;
  update public.enrollments e set user_id = keep_user_id where e.user_id = remove_user_id;
  get diagnostics n_enrollments = row_count;
  update public.coupons c set user_id = keep_user_id where c.user_id = remove_user_id;
  get diagnostics n_coupons = row_count;

  update public.favorites f set user_id = keep_user_id
   where f.user_id = remove_user_id
     and not exists (select 1 from public.favorites k where k.user_id = keep_user_id and k.product_id = f.product_id);
  get diagnostics n_favorites = row_count;
  update public.stock_reservations r set user_id = keep_user_id
   where r.user_id = remove_user_id
     and not exists (select 1 from public.stock_reservations k where k.user_id = keep_user_id and k.product_id = r.product_id);
  get diagnostics n_holds = row_count;
  update public.consents c set user_id = keep_user_id
   where c.user_id = remove_user_id
     and not exists (select 1 from public.consents k
                      where k.user_id = keep_user_id and k.document = c.document and k.version = c.version);
  get diagnostics n_consents = row_count;

  perform pg_catalog.set_config('private.merging_accounts', '', true);

  moved := jsonb_build_object('orders', n_orders, 'enrollments', n_enrollments, 'coupons', n_coupons,
                              'favorites', n_favorites, 'holds', n_holds, 'consents', n_consents);
  perform private.write_audit('account.merged', 'auth.users', keep_user_id::text,
    jsonb_build_object('removed_user_id', remove_user_id), moved, why);

  -- The deletion path: the trigger audits account.deleted with this reason and erases the
  -- removed person from earlier audit rows; what is left of theirs (duplicates) cascades.
  perform private.delete_account(remove_user_id, why);
  perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  return moved;
end;
$$;

comment on function private.merge_accounts(uuid, uuid, text) is 'Privileged half of public.merge_accounts.';

revoke execute on function private.merge_accounts(uuid, uuid, text) from public;
grant execute on function private.merge_accounts(uuid, uuid, text) to authenticated, service_role;

/**
 * rpc('merge_accounts', { keep_user_id, remove_user_id, reason }): duplicate accounts. Returns
 * what moved, e.g. {"orders": 2, "enrollments": 1, "coupons": 1, "favorites": 3, "holds": 0,
 * "consents": 2}. Errors: PT403 admin_only, PT422 reason_required / merge_same_account /
 * merge_into_guest, PT404 account_not_found, PT409 merge_enrollment_conflict / last_admin.
 */
create function public.merge_accounts(keep_user_id uuid, remove_user_id uuid, reason text)
returns jsonb
language sql
security invoker
set search_path = ''
as $$
  select private.merge_accounts(merge_accounts.keep_user_id, merge_accounts.remove_user_id, merge_accounts.reason);
$$;

comment on function public.merge_accounts(uuid, uuid, text) is
  'Admins: move orders, enrollments, coupons, favorites, holds and consents to the kept account, then delete the other (audited).';

revoke execute on function public.merge_accounts(uuid, uuid, text) from public;
grant execute on function public.merge_accounts(uuid, uuid, text) to authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger profiles_keep_one_admin
  before update of role on public.profiles
  for each row execute function private.keep_one_admin();
