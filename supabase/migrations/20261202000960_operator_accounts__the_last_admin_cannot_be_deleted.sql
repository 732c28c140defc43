-- =============================================================================================
-- The only admin can no longer be deleted either (…0400 only stopped demoting them): not by
-- rpc('delete_account') or admin.delete_account, not by delete_my_account, not by deleting the
-- auth user in Studio. Without an admin nobody can run the operator tools from the app.
--
-- Also: the check now queues on one transaction-level advisory lock instead of locking every
-- admin's row in id order. Both kinds of change have already locked their own profile row when
-- the BEFORE trigger runs, so two admins demoting (or deleting) each other at once each held
-- one admin row and waited for the other's: a deadlock, which PostgreSQL broke by failing one
-- of them with 40P01 after a second. With the advisory lock the second waits for the first to
-- commit, then reads the admins afresh (a new statement, a new snapshot) and is refused with
-- last_admin (PT409) if it would remove the last one.
-- tests/integration/last-admin-race.test.ts races both; pgTAP 610 covers every path.
-- =============================================================================================

/**
 * BEFORE UPDATE OF role or DELETE ON profiles: refuses (PT409 last_admin) whatever would leave no
 * admin. One advisory lock (transaction-scoped) queues every such change, and the admins are
 * counted after it, so concurrent changes cannot each count on the other. Definer because it
 * must see every admin's row whoever changes the profile.
 */
create or replace function private.keep_one_admin()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if old.role = 'admin' and (tg_op = 'DELETE' or new.role is distinct from 'admin') then
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('private.keep_one_admin', 0));
    if not exists (select 1 from public.profiles p where p.role = 'admin' and p.id <> old.id) then
      raise exception using
        errcode = 'PT409',
        message = 'This is the only admin: make another account admin first.',
        hint = 'last_admin';
    end if;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;

comment on function private.keep_one_admin() is
  'Trigger: refuses demoting or deleting the only admin (PT409 last_admin); changes queue on one advisory lock.';

revoke execute on function private.keep_one_admin() from public;

-- Deleting an account deletes its profile by cascade from auth.users, so this covers every way
-- an account goes.
create trigger profiles_keep_one_admin_on_delete
  before delete on public.profiles
  for each row execute function private.keep_one_admin();
