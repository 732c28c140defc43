-- Every row-level security policy has an allow test and a deny test, for each role it applies
-- to; the manifest below says which file holds each, and this file fails when a policy is
-- added, renamed or dropped without the manifest (and so its tests) following. A vitest check
-- (scripts/lib/policy-manifest.test.ts) proves the manifest true: each file exists and works
-- on the table it is listed for.
-- Also the API surface as declared: RLS on every table in public; anon may read only the
-- listed tables and views and write nothing; every security definer function lives outside
-- public, pins search_path = '' and is not executable by PUBLIC.
begin;
select plan(7);

create temporary table policy_manifest (table_name text, policy_name text, role_name text, allow_test text, deny_test text) on commit drop;
insert into policy_manifest values
  ('app_settings', 'Anyone can read the app settings', 'anon', '002_app_settings_are_public_and_read_only', '002_app_settings_are_public_and_read_only'),
  ('app_settings', 'Anyone can read the app settings', 'authenticated', '002_app_settings_are_public_and_read_only', '430_a_shopper_holds_at_most_the_configured_units_of_a_product'),
  ('audit_log', 'Admins read the audit log', 'authenticated', '106_audit_log_is_read_by_admins_and_written_by_no_one', '106_audit_log_is_read_by_admins_and_written_by_no_one'),
  ('categories', 'Anyone can read categories', 'anon', '201_anyone_can_read_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('categories', 'Anyone can read categories', 'authenticated', '201_anyone_can_read_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('categories', 'Admins can add categories', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('categories', 'Admins can edit categories', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('categories', 'Admins can delete categories', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('category_translations', 'Anyone can read category translations', 'anon', '209_anyone_can_read_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('category_translations', 'Anyone can read category translations', 'authenticated', '209_anyone_can_read_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('category_translations', 'Admins can add category translations', 'authenticated', '211_admins_can_change_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('category_translations', 'Admins can edit category translations', 'authenticated', '211_admins_can_change_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('category_translations', 'Admins can delete category translations', 'authenticated', '211_admins_can_change_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('coupons', 'Members read their own coupons and admins read every coupon', 'authenticated', '502_enrollments_coupons_and_mail_are_read_by_their_owner_and_admins', '502_enrollments_coupons_and_mail_are_read_by_their_owner_and_admins'),
  ('enrollments', 'Members read their own enrollments and admins read every one', 'authenticated', '502_enrollments_coupons_and_mail_are_read_by_their_owner_and_admins', '502_enrollments_coupons_and_mail_are_read_by_their_owner_and_admins'),
  ('event_translations', 'Anyone can read the translations of events they can read', 'anon', '500_anyone_reads_published_events_their_translations_and_seats', '500_anyone_reads_published_events_their_translations_and_seats'),
  ('event_translations', 'Anyone can read the translations of events they can read', 'authenticated', '500_anyone_reads_published_events_their_translations_and_seats', '500_anyone_reads_published_events_their_translations_and_seats'),
  ('event_translations', 'Admins can add event translations', 'authenticated', '501_only_admins_change_events_and_their_translations', '501_only_admins_change_events_and_their_translations'),
  ('event_translations', 'Admins can edit event translations', 'authenticated', '501_only_admins_change_events_and_their_translations', '501_only_admins_change_events_and_their_translations'),
  ('event_translations', 'Admins can delete event translations', 'authenticated', '501_only_admins_change_events_and_their_translations', '501_only_admins_change_events_and_their_translations'),
  ('events', 'Anyone can read published events and admins read every event', 'anon', '500_anyone_reads_published_events_their_translations_and_seats', '500_anyone_reads_published_events_their_translations_and_seats'),
  ('events', 'Anyone can read published events and admins read every event', 'authenticated', '500_anyone_reads_published_events_their_translations_and_seats', '500_anyone_reads_published_events_their_translations_and_seats'),
  ('events', 'Admins can add events', 'authenticated', '501_only_admins_change_events_and_their_translations', '501_only_admins_change_events_and_their_translations'),
  ('events', 'Admins can edit events', 'authenticated', '501_only_admins_change_events_and_their_translations', '501_only_admins_change_events_and_their_translations'),
  ('events', 'Admins can delete events', 'authenticated', '501_only_admins_change_events_and_their_translations', '501_only_admins_change_events_and_their_translations'),
  ('mail_outbox', 'Admins read the mail outbox', 'authenticated', '502_enrollments_coupons_and_mail_are_read_by_their_owner_and_admins', '502_enrollments_coupons_and_mail_are_read_by_their_owner_and_admins'),
  ('consents', 'Users read their own consents and admins read every consent', 'authenticated', '460_admins_read_every_hold_and_consent_others_none', '455_consents_are_recorded_at_signup_and_members_export_their_data'),
  ('favorites', 'Users add their own favorites', 'authenticated', '306_favorites_are_private_to_their_owner', '306_favorites_are_private_to_their_owner'),
  ('favorites', 'Users read their own favorites', 'authenticated', '306_favorites_are_private_to_their_owner', '306_favorites_are_private_to_their_owner'),
  ('favorites', 'Users remove their own favorites', 'authenticated', '306_favorites_are_private_to_their_owner', '306_favorites_are_private_to_their_owner'),
  ('invitations', 'Admins create invitations', 'authenticated', '104_invitations_admit_exactly_as_many_accounts_as_allowed', '104_invitations_admit_exactly_as_many_accounts_as_allowed'),
  ('invitations', 'Admins read invitations', 'authenticated', '104_invitations_admit_exactly_as_many_accounts_as_allowed', '104_invitations_admit_exactly_as_many_accounts_as_allowed'),
  ('invitations', 'Admins update invitations', 'authenticated', '104_invitations_admit_exactly_as_many_accounts_as_allowed', '104_invitations_admit_exactly_as_many_accounts_as_allowed'),
  ('invitations', 'Admins delete invitations', 'authenticated', '104_invitations_admit_exactly_as_many_accounts_as_allowed', '104_invitations_admit_exactly_as_many_accounts_as_allowed'),
  ('order_events', 'Users read the history of orders they can read', 'authenticated', '304_orders_items_and_history_are_read_by_their_owner_and_admins_only', '304_orders_items_and_history_are_read_by_their_owner_and_admins_only'),
  ('order_items', 'Users read the items of orders they can read', 'authenticated', '304_orders_items_and_history_are_read_by_their_owner_and_admins_only', '304_orders_items_and_history_are_read_by_their_owner_and_admins_only'),
  ('orders', 'Users read their own orders and admins read every order', 'authenticated', '304_orders_items_and_history_are_read_by_their_owner_and_admins_only', '304_orders_items_and_history_are_read_by_their_owner_and_admins_only'),
  ('product_image_translations', 'Anyone can read image translations', 'anon', '209_anyone_can_read_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_image_translations', 'Anyone can read image translations', 'authenticated', '209_anyone_can_read_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_image_translations', 'Admins can add image translations', 'authenticated', '211_admins_can_change_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_image_translations', 'Admins can edit image translations', 'authenticated', '211_admins_can_change_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_image_translations', 'Admins can delete image translations', 'authenticated', '211_admins_can_change_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_images', 'Anyone can read product images', 'anon', '201_anyone_can_read_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('product_images', 'Anyone can read product images', 'authenticated', '201_anyone_can_read_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('product_images', 'Admins can add product images', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('product_images', 'Admins can edit product images', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('product_images', 'Admins can delete product images', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('product_include_translations', 'Anyone can read in-the-box translations', 'anon', '209_anyone_can_read_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_include_translations', 'Anyone can read in-the-box translations', 'authenticated', '209_anyone_can_read_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_include_translations', 'Admins can add in-the-box translations', 'authenticated', '211_admins_can_change_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_include_translations', 'Admins can edit in-the-box translations', 'authenticated', '211_admins_can_change_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_include_translations', 'Admins can delete in-the-box translations', 'authenticated', '211_admins_can_change_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_includes', 'Anyone can read what is in the box', 'anon', '201_anyone_can_read_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('product_includes', 'Anyone can read what is in the box', 'authenticated', '201_anyone_can_read_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('product_includes', 'Admins can add in-the-box lines', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('product_includes', 'Admins can edit in-the-box lines', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('product_includes', 'Admins can delete in-the-box lines', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('product_translations', 'Anyone can read product translations', 'anon', '209_anyone_can_read_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_translations', 'Anyone can read product translations', 'authenticated', '209_anyone_can_read_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_translations', 'Admins can add product translations', 'authenticated', '211_admins_can_change_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_translations', 'Admins can edit product translations', 'authenticated', '211_admins_can_change_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('product_translations', 'Admins can delete product translations', 'authenticated', '211_admins_can_change_catalog_translations', '210_visitors_and_consumers_cannot_change_catalog_translations'),
  ('products', 'Anyone can read published products, admins all products', 'anon', '201_anyone_can_read_the_catalog', '214_search_finds_published_products_in_every_language'),
  ('products', 'Anyone can read published products, admins all products', 'authenticated', '214_search_finds_published_products_in_every_language', '214_search_finds_published_products_in_every_language'),
  ('products', 'Admins can add products', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('products', 'Admins can edit products', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('products', 'Admins can delete products', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('profiles', 'Users read their own profile and admins read every profile', 'authenticated', '102_users_edit_only_their_own_editable_fields', '102_users_edit_only_their_own_editable_fields'),
  ('profiles', 'Users update their own profile and admins update any profile', 'authenticated', '102_users_edit_only_their_own_editable_fields', '102_users_edit_only_their_own_editable_fields'),
  ('related_products', 'Anyone can read related products', 'anon', '201_anyone_can_read_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('related_products', 'Anyone can read related products', 'authenticated', '201_anyone_can_read_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('related_products', 'Admins can add related products', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('related_products', 'Admins can edit related products', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('related_products', 'Admins can delete related products', 'authenticated', '203_admins_can_change_the_catalog', '202_visitors_and_consumers_cannot_change_the_catalog'),
  ('stock_reservations', 'Users read their own holds and admins read every hold', 'authenticated', '460_admins_read_every_hold_and_consent_others_none', '300_holds_never_exceed_stock_and_your_own_hold_never_blocks_you');

select is_empty(
  $$ select p.tablename, p.policyname, r.role_name
       from pg_policies p cross join lateral unnest(p.roles::text[]) as r(role_name)
      where p.schemaname = 'public'
     except
     select table_name, policy_name, role_name from policy_manifest $$,
  'every policy × role has an allow and a deny test in the manifest (add the new ones)');

select is_empty(
  $$ select table_name, policy_name, role_name from policy_manifest
     except
     select p.tablename, p.policyname, r.role_name
       from pg_policies p cross join lateral unnest(p.roles::text[]) as r(role_name)
      where p.schemaname = 'public' $$,
  'every manifest line names a policy that exists (remove or rename stale ones)');

select is_empty(
  $$ select table_name, policy_name, role_name from policy_manifest where allow_test is null or deny_test is null $$,
  'no policy lacks either its allow or its deny test');

select is_empty(
  $$ select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity $$,
  'row level security is on for every table in public');

select set_eq(
  $$ select distinct table_name::text from information_schema.role_table_grants where grantee = 'anon' and table_schema = 'public' $$,
  array['app_settings', 'categories', 'category_cards', 'category_translations', 'event_cards', 'event_seats', 'event_translations',
        'events', 'product_cards', 'product_image_translations', 'product_images', 'product_include_translations',
        'product_includes', 'product_pages', 'product_translations', 'related_products'],
  'anon is granted only the public catalog, the published events with their seats, and the app settings');

select is_empty(
  $$ select table_name, privilege_type from information_schema.role_table_grants
      where grantee = 'anon' and table_schema = 'public' and privilege_type <> 'SELECT' $$,
  'anon may write nothing');

select is_empty(
  $$ select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where p.prosecdef and n.nspname in ('public', 'private', 'admin')
        and (n.nspname = 'public'
          or not ('search_path=""' = any (coalesce(p.proconfig, '{}')))
          or has_function_privilege('public', p.oid, 'execute')) $$,
  'security definer functions: none in public, all with search_path = '''' and no execute for PUBLIC');

select * from finish();
rollback;
