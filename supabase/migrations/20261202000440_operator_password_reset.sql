-- =============================================================================================
-- A password-reset mail for a member, requested by an operator (issue #15, seeds/002 scenario 1).
-- A database function cannot call Auth over HTTP, so the request is a row in the mail outbox
-- (kind password_reset, …0430) written with its audit row in one transaction; the mailer hands
-- it to Auth (POST /auth/v1/recover with the member's email, as the member's own "forgot
-- password" would), Auth sends its recovery mail, and the row follows the outbox protocol
-- (…0110): sent when Auth answers 200, back to pending with backoff when it refuses.
--
--   rpc('request_password_reset', { user_id, reason })   returns the mail_outbox id
-- Nobody ever sees or sets a password: the member chooses the new one from Auth's link.
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * request_password_reset, privileged half. A request already waiting (pending or sending) for
 * the member is returned instead of a second one, so a double click sends one mail. Security
 * definer: it reads auth.users and writes mail_outbox and audit_log.
 */
create function private.request_password_reset(user_id uuid, reason text)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  why text;
  member auth.users;
  mail_id bigint;
begin
  if not private.is_operator() then
    raise exception using errcode = 'PT403', message = 'Only an admin can do that.', hint = 'admin_only';
  end if;
  why := private.required_reason(request_password_reset.reason);
  select u.* into member from auth.users u where u.id = request_password_reset.user_id for update;
  if member.id is null then
    raise exception using errcode = 'PT404', message = 'No account has that id.', hint = 'account_not_found';
  end if;
  if coalesce(member.is_anonymous, false) or nullif(btrim(coalesce(member.email, '')), '') is null then
    raise exception using
      errcode = 'PT409',
      message = 'This account has no email address, so no reset mail can be sent: it signs in another way.',
      hint = 'no_email';
  end if;
  select o.id into mail_id from public.mail_outbox o
   where o.user_id = member.id and o.kind = 'password_reset' and o.status in ('pending', 'sending')
   order by o.id desc limit 1;
  if mail_id is not null then
    return mail_id;
  end if;
  mail_id := private.enqueue_mail('password_reset', member.id, '{}'::jsonb);
  perform private.write_audit('account.password_reset_requested', 'auth.users', member.id::text, null,
    jsonb_build_object('mail_id', mail_id), why);
  return mail_id;
end;
$$;

comment on function private.request_password_reset(uuid, text) is 'Privileged half of public.request_password_reset.';

revoke execute on function private.request_password_reset(uuid, text) from public;
grant execute on function private.request_password_reset(uuid, text) to authenticated, service_role;

/**
 * rpc('request_password_reset', { user_id, reason }): Auth mails the member a recovery link.
 * Errors: PT403 admin_only, PT422 reason_required, PT404 account_not_found, PT409 no_email.
 */
create function public.request_password_reset(user_id uuid, reason text)
returns bigint
language sql
security invoker
set search_path = ''
as $$
  select private.request_password_reset(request_password_reset.user_id, request_password_reset.reason);
$$;

comment on function public.request_password_reset(uuid, text) is
  'Admins: have Auth send a member its password-recovery mail (through the mail outbox); audited. Returns the mail id.';

revoke execute on function public.request_password_reset(uuid, text) from public;
grant execute on function public.request_password_reset(uuid, text) to authenticated, service_role;
