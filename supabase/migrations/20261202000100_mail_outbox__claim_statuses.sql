-- =============================================================================================
-- Mail outbox: the two statuses of the at-most-once claim (docs/decisions/011-mail-at-most-once.md).
-- `alter type … add value` cannot be used in the transaction that adds it, so the values come in
-- a file of their own, before 20261202000110_mail_outbox__claims.sql which uses them.
--   sending      claimed by a mailer (committed before any SMTP), not yet marked
--   unconfirmed  a claim older than the lease: the mailer died between handing the mail to SMTP
--                and marking it, so it may have gone out; never resent without an operator
-- =============================================================================================

alter type public.mail_status add value if not exists 'sending' after 'pending';
alter type public.mail_status add value if not exists 'unconfirmed' after 'failed';
