-- admin.mail_problems names the address each mail was written to (sent_to): an order mail's own
-- email_to (the checkout's address, a guest's included), else the account's email; member_email
-- stays the account's.
begin;
select plan(2);

select tests.clear_events();
select tests.create_supabase_user('problem-member', 'member@problems.test');
select tests.create_anonymous_user('problem-guest');

select private.enqueue_mail('order_placed', tests.get_supabase_uid('problem-guest'), '{"order_id":"g"}', 'guest.typed@problems.test');
select private.enqueue_mail('order_placed', tests.get_supabase_uid('problem-member'), '{"order_id":"m"}', 'typed.at.checkout@problems.test');
select private.enqueue_mail('enrollment_approved', tests.get_supabase_uid('problem-member'), '{"event_name":"E"}');

-- Each is refused on its only attempt, so each is failed.
select count(*) from private.claim_mail('problem-mailer', 10);
select private.finish_mail(o.id, 'problem-mailer', '550 5.1.1 no such user', interval '1 minute', 1)
  from public.mail_outbox o where o.claimed_by = 'problem-mailer';

select results_eq($$
    select coalesce(p.event_name, o.payload ->> 'order_id'), p.sent_to, p.member_email
      from admin.mail_problems p join public.mail_outbox o on o.id = p.mail_id
     where p.user_id in (tests.get_supabase_uid('problem-guest'), tests.get_supabase_uid('problem-member'))
     order by 1 $$,
  $$ values ('E', 'member@problems.test', 'member@problems.test'),
            ('g', 'guest.typed@problems.test', null),
            ('m', 'typed.at.checkout@problems.test', 'member@problems.test') $$,
  'sent_to is the address each failed mail was written to; member_email the account''s');
select is((select count(*)::int from admin.mail_problems where sent_to is null and user_id = tests.get_supabase_uid('problem-guest')), 0,
  'a guest''s failed order mail does not read as having no address');

select * from finish();
rollback;
