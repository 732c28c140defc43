-- =============================================================================================
-- Text a person types holds no control characters and no invisible format characters.
--
-- [[:cntrl:]] catches C0, DEL and C1, but not Unicode's format characters: the bidi overrides
-- and isolates (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C) turn "gpj.exe" into
-- "exe.jpg" on screen, and zero-width characters (U+200B, U+2060-U+2064, U+FEFF, U+180E, the
-- soft hyphen U+00AD) make two names that look identical differ. None of them belongs in a name,
-- an address or a note. private.is_typed_text() is the one definition; the CHECKs below apply it
-- to every column people type into, and the app's zod schemas use the same character list
-- (app/utils/typed-text.ts). Allowed on purpose: ZWNJ and ZWJ (U+200C, U+200D), which scripts
-- and emoji sequences need; newlines and tabs in multi-line fields (descriptions, notes,
-- reasons).
--
-- The signup trigger stays total: private.metadata_text() now removes format characters too,
-- so hostile metadata still becomes a valid profile instead of a CHECK violation.
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/**
 * True when `value` (null counts as fine) has no control or format character; with
 * multiline, line feeds, carriage returns and tabs are allowed. Granted to the API roles
 * because CHECK constraints run it as whoever writes the row.
 */
create function private.is_typed_text(value text, multiline boolean default false)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select value is null
      or (case when multiline then regexp_replace(value, E'[\\n\\r\\t]', '', 'g') else value end)
         !~ '[[:cntrl:]\u00AD\u061C\u180E\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]';
$$;

comment on function private.is_typed_text(text, boolean) is
  'No control characters (tabs and newlines allowed when multiline) and no invisible format characters (bidi controls, zero-width spaces, BOM, soft hyphen). ZWNJ/ZWJ are allowed.';

revoke execute on function private.is_typed_text(text, boolean) from public;
grant execute on function private.is_typed_text(text, boolean) to anon, authenticated, service_role, supabase_auth_admin;

/**
 * The first of `keys` whose value is a string that is non-empty once cleaned: control
 * characters become spaces, format characters are removed, runs of whitespace collapse, ends
 * are trimmed, and the result is cut to max_length characters. Null when none qualifies.
 * Total for any jsonb (same contract as in 20261121000240, now also format-safe).
 */
create or replace function private.metadata_text(metadata jsonb, keys text[], max_length integer)
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

-- ---------------------------------------------------------------------------------------------
-- Constraints on every typed column
-- ---------------------------------------------------------------------------------------------

alter table public.profiles
  add constraint profiles_first_name_typed check (private.is_typed_text(first_name)),
  add constraint profiles_last_name_typed check (private.is_typed_text(last_name)),
  add constraint profiles_display_name_typed check (private.is_typed_text(display_name));

alter table public.orders
  add constraint orders_customer_name_typed check (private.is_typed_text(customer_name)),
  add constraint orders_customer_email_typed check (private.is_typed_text(customer_email)),
  add constraint orders_shipping_address_typed check (private.is_typed_text(shipping_address)),
  add constraint orders_shipping_zip_typed check (private.is_typed_text(shipping_zip)),
  add constraint orders_shipping_city_typed check (private.is_typed_text(shipping_city)),
  add constraint orders_shipping_country_typed check (private.is_typed_text(shipping_country));

alter table public.order_events
  add constraint order_events_reason_typed check (private.is_typed_text(reason, true));

alter table public.audit_log
  add constraint audit_log_reason_typed check (private.is_typed_text(reason, true));

alter table public.invitations
  add constraint invitations_note_typed check (private.is_typed_text(note, true));

alter table public.categories
  add constraint categories_name_typed check (private.is_typed_text(name)),
  add constraint categories_description_typed check (private.is_typed_text(description, true));

alter table public.products
  add constraint products_name_typed check (private.is_typed_text(name)),
  add constraint products_description_typed check (private.is_typed_text(description, true)),
  add constraint products_features_typed check (private.is_typed_text(features, true));

alter table public.product_includes
  add constraint product_includes_item_typed check (private.is_typed_text(item));

alter table public.product_images
  add constraint product_images_alt_typed check (private.is_typed_text(alt));
