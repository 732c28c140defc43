-- Visitors, guests and members read published events, their translations, their seats and the
-- localized cards; unpublished events (and their translations) only admins see in the tables,
-- and event_cards never lists them.
begin;
select plan(22);

select tests.clear_events();

select tests.create_supabase_user('member');
select tests.create_supabase_user('admin');
select tests.create_anonymous_user('guest');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('admin');
select tests.create_event('open-night', 10);
select tests.create_event('draft-night', 10, published => false);
insert into public.event_translations (event_id, locale, name)
select id, 'th', 'คืนเปิดบ้าน' from public.events where slug = 'open-night';
insert into public.event_translations (event_id, locale, name, location)
select id, 'th', 'ร่าง', 'ห้องลับ' from public.events where slug = 'draft-night';
insert into public.enrollments (event_id, user_id)
select id, tests.get_supabase_uid('member') from public.events where slug = 'open-night';

-- Visitor (anon)
select tests.authenticate_as_anon();
select results_eq($$ select slug from public.events order by slug $$, array['open-night'],
  'a visitor reads published events');
select is_empty($$ select 1 from public.events where slug = 'draft-night' $$, 'a visitor does not see an unpublished event');
select results_eq($$ select name from public.event_translations $$, array['คืนเปิดบ้าน'],
  'a visitor reads the translations of published events only');
select results_eq($$ select capacity, seats_taken, seats_left from public.event_seats $$,
  $$ values (10, 1, 9) $$, 'a visitor reads the seats of published events: capacity, taken (pending + approved), left');
select results_eq($$ select name::text, location::text, description::text from public.event_cards where locale = 'th' $$,
  $$ values ('คืนเปิดบ้าน', 'Test hall', 'A test event') $$, 'event_cards: Thai name, English location and description where untranslated');
select results_eq($$ select count(*)::int from public.event_cards $$, array[4], 'event_cards: one row per published event and language');
select is((select enrollment_open from public.event_cards where locale = 'en'), true, 'event_cards: an upcoming event is open for enrollment');
select throws_ok($$ select 1 from public.enrollments $$, '42501', null, 'a visitor cannot read enrollments');

-- Guest
select tests.authenticate_as('guest');
select results_eq($$ select slug from public.events $$, array['open-night'], 'a guest reads published events');
select results_eq($$ select count(*)::int from public.event_translations $$, array[1], 'a guest does not read translations of an unpublished event');

-- Member
select tests.authenticate_as('member');
select results_eq($$ select slug from public.events $$, array['open-night'], 'a member reads published events');
select is_empty($$ select 1 from public.events where slug = 'draft-night' $$, 'a member does not see an unpublished event');
select results_eq($$ select count(*)::int from public.event_translations $$, array[1], 'a member reads published events'' translations only');
select results_eq($$ select seats_left from public.event_seats $$, array[9], 'a member reads the seats');

-- Admin
select tests.authenticate_as('admin');
select results_eq($$ select slug from public.events order by slug $$, array['draft-night', 'open-night'],
  'an admin reads every event, unpublished too');
select results_eq($$ select count(*)::int from public.event_translations $$, array[2], 'an admin reads every event translation');
select results_eq($$ select count(*)::int from public.event_seats $$, array[2], 'an admin reads the seats of every event');
select is_empty($$ select 1 from public.event_cards where slug = 'draft-night' $$, 'event_cards lists published events only, even for admins');

-- Cancelled and started events stay readable and say so
select tests.clear_authentication();
update public.events set cancelled_at = now() where slug = 'open-night';
select tests.authenticate_as_anon();
select is((select enrollment_open from public.event_cards where locale = 'en'), false, 'a cancelled event is not open for enrollment');
select isnt((select cancelled_at from public.event_cards where locale = 'en'), null, 'event_cards shows when an event was cancelled');
select tests.clear_authentication();
update public.events set published = false where slug = 'open-night';
select tests.authenticate_as_anon();
select is_empty($$ select 1 from public.event_seats $$, 'unpublishing hides the seats from visitors');
select is_empty($$ select 1 from public.event_translations $$, 'unpublishing hides the translations from visitors');

select * from finish();
rollback;
