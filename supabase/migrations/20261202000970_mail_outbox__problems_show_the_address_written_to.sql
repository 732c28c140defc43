-- =============================================================================================
-- admin.mail_problems also says where each mail went: `sent_to`, the row's own email_to when it
-- has one (order mails go to the address typed at checkout, …0610; a guest has no account
-- email), else the account's email, as private.claim_mail hands it to the mailer. Before, the
-- view showed only the account's email, so a failed order mail to a guest read as "no email"
-- and one to a typed address showed an address it was never sent to. The new column comes last
-- (a replaced view keeps its columns in order); member_email stays the account's email.
-- =============================================================================================

create or replace view admin.mail_problems
  with (security_invoker = true)
as
select o.id as mail_id, o.status, o.kind, o.user_id, u.email::text as member_email,
       coalesce(p.display_name, nullif(concat_ws(' ', p.first_name, p.last_name), '')) as member_name,
       o.attempts, o.last_error, o.claimed_by, o.claimed_at, o.created_at, o.updated_at,
       o.payload ->> 'event_name' as event_name,
       coalesce(o.email_to, u.email::text) as sent_to
from public.mail_outbox o
left join auth.users u on u.id = o.user_id
left join public.profiles p on p.id = o.user_id
where o.status in ('failed', 'unconfirmed')
order by o.updated_at desc;

comment on view admin.mail_problems is
  'Mails that need an operator: failed (refused on the last attempt, or no email) and unconfirmed (the mailer stopped mid-send: may have gone out). sent_to is the address the mail was written to (the checkout''s for order mails), member_email the account''s. Check, then select admin.resend_mail(mail_id, ''why'').';
