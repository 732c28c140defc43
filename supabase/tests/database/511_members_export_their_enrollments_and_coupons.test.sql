-- export_my_data includes the caller's enrollments, each with its event and its coupon, and
-- nothing of anyone else's.
begin;
select plan(4);

select tests.clear_events();
select tests.create_supabase_user('export-member');
select tests.create_supabase_user('export-other');
select tests.create_event('export-night', 5);

select tests.authenticate_as('export-member');
select public.enroll(e.id) from public.events e where e.slug = 'export-night';
select tests.clear_authentication();
-- Approved as an operator would in Studio: the trigger issues the coupon.
update public.enrollments set status = 'approved' where id = tests.enrollment_of('export-member', 'export-night');

select tests.authenticate_as('export-member');
select is((select jsonb_array_length(d -> 'enrollments') from public.export_my_data() d), 1, 'the member''s export lists their enrollment');
select is((select d -> 'enrollments' -> 0 ->> 'event_slug' || ' ' || (d -> 'enrollments' -> 0 ->> 'status') from public.export_my_data() d),
  'export-night approved', 'with its event and status');
select is((select d -> 'enrollments' -> 0 -> 'coupon' ->> 'code' from public.export_my_data() d),
  (select c.code from public.coupons c where c.enrollment_id = tests.enrollment_of('export-member', 'export-night')),
  'and its coupon');

select tests.authenticate_as('export-other');
select is((select jsonb_array_length(d -> 'enrollments') from public.export_my_data() d), 0, 'another member''s export has none of it');

select * from finish();
rollback;
