-- =============================================================================================
-- Mail outbox: the mailer's protocol, at most once (docs/decisions/011-mail-at-most-once.md).
--
--   pending ──claim_mail──► sending ──finish_mail(ok)──────► sent
--      ▲  └─(no email)─► failed   │  ──finish_mail(refused)─► pending (backoff) | failed (last attempt)
--      │                          └──settle_stale_mail(lease)► unconfirmed
--      └──── admin.resend_mail(mail_id, reason), audited ◄──── failed | unconfirmed
--
-- A mailer claims in its own short transaction (private.claim_mail: FOR UPDATE SKIP LOCKED,
-- status sending, committed) BEFORE it talks to SMTP, and marks the outcome afterwards in
-- another (private.finish_mail). So a crash at any point can leave a row in `sending`, never
-- back in `pending`: no second mailer and no restart sends it again. A row left in `sending`
-- longer than the lease becomes `unconfirmed` (private.settle_stale_mail): it may or may not
-- have gone out, and only an operator who checked puts it back (admin.resend_mail). A refusal
-- the SMTP server stated (an error reply, or no connection at all) proves nothing was sent, so
-- it goes back to pending with exponential backoff, or to failed after the last attempt.
-- A trigger refuses every other status change, Studio's table editor included, and audits a
-- resend made there (with "no reason given").
--
-- Nothing here is granted to an API role: the mailer connects to the database directly
-- (DATABASE_URL, as postgres), operators work in Studio as postgres.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Types
  * -------------------------------------------------------
 */

comment on type public.mail_status is
  'pending: to be sent at or after next_attempt_at; sending: claimed by a mailer (committed before SMTP), not yet marked; sent: accepted by the SMTP server, never again; failed: refused on the last attempt, or the member has no email; unconfirmed: the claim outlived the lease (the mailer died mid-send), it may have gone out, never resent automatically (admin.resend_mail after checking).';

create type private.claimed_mail as (
  id bigint,
  kind public.mail_kind,
  locale public.locale,
  payload jsonb,
  email text,
  attempts integer,
  created_at timestamptz
);

comment on type private.claimed_mail is 'One mail a mailer has claimed: what it renders and where it goes (the member''s current email).';

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

alter table public.mail_outbox
  add column claimed_by text constraint mail_outbox_claimed_by_length check (char_length(claimed_by) between 1 and 200),
  add column claimed_at timestamptz,
  add constraint mail_outbox_sending_is_claimed check (status <> 'sending' or (claimed_by is not null and claimed_at is not null));

comment on table public.mail_outbox is
  'Mails to send, written in the transaction of the fact they tell (enrollment approved, rejected, moved up). Sent at most once: a mailer claims due pending rows (private.claim_mail, FOR UPDATE SKIP LOCKED, committed before SMTP) and marks the outcome (private.finish_mail); a claim that outlives its lease becomes unconfirmed and is resent only by an operator (admin.resend_mail). Admins read it; admin.mail_problems lists what needs a look.';
comment on column public.mail_outbox.status is
  'pending → sending → sent | pending (backoff) | failed | unconfirmed; failed/unconfirmed → pending only by admin.resend_mail (see the type''s comment). Other changes are refused.';
comment on column public.mail_outbox.attempts is 'How many times a mailer claimed it (each claim is one attempt, counted before the send).';
comment on column public.mail_outbox.next_attempt_at is
  'Not before this time: after a refusal the mailer waits backoff × 2^(attempts-1) (at most a day).';
comment on column public.mail_outbox.last_error is
  'Why the last attempt did not end in sent: the SMTP server''s reply, "no email", or the unconfirmed claim.';
comment on column public.mail_outbox.claimed_by is 'The mailer (host, process) that claimed it last; finish_mail only accepts that mailer.';
comment on column public.mail_outbox.claimed_at is 'When it was claimed last; a row in sending older than the lease becomes unconfirmed.';
comment on column public.mail_outbox.updated_at is 'Last change (a claim, an outcome, a resend); maintained by a trigger.';

/**
  * -------------------------------------------------------
  * Section - Indexes
  * -------------------------------------------------------
 */

