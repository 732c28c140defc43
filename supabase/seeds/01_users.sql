-- Demo accounts for `npm start` (password for both: password123). Tests never depend on them.
--   admin@example.com   role admin (set after the signup trigger created the profile)
--   member@example.com  an ordinary member
-- Rows are written the way GoTrue writes them (auth.users + an email identity), so the signup
-- trigger creates the profiles exactly as for a real signup. Idempotent.

with demo (email, first_name, last_name, phone) as (
  values ('admin@example.com', 'Ada', 'Admin', '+821000000001'),
         ('member@example.com', 'Mina', 'Member', '+821000000002')
),
created as (
  insert into auth.users (
    instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at, last_sign_in_at,
    confirmation_token, recovery_token, email_change_token_new, email_change,
    email_change_token_current, phone_change, phone_change_token, reauthentication_token,
    is_sso_user, is_anonymous
  )
  select '00000000-0000-0000-0000-000000000000', extensions.gen_random_uuid(), 'authenticated', 'authenticated',
         d.email, extensions.crypt('password123', extensions.gen_salt('bf', 10)), now(),
         -- invite_exempt: the demo accounts exist even when the demo is switched to invite_only.
         jsonb_build_object('provider', 'email', 'providers', jsonb_build_array('email'), 'invite_exempt', true),
         jsonb_build_object('first_name', d.first_name, 'last_name', d.last_name, 'phone', d.phone,
                            'account_type', 'personal', 'email_verified', true),
         now(), now(), null,
         '', '', '', '', '', '', '', '',
         false, false
    from demo d
   where not exists (select 1 from auth.users u where u.email = d.email)
  returning id, email
)
insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select c.id::text, c.id,
       jsonb_build_object('sub', c.id::text, 'email', c.email, 'email_verified', true, 'phone_verified', false),
       'email', null, now(), now()
  from created c;

-- The admin: a role change like any other, so it is audited (actor: the seeding session).
select set_config('app.audit_reason', 'Demo seed: the demo admin account', true);
update public.profiles p
   set role = 'admin'
  from auth.users u
 where u.id = p.id and u.email = 'admin@example.com' and p.role <> 'admin';
select set_config('app.audit_reason', '', true);
