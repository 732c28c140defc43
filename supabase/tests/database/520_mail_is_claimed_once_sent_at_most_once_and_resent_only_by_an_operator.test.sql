-- The mailer's outbox protocol (20261202000110_mail_outbox__claims.sql): a claim takes due
-- pending mails oldest first as `sending` with the member's current email; only the claimer
-- records the outcome, only from sending; a refusal backs off exponentially and fails after
-- the last attempt; a claim that outlives its lease becomes unconfirmed and is never claimed
-- again; only an operator with a reason puts a failed or unconfirmed mail back (audited);
-- every other status change is refused; no API role may call any of it. Real concurrency
-- (two mailers, SKIP LOCKED) is shown by tests/integration/mailer-two-mailers.test.ts.
begin;
select plan(47);

select tests.clear_events();
delete from public.audit_log where action = 'mail.resent';

select tests.create_supabase_user('first', 'first@mail.test');
select tests.create_supabase_user('second', 'second@mail.test');
select tests.create_supabase_user('noemail');
update auth.users set email = null where id = tests.get_supabase_uid('noemail');
update public.profiles set locale = 'th' where id = tests.get_supabase_uid('second');

-- Three mails, oldest first, one of them not due yet.
select private.enqueue_mail('enrollment_approved', tests.get_supabase_uid('first'), '{"event_name":"A"}');
select private.enqueue_mail('enrollment_rejected', tests.get_supabase_uid('second'), '{"event_name":"B"}');
select private.enqueue_mail('enrollment_promoted', tests.get_supabase_uid('first'), '{"event_name":"C"}');
update public.mail_outbox set next_attempt_at = now() + interval '1 hour' where payload ->> 'event_name' = 'C';

create temporary table mail_ids as
select payload ->> 'event_name' as name, id from public.mail_outbox;
grant select on mail_ids to public;

-- Nobody over the API may run the protocol
select tests.authenticate_as('first');
select throws_ok($$ select private.claim_mail('me', 10) $$, '42501', null, 'a member cannot claim mail');
select tests.authenticate_as_service_role();
select throws_ok($$ select private.claim_mail('me', 10) $$, '42501', null, 'not even the service role claims mail (the mailer connects as postgres)');
select throws_ok($$ select private.finish_mail(1, 'me') $$, '42501', null, 'the service role cannot record an outcome');
select throws_ok($$ select private.settle_stale_mail(interval '1 minute') $$, '42501', null, 'the service role cannot settle claims');
select throws_ok($$ select admin.resend_mail(1, 'x') $$, '42501', null, 'the service role cannot resend');
select tests.clear_authentication();

-- Arguments
select throws_ok($$ select private.claim_mail('', 10) $$, '22023', 'claim_mail needs a mailer name (1-200 characters) and a batch size of 1-1000.',
  'a claim needs a mailer name (mail_claim_invalid)');
select throws_ok($$ select private.claim_mail('m', 0) $$, '22023', null, 'a claim needs a batch of at least one');
select throws_ok($$ select private.settle_stale_mail(interval '-1 second') $$, '22023', null, 'a lease cannot be negative');
select ok((select pg_get_functiondef('private.claim_mail(text, integer)'::regprocedure) ~* 'for update of o skip locked'),
  'the claim locks with FOR UPDATE SKIP LOCKED (concurrency is shown by the integration test)');

-- Claim: due only, oldest first, the batch size, current email, locale
select results_eq($$ select (select name from mail_ids m where m.id = c.id), email, locale::text, attempts from private.claim_mail('mailer-a', 1) c $$,
  $$ values ('A', 'first@mail.test', 'en', 1) $$, 'the oldest due mail is claimed first, one per batch, with the current email');
select results_eq($$ select status::text, claimed_by, claimed_at is not null from public.mail_outbox where id = (select id from mail_ids where name = 'A') $$,
  $$ values ('sending', 'mailer-a', true) $$, 'a claimed mail is sending, with its claimer and time');
