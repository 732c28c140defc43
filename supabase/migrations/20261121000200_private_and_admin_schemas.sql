-- =============================================================================================
-- Schemas that are never exposed over the API, and the one helper every domain's CHECKs use.
--
--   private  security definer helpers (is_admin, trigger functions, the privileged half of RPCs).
--            Every function here has `set search_path = ''`, fully qualified names, execute
--            revoked from public and granted per function to the roles that need it.
--   admin    functions and views for operators working in Studio as `postgres`. Nothing in it is
--            granted to anon, authenticated or service_role.
--
-- Typed text: text a person types holds no control characters and no invisible format
-- characters. [[:cntrl:]] catches C0, DEL and C1, but not Unicode's format characters: the bidi
-- overrides and isolates (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C) turn "gpj.exe"
-- into "exe.jpg" on screen, and zero-width characters (U+200B, U+2060-U+2064, U+FEFF, U+180E,
-- the soft hyphen U+00AD) make two names that look identical differ. None of them belongs in a
-- name, an address or a note. private.is_typed_text() is the one definition: the `*_typed`
-- CHECKs of every column people type into apply it (profiles, audit_log, invitations, catalog,
-- orders), and the app's zod schemas use the same character list (app/utils/typed-text.ts).
-- Allowed on purpose: ZWNJ and ZWJ (U+200C, U+200D), which scripts and emoji sequences need;
-- newlines and tabs in multi-line fields (descriptions, notes, reasons). It lives here because
-- a CHECK needs its function to exist when the table is created.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Schemas
  * -------------------------------------------------------
 */

create schema if not exists private;
comment on schema private is
  'Security definer helpers and trigger functions. Not exposed over the API; execute is granted per function.';

create schema if not exists admin;
comment on schema admin is
  'Operator tools for Studio (support lookups, audited fixes, reports). Not exposed, not granted to API roles.';

-- API roles must be able to resolve private.* when a public wrapper or a policy calls a helper
-- they were granted; usage alone gives them nothing else.
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

revoke all on schema admin from public;

-- Functions are executable by PUBLIC by default, and per-schema default privileges cannot take
-- that away (they only add to the global ones). So every function in these schemas revokes
-- execute from public itself, right after it is created.

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

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
