-- =============================================================================================
-- Mail outbox (DESIGN §1): the one path of every mail the product sends about a fact it made.
-- The transaction that makes the fact (an enrollment approved, rejected, moved up from the
-- waitlist, …) inserts a row here through private.enqueue_mail(), so a mail exists exactly when
-- its fact committed, whoever caused it (an RPC, a trigger, an operator in Studio). A mailer
-- (next issue) claims pending rows with `FOR UPDATE SKIP LOCKED`, renders the template of
-- `kind` in `locale`, sends it over SMTP, and marks it sent in the same transaction as the
-- claim, retrying with backoff through attempts / next_attempt_at; a sent row is never sent again.
--
-- The recipient is a user, not an address: the mailer reads the current email from auth.users
-- when it sends, so a changed address is honoured and the outbox holds no copy of it. The
-- language is copied from profiles.locale when the row is written ('en' when the member never
-- chose one), so a mail speaks the language the member had when the fact happened.
-- Deleting the account deletes its unsent and sent rows (personal data).
--
-- Who may do what: admins read it through the API (support: "did the mail go out?"); nobody
-- writes it through the API; the service role (the mailer, scripts) reads and updates it.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Types
  * -------------------------------------------------------
 */

create type public.mail_kind as enum ('enrollment_approved', 'enrollment_rejected', 'enrollment_promoted');
comment on type public.mail_kind is
  'Which template a mail uses: enrollment_approved (with the coupon code), enrollment_rejected (with the reason), enrollment_promoted (moved up from the waitlist to pending).';

create type public.mail_status as enum ('pending', 'sent', 'failed');
comment on type public.mail_status is
  'pending: to be sent (at or after next_attempt_at); sent: delivered to the SMTP server, never again; failed: the mailer gave up after its last attempt.';

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

create table public.mail_outbox (
  id bigint generated always as identity primary key,
  kind public.mail_kind not null,
  user_id uuid not null references auth.users (id) on update cascade on delete cascade,
  locale public.locale not null default 'en',
  payload jsonb not null default '{}'::jsonb
    constraint mail_outbox_payload_object check (jsonb_typeof(payload) = 'object' and pg_column_size(payload) <= 8192),
  status public.mail_status not null default 'pending',
  attempts integer not null default 0 constraint mail_outbox_attempts_check check (attempts between 0 and 100),
  next_attempt_at timestamptz not null default now(),
  last_error text constraint mail_outbox_last_error_length check (char_length(last_error) <= 2000),
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint mail_outbox_sent_has_sent_at check ((status = 'sent') = (sent_at is not null))
);

comment on table public.mail_outbox is
  'Mails to send, written in the transaction of the fact they tell (enrollment approved, rejected, moved up). The mailer claims pending rows with FOR UPDATE SKIP LOCKED and marks them sent; admins read it.';
comment on column public.mail_outbox.id is 'Order of writing; the mailer sends oldest first.';
comment on column public.mail_outbox.kind is 'The template (see the type''s comment).';
comment on column public.mail_outbox.user_id is 'The member the mail is for; the mailer reads their current email from auth.users when it sends. Deleting the account deletes the row.';
comment on column public.mail_outbox.locale is 'The language to write it in: the member''s profiles.locale when the row was written, en when they never chose one.';
comment on column public.mail_outbox.payload is
  'What the template fills in (JSON object, at most 8 KB), e.g. event_id, event_name, starts_at, location, enrollment_id, coupon_code, reason.';
comment on column public.mail_outbox.status is 'pending, sent or failed (see the type''s comment).';
comment on column public.mail_outbox.attempts is 'How many times the mailer tried to send it.';
comment on column public.mail_outbox.next_attempt_at is 'Not before this time: the mailer''s backoff after a failed attempt.';
comment on column public.mail_outbox.last_error is 'What the SMTP server or the renderer said on the last failed attempt.';
comment on column public.mail_outbox.sent_at is 'When the SMTP server accepted it; set exactly when status is sent.';
comment on column public.mail_outbox.created_at is 'When the fact happened (the transaction that wrote the row).';
comment on column public.mail_outbox.updated_at is 'Last change (a claim, an attempt); maintained by a trigger.';

/**
  * -------------------------------------------------------
  * Section - Indexes
  * -------------------------------------------------------
 */

create index mail_outbox_pending_idx on public.mail_outbox (next_attempt_at, id) where status = 'pending';
create index mail_outbox_user_id_idx on public.mail_outbox (user_id);

/**
  * -------------------------------------------------------
  * Section - Row level security
  * -------------------------------------------------------
 */

alter table public.mail_outbox enable row level security;

create policy "Admins read the mail outbox"
  on public.mail_outbox for select
  to authenticated
  using ((select private.is_admin()));

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * Writes one mail for a member in their language (profiles.locale, else en). Called by the
 * definer trigger functions of the domains whose facts members hear about, in the transaction
 * of the fact. Security definer because no API role may insert into mail_outbox; not granted
 * to any API role.
 */
create function private.enqueue_mail(kind public.mail_kind, user_id uuid, payload jsonb)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_id bigint;
begin
  insert into public.mail_outbox (kind, user_id, locale, payload)
  select enqueue_mail.kind, enqueue_mail.user_id, coalesce(p.locale, 'en'), coalesce(enqueue_mail.payload, '{}'::jsonb)
    from (select 1) as one
    left join public.profiles p on p.id = enqueue_mail.user_id
  returning id into new_id;
  return new_id;
end;
$$;

comment on function private.enqueue_mail(public.mail_kind, uuid, jsonb) is
  'Appends a pending mail for a member in their profiles.locale (en when unset). Called by definer trigger functions in the transaction of the fact.';

revoke execute on function private.enqueue_mail(public.mail_kind, uuid, jsonb) from public;

/**
  * -------------------------------------------------------
  * Section - Grants
  * -------------------------------------------------------
 */

revoke all on public.mail_outbox from anon, authenticated, service_role;
grant select on public.mail_outbox to authenticated;
grant select, update on public.mail_outbox to service_role;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger mail_outbox_touch_updated_at
  before update on public.mail_outbox
  for each row execute function private.touch_updated_at();