create index mail_outbox_sending_idx on public.mail_outbox (claimed_at) where status = 'sending';
create index mail_outbox_problems_idx on public.mail_outbox (updated_at) where status in ('failed', 'unconfirmed');

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * The mailer's claim, called in a transaction of its own that commits before any SMTP: up to
 * `batch` due pending rows, oldest first, skipping rows another mailer is claiming right now
 * (SKIP LOCKED), become `sending` (attempts + 1, claimed_by, claimed_at). Returns each with the
 * member's current email; a row whose member has no email becomes failed instead and is not
 * returned. Security definer so it reads auth.users with set search_path; not granted to any
 * API role (the mailer connects as postgres).
 */
create function private.claim_mail(mailer text, batch integer)
returns setof private.claimed_mail
language plpgsql
security definer
set search_path = ''
as $$
begin
  if char_length(coalesce(mailer, '')) not between 1 and 200 or batch is null or batch not between 1 and 1000 then
    raise exception using
      errcode = '22023',
      message = 'claim_mail needs a mailer name (1-200 characters) and a batch size of 1-1000.',
      hint = 'mail_claim_invalid';
  end if;

  return query
  with due as (
    select o.id
      from public.mail_outbox o
     where o.status = 'pending' and o.next_attempt_at <= now()
     order by o.id
     limit claim_mail.batch
       for update of o skip locked
  ),
  addressed as (
    select due.id, nullif(btrim(u.email::text), '') as email
      from due
      join public.mail_outbox o on o.id = due.id
      left join auth.users u on u.id = o.user_id
  ),
  claimed as (
    update public.mail_outbox o
       set status = case when a.email is null then 'failed'::public.mail_status else 'sending'::public.mail_status end,
           attempts = least(o.attempts + 1, 100),
           claimed_by = claim_mail.mailer,
           claimed_at = now(),
           last_error = case when a.email is null
                             then 'The member has no email address, so this mail cannot be sent.' else o.last_error end
      from addressed a
     where o.id = a.id
    returning o.id, o.kind, o.locale, o.payload, a.email, o.attempts, o.created_at, o.status
  )
  select c.id, c.kind, c.locale, c.payload, c.email, c.attempts, c.created_at
    from claimed c
   where c.status = 'sending'
   order by c.id;
end;
$$;

comment on function private.claim_mail(text, integer) is
  'Mailer: claim up to batch due pending mails (oldest first, SKIP LOCKED) as sending, in a transaction committed before SMTP. Returns them with the member''s current email; no email → failed, not returned.';

revoke execute on function private.claim_mail(text, integer) from public;

/**
 * The mailer's outcome for a mail it claimed: `smtp_error` null → sent; otherwise the SMTP
 * server refused it or could not be reached (nothing went out), so it goes back to pending after
 * backoff × 2^(attempts-1) (capped at a day), or to failed once attempts reached max_attempts.
 * Only from `sending` and only by the mailer that claimed it: a row settled as unconfirmed
 * meanwhile stays unconfirmed (PT409 mail_not_sending). Security definer for search_path and
 * ownership; not granted to any API role.
 */
create function private.finish_mail(
  mail_id bigint,
  mailer text,
  smtp_error text default null,
  backoff interval default interval '1 minute',
  max_attempts integer default 5
)
returns public.mail_status
language plpgsql
security definer
set search_path = ''
as $$
declare
  target public.mail_outbox;
