-- admin_update_profile: admins (API) and postgres (Studio) change names, phone, birthday,
-- account type and role with a reason, audited with old/new values; the CHECKs validate;
-- members and guests are refused; the only admin cannot be demoted by any path.
begin;
select plan(15);

select tests.create_supabase_user('upd-admin');
select tests.create_supabase_user('upd-member', null, '{"first_name": "Jisoo", "phone": "+821012345678"}');
select tests.create_anonymous_user('upd-guest');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('upd-admin');

select tests.authenticate_as('upd-admin');
select results_eq(format($$ select phone, first_name, birthday::text from public.admin_update_profile(%L, '{"phone": "+82 10-9999-8888", "first_name": "Jisu", "birthday": "1995-02-03"}', 'Asked by phone, identity checked') $$, tests.get_supabase_uid('upd-member')),
  $$ values ('+821099998888', 'Jisu', '1995-02-03') $$, 'an admin changes phone (typed with spaces and dashes), name and birthday');
select throws_ok(format($$ select public.admin_update_profile(%L, '{"phone": "010"}', 'x') $$, tests.get_supabase_uid('upd-member')),
  '23514', null, 'the profile CHECK refuses a phone that is not E.164');
select throws_ok(format($$ select public.admin_update_profile(%L, '{"email": "x@y.z"}', 'x') $$, tests.get_supabase_uid('upd-member')),
  'PT422', 'email cannot be changed here: only first_name, last_name, display_name, phone, birthday, account_type and role.', 'unknown fields are named');
select throws_ok(format($$ select public.admin_update_profile(%L, '{"first_name": "A"}', '  ') $$, tests.get_supabase_uid('upd-member')),
  'PT422', 'A reason is required (1-1000 characters).', 'a reason is required');
select throws_ok($$ select public.admin_update_profile(gen_random_uuid(), '{"first_name": "A"}', 'x') $$,
  'PT404', 'No account has that id.', 'an unknown account');
select throws_ok(format($$ select public.admin_update_profile(%L, '{"birthday": "1995-13-40"}', 'x') $$, tests.get_supabase_uid('upd-member')),
  'PT422', 'A birthday is a date written YYYY-MM-DD.', 'a birthday that is no date');

select tests.clear_authentication();
select results_eq(format($$ select actor_id, reason, old_values ->> 'phone', new_values ->> 'phone' from public.audit_log
                             where action = 'profile.updated' and target_id = %L $$, tests.get_supabase_uid('upd-member')),
  format($$ values (%L::uuid, 'Asked by phone, identity checked', '+821012345678', '+821099998888') $$, tests.get_supabase_uid('upd-admin')),
  'audited: who, why, old and new values');
select is((select account_type from public.admin_update_profile(tests.get_supabase_uid('upd-member'), '{"account_type": "business"}', 'Studio fix')),
  'business', 'postgres (Studio) changes a profile too');
select is((select actor_role || ' ' || reason from public.audit_log where action = 'profile.updated' and reason = 'Studio fix'),
  'postgres Studio fix', 'audited as the database role with its reason');

-- The last admin: make upd-admin the only one, then try every path.
update public.profiles set role = 'consumer' where role = 'admin' and id <> tests.get_supabase_uid('upd-admin');
select throws_ok(format($$ select public.admin_update_profile(%L, '{"role": "consumer"}', 'step down') $$, tests.get_supabase_uid('upd-admin')),
  'PT409', 'This is the only admin: make another account admin first.', 'the only admin cannot be demoted through the RPC');
select throws_ok(format($$ select admin.set_role(%L, 'consumer', 'step down') $$, tests.get_supabase_uid('upd-admin')),
  'PT409', 'This is the only admin: make another account admin first.', 'nor with admin.set_role');
select throws_ok(format($$ update public.profiles set role = 'consumer' where id = %L $$, tests.get_supabase_uid('upd-admin')),
  'PT409', 'This is the only admin: make another account admin first.', 'nor in the table editor');
select is((select role from public.admin_update_profile(tests.get_supabase_uid('upd-member'), '{"role": "admin"}', 'new shop manager')),
  'admin', 'with a second admin ...');
select is((select role from public.admin_update_profile(tests.get_supabase_uid('upd-admin'), '{"role": "consumer"}', 'handed over')),
  'consumer', '... the first may step down');

select tests.authenticate_as('upd-guest');
select throws_ok(format($$ select public.admin_update_profile(%L, '{"first_name": "A"}', 'x') $$, tests.get_supabase_uid('upd-guest')),
  'PT403', 'Only an admin can do that.', 'a guest (and so any non-admin) is refused');

select * from finish();
rollback;
