-- The status machine holds for every writer, Studio (postgres) included: each of the 20 status
-- changes is either legal (and its effects happen) or refused with PT409 and the allowed next
-- states; members, events and payments cannot be edited around the rules.
--   pending → approved | rejected | cancelled;  waitlisted → pending | rejected | cancelled;
--   approved → cancelled | rejected;  rejected and cancelled are final.
begin;
select plan(36);

select tests.clear_events();

select tests.create_supabase_user('admin');
update public.profiles set role = 'admin' where id = tests.get_supabase_uid('admin');
select tests.create_event('roomy', 1000);
select tests.create_event('full', 1);
select tests.create_supabase_user('blocker');
insert into public.enrollments (event_id, user_id) select id, tests.get_supabase_uid('blocker') from public.events where slug = 'full';

-- A fresh enrollment in a given state: pending/approved/rejected/cancelled at 'roomy',
-- waitlisted at 'full' (whose one seat the blocker holds).
create function pg_temp.enrollment_in(state text) returns uuid
language plpgsql as $$
declare
  who uuid := tests.create_supabase_user('u-' || extensions.gen_random_uuid()::text);
  made uuid;
begin
  insert into public.enrollments (event_id, user_id)
  select id, who from public.events where slug = case when state = 'waitlisted' then 'full' else 'roomy' end
  returning id into made;
  if state in ('approved', 'rejected', 'cancelled') then
    update public.enrollments set status = 'approved' where id = made;
    if state <> 'approved' then
      update public.enrollments set status = state::public.enrollment_status where id = made;
    end if;
  end if;
  return made;
end;
$$;

create function pg_temp.move(from_state text, to_state text) returns void
language plpgsql as $$
declare
  target uuid := pg_temp.enrollment_in(from_state);
begin
  update public.enrollments set status = to_state::public.enrollment_status where id = target;
end;
$$;

-- Legal (as Studio)
select lives_ok($$ select pg_temp.move('pending', 'approved') $$, 'pending → approved');
select lives_ok($$ select pg_temp.move('pending', 'rejected') $$, 'pending → rejected');
select lives_ok($$ select pg_temp.move('pending', 'cancelled') $$, 'pending → cancelled');
select lives_ok($$ select pg_temp.move('waitlisted', 'rejected') $$, 'waitlisted → rejected');
select lives_ok($$ select pg_temp.move('waitlisted', 'cancelled') $$, 'waitlisted → cancelled');
select lives_ok($$ select pg_temp.move('approved', 'cancelled') $$, 'approved → cancelled');
select lives_ok($$ select pg_temp.move('approved', 'rejected') $$, 'approved → rejected');
select throws_ok($$ select pg_temp.move('waitlisted', 'pending') $$, 'PT409',
  'The event is full: no seat is free for this waitlisted enrollment.', 'waitlisted → pending needs a free seat (event_full)');
select tests.create_event('grows', 1);
insert into public.enrollments (event_id, user_id)
select e.id, tests.create_supabase_user('g' || i) from public.events e cross join generate_series(1, 4) as i where e.slug = 'grows';
update public.events set capacity = 3 where slug = 'grows';
select results_eq($$ select e.status::text, count(*)::int from public.enrollments e join public.events v on v.id = e.event_id
                     where v.slug = 'grows' group by 1 order by 1 $$, $$ values ('pending', 3), ('waitlisted', 1) $$,
  'waitlisted → pending happens when a seat frees: raising capacity moved the first two of the waitlist up');

-- Illegal (as Studio), each with the sentence and the allowed next states
select throws_ok($$ select pg_temp.move('pending', 'waitlisted') $$, 'PT409', 'An enrollment cannot go from pending to waitlisted.', 'pending → waitlisted is refused');
select throws_ok($$ select pg_temp.move('waitlisted', 'approved') $$, 'PT409', 'An enrollment cannot go from waitlisted to approved.', 'waitlisted → approved is refused (a seat first)');
select throws_ok($$ select pg_temp.move('approved', 'pending') $$, 'PT409', 'An enrollment cannot go from approved to pending.', 'approved → pending is refused');
select throws_ok($$ select pg_temp.move('approved', 'waitlisted') $$, 'PT409', 'An enrollment cannot go from approved to waitlisted.', 'approved → waitlisted is refused');
select throws_ok($$ select pg_temp.move('rejected', 'pending') $$, 'PT409', 'An enrollment cannot go from rejected to pending.', 'rejected → pending is refused');
select throws_ok($$ select pg_temp.move('rejected', 'waitlisted') $$, 'PT409', 'An enrollment cannot go from rejected to waitlisted.', 'rejected → waitlisted is refused');
select throws_ok($$ select pg_temp.move('rejected', 'approved') $$, 'PT409', 'An enrollment cannot go from rejected to approved.', 'rejected → approved is refused');
select throws_ok($$ select pg_temp.move('rejected', 'cancelled') $$, 'PT409', 'An enrollment cannot go from rejected to cancelled.', 'rejected → cancelled is refused');
select throws_ok($$ select pg_temp.move('cancelled', 'pending') $$, 'PT409', 'An enrollment cannot go from cancelled to pending.', 'cancelled → pending is refused (enroll again instead)');
select throws_ok($$ select pg_temp.move('cancelled', 'waitlisted') $$, 'PT409', 'An enrollment cannot go from cancelled to waitlisted.', 'cancelled → waitlisted is refused');
select throws_ok($$ select pg_temp.move('cancelled', 'approved') $$, 'PT409', 'An enrollment cannot go from cancelled to approved.', 'cancelled → approved is refused');
select throws_ok($$ select pg_temp.move('cancelled', 'rejected') $$, 'PT409', 'An enrollment cannot go from cancelled to rejected.', 'cancelled → rejected is refused');

