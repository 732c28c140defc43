-- =============================================================================================
-- User metadata stays within 8 KB on update too.
--
-- The before-user-created hook (20261121000700) caps signup metadata at 8 KB, because Auth
-- copies user_metadata into every access token and a bigger token no longer fits in a request
-- header (HTTP 431). updateUser({ data }) went around it: a 200 KB blob made every later
-- request of that account fail. A BEFORE UPDATE trigger on auth.users now refuses metadata
-- over 8 KB whoever writes it (Auth's PUT /user, the admin API, Studio); Auth answers such a
-- refusal with 500 "Database error updating user" and changes nothing. The profile trigger is
-- not involved: profiles are edited in public.profiles, not through metadata.
-- =============================================================================================

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

/**
 * BEFORE UPDATE ON auth.users when the metadata changes: refuses more than 8 KB (PT422).
 * Existing rows are not judged until their metadata changes.
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
      detail = 'raw_user_meta_data';
  end if;
  return new;
end;
$$;

comment on function private.refuse_oversized_user_metadata() is
  'Trigger on auth.users: user metadata over 8 KB is refused (it is copied into every access token).';

revoke execute on function private.refuse_oversized_user_metadata() from public;
grant execute on function private.refuse_oversized_user_metadata() to supabase_auth_admin;

-- ---------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------

create trigger on_auth_user_metadata_changed
  before update on auth.users
  for each row
  when (new.raw_user_meta_data is distinct from old.raw_user_meta_data)
  execute function private.refuse_oversized_user_metadata();