update auth.users set email = 'second-new@mail.test' where id = tests.get_supabase_uid('second');
select results_eq($$ select (select name from mail_ids m where m.id = c.id), email, locale::text from private.claim_mail('mailer-b', 10) c $$,
  $$ values ('B', 'second-new@mail.test', 'th') $$,
  'the next claim skips the one being sent and the one not due, and mails the member''s address as it is now');
select is_empty($$ select * from private.claim_mail('mailer-c', 10) $$, 'nothing is left to claim: a sending mail is never claimed twice');

-- Outcome: only the claimer, only from sending
select throws_ok(format('select private.finish_mail(%s, %L)', (select id from mail_ids where name = 'A'), 'mailer-b'), 'PT409', null,
  'another mailer cannot record the outcome (mail_not_sending)');
select throws_ok($$ select private.finish_mail(-1, 'mailer-a') $$, 'PT404', 'No mail has that id.', 'an unknown mail (mail_not_found)');
select is(private.finish_mail((select id from mail_ids where name = 'A'), 'mailer-a'), 'sent'::public.mail_status, 'the claimer marks it sent');
select results_eq($$ select status::text, sent_at is not null, last_error from public.mail_outbox where id = (select id from mail_ids where name = 'A') $$,
  $$ values ('sent', true, null::text) $$, 'a sent mail has its sent_at');
select throws_ok(format('select private.finish_mail(%s, %L)', (select id from mail_ids where name = 'A'), 'mailer-a'), 'PT409', null,
  'a sent mail cannot be marked again');
select throws_ok(format('select private.finish_mail(%s, %L, %L)', (select id from mail_ids where name = 'C'), 'mailer-a', '451'), 'PT409', null,
  'a pending mail (never claimed) has no outcome to record');

-- Refusals back off exponentially, then fail
select is(private.finish_mail((select id from mail_ids where name = 'B'), 'mailer-b', '451 4.3.0 try later', interval '1 minute', 3),
  'pending'::public.mail_status, 'a refusal sends it back to pending');
select results_eq($$ select status::text, attempts, last_error, next_attempt_at = now() + interval '1 minute' from public.mail_outbox where id = (select id from mail_ids where name = 'B') $$,
  $$ values ('pending', 1, '451 4.3.0 try later', true) $$, 'after the first attempt it waits one backoff, with the SMTP reply kept');
select is_empty($$ select * from private.claim_mail('mailer-b', 10) $$, 'a mail waiting out its backoff is not claimed');
update public.mail_outbox set next_attempt_at = now() where id = (select id from mail_ids where name = 'B');
select is((select attempts from private.claim_mail('mailer-b', 10)), 2, 'the second claim is attempt 2');
select private.finish_mail((select id from mail_ids where name = 'B'), 'mailer-b', '451 again', interval '1 minute', 3);
select is((select next_attempt_at - now() from public.mail_outbox where id = (select id from mail_ids where name = 'B')), interval '2 minutes',
  'after the second attempt it waits two backoffs');
update public.mail_outbox set next_attempt_at = now() where id = (select id from mail_ids where name = 'B');
select is((select attempts from private.claim_mail('mailer-b', 10)), 3, 'the third claim is attempt 3');
select is(private.finish_mail((select id from mail_ids where name = 'B'), 'mailer-b', '550 5.1.1 no such user', interval '1 minute', 3),
  'failed'::public.mail_status, 'a refusal on the last attempt fails it');
select results_eq($$ select status::text, last_error from public.mail_outbox where id = (select id from mail_ids where name = 'B') $$,
  $$ values ('failed', '550 5.1.1 no such user') $$, 'a failed mail keeps the last reply');
select is_empty($$ select * from private.claim_mail('mailer-b', 10) $$, 'a failed mail is not claimed again');

-- A member without email: failed at the claim, not returned
select private.enqueue_mail('enrollment_approved', tests.get_supabase_uid('noemail'), '{"event_name":"D"}');
insert into mail_ids select 'D', id from public.mail_outbox where payload ->> 'event_name' = 'D';
select is_empty($$ select * from private.claim_mail('mailer-a', 10) $$, 'a mail for a member without email is not handed to the mailer');
select results_eq($$ select status::text, last_error from public.mail_outbox where id = (select id from mail_ids where name = 'D') $$,
  $$ values ('failed', 'The member has no email address, so this mail cannot be sent.') $$, 'it is failed, with a reason an operator can read');

