-- =============================================================================================
-- Studio edits of profiles (issue #15, DESIGN §7): a table-editor edit cannot carry a reason;
-- it is still audited as the database role, now with "no reason given" instead of an empty
-- reason, like the orders, stock, invitations and settings edits (…0410, …0420). An operator
-- RPC or `set local app.audit_reason = '…'` in the SQL editor still gives the real one.
-- =============================================================================================

-- Replaced (was …0220): the reason falls back to "no reason given"; otherwise unchanged.
create or replace function private.audit_profile_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  before_values jsonb;
  after_values jsonb;
  changed text[];
begin
  select array_agg(o.key order by o.key)
    into changed
    from jsonb_each(to_jsonb(old)) o
    join jsonb_each(to_jsonb(new)) n on n.key = o.key
   where o.value is distinct from n.value
     and o.key <> 'updated_at';

  if changed is null then
    return null;
  end if;

  -- The signup path (a guest becoming an account) fills its own new profile: not a support edit.
  if current_setting('app.profile_written_by_signup', true) = 'on' then
    return null;
  end if;

  if not ('role' = any (changed) or 'invitation_id' = any (changed))
     and (select auth.uid()) is not distinct from new.id then
    return null; -- the owner editing their own details: not an audited action
  end if;

  select jsonb_object_agg(k, to_jsonb(old) -> k), jsonb_object_agg(k, to_jsonb(new) -> k)
    into before_values, after_values
    from unnest(changed) k;

  perform private.write_audit(
    case when 'role' = any (changed) then 'profile.role_changed' else 'profile.updated' end,
    'public.profiles', new.id::text, before_values, after_values,
    coalesce(nullif(current_setting('app.audit_reason', true), ''), 'no reason given'));
  return null;
end;
$$;