begin
  select o.* into target from public.mail_outbox o where o.id = finish_mail.mail_id for update;
  if target.id is null then
    raise exception using errcode = 'PT404', message = 'No mail has that id.', hint = 'mail_not_found';
  end if;
  if target.status <> 'sending' or target.claimed_by is distinct from finish_mail.mailer then
    raise exception using
      errcode = 'PT409',
      message = format('Mail %s is %s (claimed by %s), not being sent by %s: its outcome is not recorded.',
                       target.id, target.status, coalesce(target.claimed_by, 'nobody'), finish_mail.mailer),
      hint = 'mail_not_sending';
  end if;

  if finish_mail.smtp_error is null then
    update public.mail_outbox o set status = 'sent', sent_at = now(), last_error = null
     where o.id = target.id;
    return 'sent';
  end if;

  if target.attempts >= greatest(coalesce(finish_mail.max_attempts, 5), 1) then
    update public.mail_outbox o set status = 'failed', last_error = left(finish_mail.smtp_error, 2000)
     where o.id = target.id;
    return 'failed';
  end if;

  update public.mail_outbox o
     set status = 'pending',
         last_error = left(finish_mail.smtp_error, 2000),
         next_attempt_at = now() + least(coalesce(finish_mail.backoff, interval '1 minute') * power(2, greatest(target.attempts - 1, 0)),
                                         interval '1 day')
   where o.id = target.id;
  return 'pending';
end;
$$;

comment on function private.finish_mail(bigint, text, text, interval, integer) is
  'Mailer: record the outcome of a claimed mail. No error → sent; an SMTP refusal → pending after exponential backoff, or failed after max_attempts. Only from sending, only by its claimer (PT409 mail_not_sending).';

revoke execute on function private.finish_mail(bigint, text, text, interval, integer) from public;

/**
 * Rows in `sending` claimed longer than `lease` ago: their mailer died (or hung) between the
 * claim and the outcome, maybe after the SMTP server accepted the mail. They become
 * `unconfirmed` and are never sent again by a mailer; admin.mail_problems lists them.
 * Returns how many. Called by every mailer on start and periodically. Not granted to API roles.
 */
create function private.settle_stale_mail(lease interval)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  settled integer;
begin
  if lease is null or lease < interval '0' then
    raise exception using errcode = '22023', message = 'settle_stale_mail needs a lease of zero or more.', hint = 'mail_claim_invalid';
  end if;
  update public.mail_outbox o
     set status = 'unconfirmed',
         last_error = left(format('Claimed by %s at %s and never marked: the mailer stopped mid-send, so it may have gone out. '
                                  'Check with the member or the SMTP provider, then admin.resend_mail(%s, ''why'') to send it again.',
                                  o.claimed_by, o.claimed_at, o.id), 2000)
   where o.status = 'sending' and o.claimed_at < now() - settle_stale_mail.lease;
  get diagnostics settled = row_count;
  return settled;
end;
$$;

comment on function private.settle_stale_mail(interval) is
  'Mailer: rows in sending claimed longer than lease ago become unconfirmed (may have been sent; never resent automatically). Returns the count.';

revoke execute on function private.settle_stale_mail(interval) from public;

/**
 * Puts one failed or unconfirmed mail back to pending (due now, attempts reset), for an
 * operator who checked that it did not reach the member. Needs a reason (PT422); the status
 * trigger audits it as mail.resent with that reason. Security definer: the outbox is no one
 * else's to change; callable only through admin.resend_mail (postgres in Studio).
 */
create function private.resend_mail(mail_id bigint, reason text)
returns public.mail_outbox
language plpgsql
security definer
set search_path = ''
as $$
declare
  why text := private.required_reason(resend_mail.reason);
  previous_reason text := current_setting('app.audit_reason', true);
  target public.mail_outbox;
begin
  select o.* into target from public.mail_outbox o where o.id = resend_mail.mail_id for update;
  if target.id is null then
    raise exception using errcode = 'PT404', message = 'No mail has that id.', hint = 'mail_not_found';
  end if;
  if target.status not in ('failed', 'unconfirmed') then
    raise exception using
      errcode = 'PT409',
      message = format('Mail %s is %s: only a failed or unconfirmed mail can be resent.', target.id, target.status),
      hint = 'mail_not_resendable';
  end if;
  perform pg_catalog.set_config('app.audit_reason', why, true);
  update public.mail_outbox o
     set status = 'pending', attempts = 0, next_attempt_at = now(), claimed_by = null, claimed_at = null
   where o.id = target.id
  returning o.* into target;
  perform pg_catalog.set_config('app.audit_reason', coalesce(previous_reason, ''), true);
  return target;
end;
$$;

comment on function private.resend_mail(bigint, text) is 'Privileged half of admin.resend_mail.';

