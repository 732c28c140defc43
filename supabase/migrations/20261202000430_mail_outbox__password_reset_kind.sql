-- =============================================================================================
-- A new mail kind, password_reset, in a file of its own: a value added to an enum cannot be
-- used in the transaction that adds it, so it lands before the migration that uses it (…0440).
-- The mailer does not render it: it asks Auth to send its own recovery mail (mailer/mailer.ts).
-- =============================================================================================

alter type public.mail_kind add value if not exists 'password_reset';

comment on type public.mail_kind is
  'Which template a mail uses: enrollment_approved (with the coupon code), enrollment_rejected (with the reason), enrollment_promoted (moved up from the waitlist to pending); password_reset: the mailer asks Auth (POST /auth/v1/recover) to send its recovery mail instead of sending one itself.';
