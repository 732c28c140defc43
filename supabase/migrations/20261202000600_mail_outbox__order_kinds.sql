-- =============================================================================================
-- Three new mail kinds for orders, in a file of their own: a value added to an enum cannot be
-- used in the transaction that adds it, so they land before the migration that uses them (…0610).
-- =============================================================================================

alter type public.mail_kind add value if not exists 'order_placed';
alter type public.mail_kind add value if not exists 'order_cancelled';
alter type public.mail_kind add value if not exists 'order_shipped';

comment on type public.mail_kind is
  'Which template a mail uses: enrollment_approved (with the coupon code), enrollment_rejected (with the reason), enrollment_promoted (moved up from the waitlist to pending); password_reset: the mailer asks Auth (POST /auth/v1/recover) to send its recovery mail instead of sending one itself; order_placed, order_cancelled (with the reason), order_shipped (with the tracking note): to the address given at checkout, with the order number, items, totals and a link to the order.';