revoke execute on function private.resend_mail(bigint, text) from public;

/**
 * Studio: send a failed or unconfirmed mail again after checking it did not arrive.
 * select admin.resend_mail(<mail id>, 'member says it never came; provider log shows nothing').
 */
create function admin.resend_mail(mail_id bigint, reason text)
returns public.mail_outbox
language sql
security invoker
set search_path = ''
as $$
  select private.resend_mail(resend_mail.mail_id, resend_mail.reason);
$$;

comment on function admin.resend_mail(bigint, text) is
  'Resend one failed or unconfirmed mail: select admin.resend_mail(<id>, ''why''). Audited (mail.resent); PT422 without a reason, PT409 for any other status.';

revoke execute on function admin.resend_mail(bigint, text) from public;

/**
 * BEFORE UPDATE: only the protocol's status changes (see the file header), whoever makes them;
 * Studio's table editor included. A resend (failed/unconfirmed → pending) is audited with the
 * transaction's app.audit_reason (admin.resend_mail sets it; a table edit has none).
 * Security definer: it writes audit_log.
 */
create function private.mail_outbox_before_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status is distinct from old.status
     and (old.status::text, new.status::text) not in (
       ('pending', 'sending'), ('pending', 'failed'),
       ('sending', 'sent'), ('sending', 'pending'), ('sending', 'failed'), ('sending', 'unconfirmed'),
       ('failed', 'pending'), ('unconfirmed', 'pending')) then
    raise exception using
      errcode = 'PT409',
      message = format('A mail cannot go from %s to %s (a sent mail is final, and failed or unconfirmed ones go back with admin.resend_mail).',
                       old.status, new.status),
      hint = 'mail_status_invalid';
  end if;
  if old.status in ('failed', 'unconfirmed') and new.status = 'pending' then
    perform private.write_audit('mail.resent', 'public.mail_outbox', new.id::text,
      jsonb_build_object('status', old.status, 'attempts', old.attempts, 'last_error', old.last_error, 'claimed_by', old.claimed_by),
      jsonb_build_object('status', new.status), coalesce(nullif(current_setting('app.audit_reason', true), ''), 'no reason given'));
  end if;
  return new;
end;
$$;

comment on function private.mail_outbox_before_update() is
  'Trigger: only the outbox protocol''s status changes (PT409 mail_status_invalid); resends audited as mail.resent.';

revoke execute on function private.mail_outbox_before_update() from public;

/** AFTER INSERT (per statement): wakes listening mailers (LISTEN mail_outbox) at commit. */
create function private.mail_outbox_notify()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform pg_catalog.pg_notify('mail_outbox', '');
  return null;
end;
$$;

comment on function private.mail_outbox_notify() is 'Trigger: NOTIFY mail_outbox after new mails, so mailers need not wait for their next poll.';

revoke execute on function private.mail_outbox_notify() from public;

/**
  * -------------------------------------------------------
  * Section - Views
  * -------------------------------------------------------
 */

create view admin.mail_problems
  with (security_invoker = true)
as
select o.id as mail_id, o.status, o.kind, o.user_id, u.email::text as member_email,
       coalesce(p.display_name, nullif(concat_ws(' ', p.first_name, p.last_name), '')) as member_name,
       o.attempts, o.last_error, o.claimed_by, o.claimed_at, o.created_at, o.updated_at,
       o.payload ->> 'event_name' as event_name
from public.mail_outbox o
left join auth.users u on u.id = o.user_id
left join public.profiles p on p.id = o.user_id
where o.status in ('failed', 'unconfirmed')
order by o.updated_at desc;

comment on view admin.mail_problems is
  'Mails that need an operator: failed (refused on the last attempt, or no email) and unconfirmed (the mailer stopped mid-send: may have gone out). Check, then select admin.resend_mail(mail_id, ''why'').';

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger mail_outbox_status_guard
  before update of status on public.mail_outbox
  for each row execute function private.mail_outbox_before_update();

create trigger mail_outbox_wake_mailers
  after insert on public.mail_outbox
  for each statement execute function private.mail_outbox_notify();
