-- =============================================================================================
-- Operator tools, changed (issue #15): admin.find_accounts (…0250) becomes Studio's face of
-- rpc('find_accounts') (…0400 operator_accounts), so phone numbers match in national or
-- international form (010-7777-8888 = +82 10 7777 8888) with one definition of the rule. Same
-- columns as before; the first 100 matches, newest first.
-- =============================================================================================

-- Replaced (was …0250): the same lookup as rpc('find_accounts'), first 100 matches, so the
-- phone rules are one definition. Same columns as before.
create or replace function admin.find_accounts(search text)
returns table (
  user_id uuid,
  email text,
  first_name text,
  last_name text,
  display_name text,
  phone text,
  birthday date,
  role text,
  is_anonymous boolean,
  created_at timestamptz,
  last_sign_in_at timestamptz
)
language sql
stable
security invoker
set search_path = ''
as $$
  select f.user_id, f.email, f.first_name, f.last_name, f.display_name, f.phone, f.birthday, f.role,
         f.is_anonymous, f.created_at, f.last_sign_in_at
    from private.find_accounts(find_accounts.search, 1, 100) f;
$$;

comment on function admin.find_accounts(text) is
  'Support lookup: select * from admin.find_accounts(''kim'') — name, email, birthday (YYYY-MM-DD) or phone in any form (010-7777-8888, +82 10 7777 8888).';

revoke execute on function admin.find_accounts(text) from public;
