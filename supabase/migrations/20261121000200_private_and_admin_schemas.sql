-- =============================================================================================
-- Schemas that are never exposed over the API.
--
--   private  security definer helpers (is_admin, trigger functions, the privileged half of RPCs).
--            Every function here has `set search_path = ''`, fully qualified names, execute
--            revoked from public and granted per function to the roles that need it.
--   admin    functions and views for operators working in Studio as `postgres`. Nothing in it is
--            granted to anon, authenticated or service_role.
-- =============================================================================================

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
