-- =============================================================================================
-- A guest's cart follows them when they sign in (issue #19). A guest (anonymous user) with
-- holds signs in as an existing member: the member's session is a different user, so the
-- guest's holds would be left behind, keeping the units from everyone for 30 minutes.
--
--   rpc('start_cart_transfer')          as the guest, just before signing in: a one-time token
--   rpc('claim_cart_transfer', {token}) as the member, just after: the guest's holds move in
--
-- The database must know the guest really was this browser, not someone who knows a guest's
-- id: the token is 32 random bytes, returned once, stored only as its SHA-256 (a database
-- reader cannot claim it), bound to the guest's id, valid 10 minutes, and deleted by the claim
-- that uses it. A guessed, expired or replayed token moves nothing (PT404 cart_transfer_invalid).
-- A guest has at most one token (a new one replaces the old).
--
-- The move, in one transaction, with the same rules as reserve_stock:
--   * the guest's holds are locked and read once (READ COMMITTED: later statements use that
--     list), in product id order, then each line moves: to the member's own hold of the same
--     product (quantities add up) or as a new hold, renewed for 30 minutes;
--   * the per-shopper cap (app_settings.max_units_held_per_product) still holds: what is above
--     it is released, and the answer says so (reason 'hold_limit');
--   * units never appear from nowhere: the guest's units are released and the member's increase
--     goes through the same counter gate (the trigger), which can only grant what the guest gave
--     back (the product row stays locked from the release to commit); a line the gate refuses
--     anyway (stock lowered meanwhile) is released and reported ('not_enough_stock');
--   * an expired guest hold counts for nothing: it is deleted and reported ('expired').
-- Every guest hold is gone afterwards: moved, or released and reported. The answer has a row per
-- guest line (product, name, what the guest held, what moved, the member's new quantity, why
-- not all of it), which the cart page shows.
-- Errors: PT401 claim_sign_in_required, PT403 cart_transfer_guests_only, PT404
-- cart_transfer_invalid (see the catalogue).
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

create table private.cart_transfers (
  token_hash bytea primary key constraint cart_transfers_token_hash_length check (octet_length(token_hash) = 32),
  guest_id uuid not null constraint cart_transfers_guest_id_key unique references auth.users (id) on delete cascade,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);

comment on table private.cart_transfers is
  'One-time tokens that move a guest''s cart holds to the member they sign in as (start_cart_transfer / claim_cart_transfer). Not exposed; written only by those functions.';
comment on column private.cart_transfers.token_hash is 'SHA-256 of the token (the token itself is returned once and never stored).';
comment on column private.cart_transfers.guest_id is 'The guest (anonymous user) whose holds the token moves; one token per guest.';
comment on column private.cart_transfers.expires_at is 'The token is worthless after this (10 minutes after it was made).';
comment on column private.cart_transfers.created_at is 'When the guest asked for it.';

create type public.cart_transfer_line as (
  product_id uuid,
  product_name text,
  guest_quantity integer,
  moved integer,
  quantity integer,
  reason text
);

comment on type public.cart_transfer_line is
  'One line of a guest''s cart after claim_cart_transfer: guest_quantity held by the guest, moved into the member''s cart, quantity = the member''s hold now (0 when none), reason why not all moved (null, hold_limit, not_enough_stock, expired).';

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/** Privileged half of public.start_cart_transfer. */
create function private.start_cart_transfer()
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
  token text;
