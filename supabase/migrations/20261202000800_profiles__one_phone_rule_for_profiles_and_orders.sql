-- =============================================================================================
-- One phone rule for profiles and orders
-- =============================================================================================
-- A phone number is stored in its international form: "+", a country code that does not start
-- with 0, 7 to 15 digits in all (E.164), e.g. +66812345678. People may type spaces, dots, dashes
-- and parentheses; they are removed first. Until now profiles and orders had two rules (orders
-- took national numbers with separators, "02 555 0147"), so a number the checkout accepted could
-- be refused on the account page. Now both go through one function, and the app's one zod rule
-- (app/utils/phone-schema.ts) is the same pattern.
--
-- profiles.phone: its CHECK calls the function (same constraint name, so refusals read the same).
-- orders.customer_phone: a trigger normalises the snapshot and refuses another form with
-- place_order's own readable field error (22023 checkout_field_invalid, detail customer_phone),
-- so place_order itself, and its locking, stay as they are. Only new orders are held to it:
-- orders are snapshots, and older ones keep the number exactly as it was typed then.

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/** A typed phone number without its separators; null when nothing is left. */
create function private.normalize_phone(value text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select nullif(regexp_replace(btrim(value), '[[:space:]().-]', '', 'g'), '')
$$;

comment on function private.normalize_phone(text) is
  'A typed phone number without spaces, dots, dashes or parentheses (null when empty): what is stored.';

/** The phone rule itself. Null is no phone, which the columns allow. */
create function private.is_phone_number(value text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select value ~ '^\+[1-9][0-9]{6,14}$'
$$;

comment on function private.is_phone_number(text) is
  'The one phone rule (profiles and orders): +, a country code not starting with 0, 7 to 15 digits (E.164). Null for null.';

-- CHECK constraints run with the privileges of whoever writes the row: everyone who may write a
-- profile (the owner, an admin, the signup trigger) needs to be able to call the rule.
revoke execute on function private.normalize_phone(text) from public;
revoke execute on function private.is_phone_number(text) from public;
grant execute on function private.normalize_phone(text) to anon, authenticated, service_role;
grant execute on function private.is_phone_number(text) to anon, authenticated, service_role, supabase_auth_admin;

-- ---------------------------------------------------------------------------------------------
-- profiles.phone
-- ---------------------------------------------------------------------------------------------

alter table public.profiles drop constraint profiles_phone_check;
alter table public.profiles add constraint profiles_phone_check check (private.is_phone_number(phone));

comment on column public.profiles.phone is
  'Phone in international form (+ and 7 to 15 digits, E.164), optional. Rule: private.is_phone_number, shared with orders.';

-- ---------------------------------------------------------------------------------------------
-- orders.customer_phone
-- ---------------------------------------------------------------------------------------------

/**
 * Before an order is inserted: store its phone normalised, and refuse a number that is not in
 * the international form with the same error place_order raises for its other fields. Invoker:
 * it only reads NEW and calls functions its callers may call.
 */
create function private.check_order_phone()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.customer_phone := private.normalize_phone(new.customer_phone);
  if new.customer_phone is not null and not private.is_phone_number(new.customer_phone) then
    perform private.raise_bad_checkout_field('customer_phone',
      'Enter the phone number in international form: + and the country code, 7 to 15 digits, like +66 81 234 5678.');
  end if;
  return new;
end;
$$;

comment on function private.check_order_phone() is
  'orders trigger: normalises customer_phone and holds it to private.is_phone_number (22023 checkout_field_invalid).';

revoke execute on function private.check_order_phone() from public;

create trigger orders_check_phone
  before insert on public.orders
  for each row execute function private.check_order_phone();

comment on column public.orders.customer_phone is
  'Customer phone at checkout, optional (snapshot). New orders: international form, private.is_phone_number.';
