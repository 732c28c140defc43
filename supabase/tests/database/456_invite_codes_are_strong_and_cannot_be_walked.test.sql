-- Generated invite codes carry 65 random bits; check_invitation stops answering a caller who
-- tried 10 unknown codes this minute (PT429), while real codes still answer.
begin;
select plan(7);

insert into public.invitations (max_uses) values (1), (1);
select ok((select bool_and(code ~ '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$') from public.invitations where max_uses = 1),
  'a code left empty is generated as XXXX-XXXX-XXXXX in Crockford base32');
select isnt((select min(code) from public.invitations where max_uses = 1), (select max(code) from public.invitations where max_uses = 1),
  'two generated codes differ');
select is((select count(distinct private.generate_invitation_code())::int from generate_series(1, 2000)), 2000,
  '2000 generated codes are all different');

insert into public.invitations (code) values ('REAL-CODE-456');
select set_config('request.headers', '{"x-forwarded-for": "198.51.100.7, 10.0.0.1"}', true);
select tests.authenticate_as_anon();
select is((select count(*)::int from generate_series(1, 10) g where not (public.check_invitation('WALK-' || g)).valid), 10,
  'ten unknown codes are answered');
select throws_ok($$ select public.check_invitation('WALK-11') $$, 'PT429', 'Too many invite code checks. Wait a minute and try again.',
  'the eleventh unknown code this minute is refused');
select is(public.check_invitation('real-code-456'), row(true, null)::public.invitation_check, 'a real code still answers');
select set_config('request.headers', '{"x-forwarded-for": "203.0.113.9"}', true);
select is((public.check_invitation('WALK-12')).reason, 'not_found', 'another caller has their own budget');

select * from finish();
rollback;
