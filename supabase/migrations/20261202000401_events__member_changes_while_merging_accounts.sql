-- =============================================================================================
-- Events, changed for merging accounts (issue #15, …0400 operator_accounts): the enrollment and
-- coupon triggers refuse a change of member, except inside merge_accounts
-- (private.merging_accounts(): a transaction-local setting only merge_accounts sets, and an
-- operator session). Otherwise both functions are as in …0510.
-- =============================================================================================

-- Replaced (was …0510): a change of member is allowed while merging accounts; otherwise unchanged.
create or replace function private.enrollment_before_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  allowed public.enrollment_status[] := case old.status
    when 'pending' then array['approved', 'rejected', 'cancelled']::public.enrollment_status[]
    when 'waitlisted' then array['pending', 'rejected', 'cancelled']::public.enrollment_status[]
    when 'approved' then array['cancelled', 'rejected']::public.enrollment_status[]
    else array[]::public.enrollment_status[]
  end;
  why text := nullif(btrim(coalesce(current_setting('app.audit_reason', true), '')), '');
begin
  if new.id is distinct from old.id or new.event_id is distinct from old.event_id
     or (new.user_id is distinct from old.user_id and not private.merging_accounts()) or new.created_at is distinct from old.created_at then
    raise exception using
      errcode = 'PT409',
      message = 'An enrollment''s member, event and creation time cannot be changed: cancel it and enroll again.',
      hint = 'enrollment_change_invalid';
  end if;

  -- Payment: only awaiting → paid, with a reference.
  if new.payment_status is distinct from old.payment_status then
    if not (old.payment_status = 'awaiting' and new.payment_status = 'paid') then
      raise exception using
        errcode = 'PT409',
        message = format('A payment cannot go from %s to %s.', old.payment_status, new.payment_status),
        hint = 'enrollment_change_invalid';
    end if;
    if char_length(btrim(coalesce(new.payment_reference, ''))) = 0 then
      raise exception using
        errcode = 'PT422',
        message = 'A payment reference is required to mark an enrollment paid.',
        detail = 'reference',
        hint = 'payment_reference_required';
    end if;
    new.payment_reference := btrim(new.payment_reference);
    new.paid_at := coalesce(new.paid_at, now());
  elsif new.payment_reference is distinct from old.payment_reference or new.paid_at is distinct from old.paid_at then
    if old.payment_status <> 'paid' or new.payment_reference is null then
      raise exception using
        errcode = 'PT409',
        message = 'A payment reference is recorded only by marking the enrollment paid.',
        hint = 'enrollment_change_invalid';
    end if;
  end if;

  if new.status = old.status then
    new.waitlist_position := old.waitlist_position;
    return new;
  end if;

  if not (new.status = any (allowed)) then
    raise exception using
      errcode = 'PT409',
      message = format('An enrollment cannot go from %s to %s.', old.status, new.status),
      hint = 'enrollment_transition_invalid',
      detail = case when cardinality(allowed) = 0
                    then format('%s is final.', old.status)
                    else format('From %s it can go to: %s.', old.status, array_to_string(allowed, ', ')) end;
  end if;

  if new.status = 'approved' and new.payment_status = 'awaiting' then
    raise exception using
      errcode = 'PT409',
      message = 'This event has a fee: mark the enrollment paid before approving it.',
      hint = 'enrollment_payment_required';
  end if;

  if old.status = 'waitlisted' and new.status = 'pending' then
    update public.events e set seats_taken = e.seats_taken + 1
     where e.id = new.event_id and e.seats_taken < e.capacity;
    if not found then
      raise exception using
        errcode = 'PT409',
        message = 'The event is full: no seat is free for this waitlisted enrollment.',
        hint = 'event_full';
    end if;
  end if;

  new.waitlist_position := case when new.status = 'waitlisted' then old.waitlist_position end;
  if new.status = 'approved' then new.approved_at := now(); end if;
  if new.status = 'rejected' then new.rejected_at := now(); end if;
  if new.status = 'cancelled' then new.cancelled_at := now(); end if;
  if new.status in ('rejected', 'cancelled') then
    new.reason := left(coalesce(nullif(btrim(coalesce(new.reason, '')), ''), why), 1000);
  end if;
  return new;
end;
$$;


-- Replaced (was …0510): a coupon may change owner while merging accounts; otherwise unchanged.
create or replace function private.coupon_before_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.id is distinct from old.id or new.code is distinct from old.code or new.event_id is distinct from old.event_id
     or new.issued_at is distinct from old.issued_at or new.created_at is distinct from old.created_at
     or (new.enrollment_id is distinct from old.enrollment_id and new.enrollment_id is not null)
     or (new.user_id is distinct from old.user_id and new.user_id is not null and not private.merging_accounts()) then
    raise exception using
      errcode = 'PT409',
      message = 'A coupon''s code, enrollment, owner and event cannot be changed.',
      hint = 'coupon_change_invalid';
  end if;
  if old.voided_at is not null and new.voided_at is distinct from old.voided_at then
    raise exception using errcode = 'PT409', message = 'A void coupon stays void.', hint = 'coupon_void';
  end if;
  if new.voided_at is not null and new.used_at is distinct from old.used_at then
    raise exception using errcode = 'PT409', message = 'This coupon is void: its enrollment was cancelled or rejected.', hint = 'coupon_void';
  end if;
  return new;
end;
$$;

comment on function private.enrollment_before_update() is
  'Trigger: legal status changes only (PT409), approval only when paid or free, payment only awaiting → paid with a reference; a waitlisted enrollment moving up takes a seat. The member changes only inside merge_accounts.';

comment on function private.coupon_before_update() is
  'Trigger: only used_at and voided_at change (the owner too, inside merge_accounts); void is final and cannot be used.';
