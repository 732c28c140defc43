-- The before-user-created hook refuses more than 8 KB of signup metadata with a readable 422,
-- for every kind of user, and still admits ordinary signups.
begin;
select plan(5);

select is(private.hook_before_user_created(jsonb_build_object('user', jsonb_build_object(
  'email', 'a@example.com', 'user_metadata', jsonb_build_object('first_name', 'Ann')))),
  '{}'::jsonb, 'ordinary metadata passes');

select is(private.hook_before_user_created(jsonb_build_object('user', jsonb_build_object(
  'email', 'a@example.com', 'user_metadata', jsonb_build_object('first_name', repeat('x', 8000))))),
  '{}'::jsonb, 'just under 8 KB passes');

select is(private.hook_before_user_created(jsonb_build_object('user', jsonb_build_object(
  'email', 'a@example.com', 'user_metadata', jsonb_build_object('first_name', repeat('x', 9000))))),
  '{"error": {"http_code": 422, "message": "Your sign-up details are too large (at most 8 KB)."}}'::jsonb,
  'more than 8 KB is refused with a readable 422');

select is(private.hook_before_user_created(jsonb_build_object('user', jsonb_build_object(
  'is_anonymous', true, 'user_metadata', jsonb_build_object('note', repeat('x', 9000))))) -> 'error' ->> 'http_code',
  '422', 'guests are capped too');

select is(private.hook_before_user_created(jsonb_build_object('user', jsonb_build_object(
  'email', 'a@example.com', 'app_metadata', jsonb_build_object('invite_exempt', true),
  'user_metadata', jsonb_build_object('note', repeat('é', 5000))))) -> 'error' ->> 'http_code',
  '422', 'the cap counts bytes, and exempt users are capped too');

select * from finish();
rollback;
