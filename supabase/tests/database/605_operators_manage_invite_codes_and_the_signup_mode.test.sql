-- Invite codes and the signup mode: admins (API) and postgres (Studio) create generated codes
-- with limits and expiry, disable and enable them, switch signup between open and
-- invite_only, each with a reason and audited; a Studio edit is audited too; members and
-- guests are refused.
begin;
select plan(14);

select tests.create_supabase_user('inv-admin');
select tests.create_supabase_user('inv-member');
select tests.create_anonymous_user('inv-guest');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('inv-admin');

select tests.authenticate_as('inv-member');
select throws_ok($$ select public.create_invitations(1, 'mine') $$, 'PT403', 'Only an admin can do that.', 'a member cannot create codes');
select throws_ok($$ select public.set_signup_mode('open', 'mine') $$, 'PT403', 'Only an admin can do that.', 'nor switch the signup mode');
select tests.authenticate_as('inv-guest');
select throws_ok($$ select public.set_invitation_active(gen_random_uuid(), false, 'x') $$, 'PT403', 'Only an admin can do that.', 'nor can a guest disable a code');

select tests.authenticate_as('inv-admin');
create temporary table made on commit drop as
select * from public.create_invitations(3, 'Listening night guests', max_uses => 2, expires_at => now() + interval '7 days', note => 'Dec party');
select is((select count(*)::int from made where code ~ '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$'), 3,
  'three generated codes in the house format');
select is((select count(distinct code)::int from made), 3, 'all different');
select results_eq($$ select max_uses, note, created_by from made limit 1 $$,
  format($$ values (2, 'Dec party', %L::uuid) $$, tests.get_supabase_uid('inv-admin')), 'with the limits, the note and who made them');
select throws_ok($$ select public.create_invitations(0, 'x') $$, 'PT422', 'Create between 1 and 100 codes at a time.', 'a count of 0');
select throws_ok($$ select public.create_invitations(1, 'x', expires_at => now() - interval '1 day') $$, 'PT422',
  'The expiry must be in the future.', 'an expiry in the past');
select is((select active from public.set_invitation_active((select id from made limit 1), false, 'Code leaked on social media')), false,
  'an admin disables a code');
select is((select signup_mode from public.set_signup_mode('invite_only', 'Private party weekend')), 'invite_only', 'an admin switches to invite_only');

select tests.clear_authentication();
select is((select state from admin.invitation_usage where id = (select id from made limit 1)), 'inactive', 'admin.invitation_usage (Studio) says inactive');
select is((select signup_mode from public.set_signup_mode('open', 'Party over')), 'open', 'postgres switches it back');
update public.invitations set active = true where id = (select id from made limit 1);
select results_eq($$ select action, actor_role, reason from public.audit_log where occurred_at = now()
                      and action in ('invitation.updated', 'settings.updated') order by id $$,
  $$ values ('invitation.updated', 'authenticated', 'Code leaked on social media'), ('settings.updated', 'authenticated', 'Private party weekend'),
            ('settings.updated', 'postgres', 'Party over'), ('invitation.updated', 'postgres', 'no reason given') $$,
  'every change is audited with its reason; a Studio edit as the database role');
select is((select count(*)::int from public.audit_log where occurred_at = now() and action = 'invitation.created' and reason = 'Listening night guests'), 3,
  'each created code is audited with the reason');

select * from finish();
rollback;