-- A stale claim becomes unconfirmed, never sent again by a mailer
update public.mail_outbox set next_attempt_at = now() where id = (select id from mail_ids where name = 'C');
select is((select count(*)::int from private.claim_mail('mailer-dead', 10)), 1, 'a mailer claims C');
update public.mail_outbox set claimed_at = now() - interval '10 minutes' where id = (select id from mail_ids where name = 'C');
select is(private.settle_stale_mail(interval '15 minutes'), 0, 'a claim younger than the lease is left alone');
select is(private.settle_stale_mail(interval '5 minutes'), 1, 'a claim older than the lease is settled');
select results_eq($$ select status::text, last_error like 'Claimed by mailer-dead at % and never marked: %admin.resend_mail(%' from public.mail_outbox where id = (select id from mail_ids where name = 'C') $$,
  $$ values ('unconfirmed', true) $$, 'it is unconfirmed, saying who claimed it and how to resend');
select is_empty($$ select * from private.claim_mail('mailer-a', 10) $$, 'an unconfirmed mail is never claimed again');
select throws_ok(format('select private.finish_mail(%s, %L)', (select id from mail_ids where name = 'C'), 'mailer-dead'), 'PT409', null,
  'the late mailer cannot mark an unconfirmed mail');

-- Operators see the problems and resend with a reason
select results_eq($$ select (select name from mail_ids m where m.id = p.mail_id), status::text, member_email from admin.mail_problems p order by 1 $$,
  $$ values ('B', 'failed', 'second-new@mail.test'), ('C', 'unconfirmed', 'first@mail.test'), ('D', 'failed', null) $$,
  'admin.mail_problems lists failed and unconfirmed mails with the member''s email');
select throws_ok(format('select admin.resend_mail(%s, %L)', (select id from mail_ids where name = 'C'), ' '), 'PT422',
  'A reason is required (1-1000 characters).', 'a resend needs a reason');
select throws_ok(format('select admin.resend_mail(%s, %L)', (select id from mail_ids where name = 'A'), 'again'), 'PT409',
  null, 'a sent mail cannot be resent (mail_not_resendable)');
select throws_ok($$ select admin.resend_mail(-1, 'x') $$, 'PT404', 'No mail has that id.', 'resending an unknown mail');
select results_eq(format('select status::text, attempts from admin.resend_mail(%s, %L)', (select id from mail_ids where name = 'C'), 'member never got it; provider log empty'),
  $$ values ('pending', 0) $$, 'an operator puts an unconfirmed mail back to pending');
select results_eq($$ select reason, old_values ->> 'status', actor_role from public.audit_log where action = 'mail.resent' $$,
  $$ values ('member never got it; provider log empty', 'unconfirmed', 'postgres') $$, 'the resend is audited with its reason');
update public.mail_outbox set status = 'pending' where id = (select id from mail_ids where name = 'B');
select is((select reason from public.audit_log where action = 'mail.resent' and target_id = (select id::text from mail_ids where name = 'B')),
  'no reason given', 'a resend made in the table editor is audited too');

-- Every other status change is refused, Studio included
select throws_ok(format('update public.mail_outbox set status = %L where id = %s', 'pending', (select id from mail_ids where name = 'A')), 'PT409',
  'A mail cannot go from sent to pending (a sent mail is final, and failed or unconfirmed ones go back with admin.resend_mail).', 'sent is final (mail_status_invalid)');
select throws_ok(format('update public.mail_outbox set status = %L, sent_at = now() where id = %s', 'sent', (select id from mail_ids where name = 'C')), 'PT409',
  null, 'a pending mail cannot be marked sent without a claim');
select throws_ok(format('update public.mail_outbox set status = %L where id = %s', 'unconfirmed', (select id from mail_ids where name = 'C')), 'PT409',
  null, 'a pending mail cannot become unconfirmed');
select throws_ok(format('update public.mail_outbox set status = %L where id = %s', 'sending', (select id from mail_ids where name = 'C')), '23514',
  null, 'a mail cannot be sending without a claimer');

select * from finish();
rollback;
