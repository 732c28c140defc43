-- Only admins add, edit and delete events and their translations; members get RLS refusals
-- (42501 on insert, 0 rows on update and delete), visitors have no write privilege at all, and
-- nobody writes the seat counter through the API.
begin;
select plan(17);

select tests.clear_events();

select tests.create_supabase_user('member');
select tests.create_supabase_user('admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('admin');
select tests.create_event('gig', 5);
insert into public.event_translations (event_id, locale, name) select id, 'ko', '공연' from public.events where slug = 'gig';

-- Visitor
select tests.authenticate_as_anon();
select throws_ok($$ insert into public.events (slug, name, starts_at, ends_at, location, capacity)
  values ('x', 'X', now() + interval '1 day', now() + interval '2 days', 'Y', 5) $$, '42501', null, 'a visitor cannot add events');
select throws_ok($$ update public.events set name = 'Hacked' $$, '42501', null, 'a visitor cannot edit events');
select throws_ok($$ insert into public.event_translations (event_id, locale, name) select id, 'th', 'x' from public.events $$,
  '42501', null, 'a visitor cannot add event translations');

-- Member
select tests.authenticate_as('member');
select throws_ok($$ insert into public.events (slug, name, starts_at, ends_at, location, capacity)
  values ('x', 'X', now() + interval '1 day', now() + interval '2 days', 'Y', 5) $$,
  '42501', 'new row violates row-level security policy for table "events"', 'a member cannot add events');
select is(tests.rows_affected($$ update public.events set name = 'Hacked' $$), 0, 'a member edits no event');
select is(tests.rows_affected($$ delete from public.events $$), 0, 'a member deletes no event');
select throws_ok($$ insert into public.event_translations (event_id, locale, name) select id, 'th', 'x' from public.events $$,
  '42501', 'new row violates row-level security policy for table "event_translations"', 'a member cannot add event translations');
select is(tests.rows_affected($$ update public.event_translations set name = 'x' $$), 0, 'a member edits no event translation');
select is(tests.rows_affected($$ delete from public.event_translations $$), 0, 'a member deletes no event translation');
select throws_ok($$ update public.events set seats_taken = 0 $$, '42501', null, 'nobody writes the seat counter through the API');

-- Admin
select tests.authenticate_as('admin');
select lives_ok($$ insert into public.events (slug, name, starts_at, ends_at, location, capacity, fee, published)
  values ('new-gig', 'New gig', now() + interval '1 day', now() + interval '2 days', 'Hall', 20, 15.50, true) $$,
  'an admin adds an event');
select is(tests.rows_affected($$ update public.events set name = 'Renamed gig' where slug = 'gig' $$), 1, 'an admin edits an event');
select lives_ok($$ insert into public.event_translations (event_id, locale, name) select id, 'th', 'งานใหม่' from public.events where slug = 'new-gig' $$,
  'an admin adds an event translation');
select is(tests.rows_affected($$ update public.event_translations set name = '새 공연' where locale = 'ko' $$), 1, 'an admin edits an event translation');
select is(tests.rows_affected($$ delete from public.event_translations where locale = 'ko' $$), 1, 'an admin deletes an event translation');
select is(tests.rows_affected($$ delete from public.events where slug = 'new-gig' $$), 1, 'an admin deletes an event without enrollments');
select throws_ok($$ update public.events set seats_taken = 0 $$, '42501', null, 'not even an admin writes the seat counter');

select * from finish();
rollback;