create function pg_temp.refusal_detail(from_state text, to_state text) returns text
language plpgsql as $$
declare
  d text;
begin
  perform pg_temp.move(from_state, to_state);
  return null;
exception when sqlstate 'PT409' then
  get stacked diagnostics d = pg_exception_detail;
  return d;
end;
$$;
select is(pg_temp.refusal_detail('pending', 'waitlisted'), 'From pending it can go to: approved, rejected, cancelled.', 'the refusal lists the allowed next states');
select is(pg_temp.refusal_detail('cancelled', 'pending'), 'cancelled is final.', 'the refusal says a final state is final');

create function pg_temp.set_field(field text, value text) returns void
language plpgsql as $$
declare
  target uuid := pg_temp.enrollment_in('pending');
begin
  if field = 'payment_status' then
    update public.enrollments set payment_status = 'paid', payment_reference = 'X', paid_at = now() where id = target;
  else
    execute format('update public.enrollments set %I = %L::uuid where id = %L', field, value, target);
  end if;
end;
$$;

-- Insert only as pending or waitlisted
select throws_ok($$ insert into public.enrollments (event_id, user_id, status)
  select id, tests.create_supabase_user('x-approved'), 'approved' from public.events where slug = 'roomy' $$,
  'PT409', 'A new enrollment starts as pending or waitlisted, not approved: change its status afterwards.', 'a new enrollment cannot start approved');

-- Fields that cannot be edited
select throws_ok($$ select pg_temp.set_field('user_id', tests.get_supabase_uid('admin')::text) $$,
  'PT409', 'An enrollment''s member, event and creation time cannot be changed: cancel it and enroll again.', 'the member cannot be changed');
select throws_ok($$ select pg_temp.set_field('event_id', (select id from public.events where slug = 'full')::text) $$,
  'PT409', 'An enrollment''s member, event and creation time cannot be changed: cancel it and enroll again.', 'the event cannot be changed');
select throws_ok($$ select pg_temp.set_field('payment_status', 'paid') $$,
  'PT409', 'A payment cannot go from not_required to paid.', 'a free enrollment cannot be marked paid');

-- Studio approval: the same effects as the RPC; the reason set in the session is recorded
create temporary table studio (id uuid) on commit drop;
insert into studio select pg_temp.enrollment_in('pending');
set local app.audit_reason = 'approved at the desk';
update public.enrollments set status = 'approved' where id = (select id from studio);
select is((select count(*)::int from public.coupons where enrollment_id = (select id from studio)), 1, 'a Studio approval issues the coupon');
select is((select count(*)::int from public.mail_outbox where kind = 'enrollment_approved' and payload ->> 'enrollment_id' = (select id::text from studio)), 1,
  'a Studio approval mails the member');
select is((select reason from public.audit_log where action = 'enrollment.status_changed' and target_id = (select id::text from studio) order by id desc limit 1),
  'approved at the desk', 'a Studio change is audited with app.audit_reason');
select is((select actor_role from public.audit_log where action = 'enrollment.status_changed' and target_id = (select id::text from studio) order by id desc limit 1),
  'postgres', 'a Studio change is audited as the database role');
set local app.audit_reason = 'no-show policy';
update public.enrollments set status = 'cancelled' where id = (select id from studio);
select isnt((select voided_at from public.coupons where enrollment_id = (select id from studio)), null, 'a Studio cancellation voids the unused coupon');
select is((select reason from public.enrollments where id = (select id from studio)), 'no-show policy', 'the enrollment keeps the reason');
select is((select approved_at is not null and cancelled_at is not null from public.enrollments where id = (select id from studio)), true,
  'approved_at and cancelled_at record when');
select is((select seats_taken from public.events where slug = 'roomy'),
  (select count(*)::int from public.enrollments e join public.events v on v.id = e.event_id where v.slug = 'roomy' and e.status in ('pending', 'approved')),
  'after all of it, seats_taken is still pending + approved');

select tests.clear_authentication();
select is_empty($$ select * from admin.event_integrity_problems() $$, 'after all of it, every events invariant holds');
select * from finish();
rollback;