begin
  if me is null or not coalesce((select u.is_anonymous from auth.users u where u.id = me), false) then
    raise exception using
      errcode = 'PT403',
      message = 'Only a guest''s cart can be taken along to an account.',
      hint = 'cart_transfer_guests_only';
  end if;
  token := translate(encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_');
  insert into private.cart_transfers (token_hash, guest_id, expires_at)
  values (extensions.digest(token, 'sha256'), me, private.now() + interval '10 minutes')
  on conflict on constraint cart_transfers_guest_id_key do update
    set token_hash = excluded.token_hash, expires_at = excluded.expires_at, created_at = now();
  return token;
end;
$$;

comment on function private.start_cart_transfer() is 'Privileged half of public.start_cart_transfer.';

revoke execute on function private.start_cart_transfer() from public;
grant execute on function private.start_cart_transfer() to authenticated;

/**
 * rpc('start_cart_transfer'): as a guest, a one-time token (43 characters, 256 random bits)
 * that moves this guest's cart into the account that claims it within 10 minutes. PT403 for
 * anyone but a guest.
 */
create function public.start_cart_transfer()
returns text
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.start_cart_transfer();
$$;

comment on function public.start_cart_transfer() is
  'Cart at sign-in, step 1 (as the guest): a one-time token, valid 10 minutes, to claim this guest''s holds as the member signing in. PT403 cart_transfer_guests_only for members.';

revoke execute on function public.start_cart_transfer() from public;
grant execute on function public.start_cart_transfer() to authenticated;

/** Privileged half of public.claim_cart_transfer (see the file header for the rules). */
create function private.claim_cart_transfer(token text)
returns setof public.cart_transfer_line
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
  guest uuid;
  at_now timestamptz := private.now();
  hold_limit integer;
  guest_lines public.stock_reservations[];
  line public.stock_reservations;
  mine integer;
  target integer;
  name text;
begin
  if me is null or coalesce((select u.is_anonymous from auth.users u where u.id = me), true) then
    raise exception using
      errcode = 'PT401',
      message = 'Sign in to your account to take your cart along.',
      hint = 'claim_sign_in_required';
  end if;

  delete from private.cart_transfers t
   where t.token_hash = extensions.digest(coalesce(claim_cart_transfer.token, ''), 'sha256')
     and t.expires_at > at_now
  returning t.guest_id into guest;
  if guest is null then
    raise exception using
      errcode = 'PT404',
      message = 'That cart can no longer be taken along (the link expired or was already used).',
      hint = 'cart_transfer_invalid';
  end if;
  if guest = me then
    return;
  end if;

  select coalesce(s.max_units_held_per_product, 5) into hold_limit from public.app_settings s;

  -- Lock order as everywhere: reservation rows (the guest's, then the member's), then products.
  select coalesce(array_agg(r order by r.product_id), '{}') into guest_lines
    from (select * from public.stock_reservations r where r.user_id = guest order by r.product_id for update) r;
  perform from public.stock_reservations r
   where r.user_id = me and r.product_id in (select g.product_id from unnest(guest_lines) g)
   order by r.product_id
     for update;

  foreach line in array guest_lines loop
    select p.name into name from public.products p where p.id = line.product_id;
    delete from public.stock_reservations r where r.user_id = guest and r.product_id = line.product_id;
    select r.quantity into mine from public.stock_reservations r
     where r.user_id = me and r.product_id = line.product_id and r.expires_at > at_now;
    mine := coalesce(mine, 0);

    if line.expires_at <= at_now then
      return next row(line.product_id, name, line.quantity, 0, mine, 'expired')::public.cart_transfer_line;
      continue;
    end if;

    target := least(hold_limit, mine + line.quantity);
    if target <= mine then
      return next row(line.product_id, name, line.quantity, 0, mine, 'hold_limit')::public.cart_transfer_line;
      continue;
    end if;
    begin
      insert into public.stock_reservations as r (user_id, product_id, quantity, expires_at)
      values (me, line.product_id, target, at_now + interval '30 minutes')
      on conflict on constraint stock_reservations_pkey do update
        set quantity = excluded.quantity, expires_at = excluded.expires_at, updated_at = now();
    exception when sqlstate 'PT409' then
      return next row(line.product_id, name, line.quantity, 0, mine, 'not_enough_stock')::public.cart_transfer_line;
      continue;
    end;
    return next row(line.product_id, name, line.quantity, target - mine, target,
                    case when target - mine < line.quantity then 'hold_limit' end)::public.cart_transfer_line;
  end loop;
end;
$$;

comment on function private.claim_cart_transfer(text) is 'Privileged half of public.claim_cart_transfer.';

revoke execute on function private.claim_cart_transfer(text) from public;
grant execute on function private.claim_cart_transfer(text) to authenticated;

/**
 * rpc('claim_cart_transfer', { token }): as the member who just signed in, moves the holds of
 * the guest who made the token into this cart, within the cap and availability, in one
 * transaction, and answers a row per guest line (what moved, what did not and why). The token
 * is used up. Errors: PT401 claim_sign_in_required (a guest or nobody), PT404
 * cart_transfer_invalid (unknown, expired or used token).
 */
create function public.claim_cart_transfer(token text)
returns setof public.cart_transfer_line
language sql
volatile
security invoker
set search_path = ''
as $$
  select * from private.claim_cart_transfer(claim_cart_transfer.token);
$$;

comment on function public.claim_cart_transfer(text) is
  'Cart at sign-in, step 2 (as the member): moves the token''s guest holds into this cart (caps and availability as reserve_stock) in one transaction; a row per guest line. PT404 cart_transfer_invalid for a guessed, expired or used token.';

revoke execute on function public.claim_cart_transfer(text) from public;
grant execute on function public.claim_cart_transfer(text) to authenticated;

/** Housekeeping for a cron job or Studio: deletes expired tokens (they are worthless already). */
create function private.purge_expired_cart_transfers()
returns integer
language sql
volatile
security definer
set search_path = ''
as $$
  with gone as (delete from private.cart_transfers t where t.expires_at <= private.now() returning 1)
  select count(*)::integer from gone;
$$;

comment on function private.purge_expired_cart_transfers() is 'Housekeeping: deletes expired cart transfer tokens; returns how many.';

revoke execute on function private.purge_expired_cart_transfers() from public;
