// End to end, the way an operator works in Studio: `select public.request_password_reset(…)` as
// postgres writes an audited password_reset row to the outbox; the stack's own mailer hands it
// to Auth (POST /auth/v1/recover with the member's email and the anon key), Auth sends its own
// recovery mail (the mail viewer shows it, kind 'recovery'), and the row is marked sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '../../scripts/local-stack/api/mail.ts';
import { stackEnv } from '../support/stack-env.ts';
import { cleanUpEvents, createMembers, newTag, openPostgres } from './support/events-race.ts';
import { resumeStackMailer, waitFor } from './support/mailer.ts';

const env = stackEnv();
const tag = newTag('opreset');
const db = openPostgres();

async function inbox(to: string): Promise<MailMessage[]> {
  return (await fetch(`${env.MAIL_URL}/api/messages?to=${encodeURIComponent(to)}`)).json() as Promise<MailMessage[]>;
}

beforeAll(async () => {
  await db.connect();
  await resumeStackMailer();
});

afterAll(async () => {
  await cleanUpEvents(db, tag);
  await db.end();
});

describe('a password reset requested by an operator in Studio', () => {
  it('ends with Auth\'s recovery mail to the member, and the outbox row sent', { timeout: 30_000 }, async () => {
    const [memberId] = await createMembers(db, tag, 1);
    const { rows: [{ email }] } = await db.query<{ email: string }>('select email from auth.users where id = $1', [memberId]);
    await db.query(`update public.profiles set locale = 'ko' where id = $1`, [memberId]);

    const { rows: [{ mail_id }] } = await db.query<{ mail_id: string }>(
      'select public.request_password_reset($1, $2)::text as mail_id', [memberId, 'Forgot password; identity checked by phone']);
    const { rows: [audit] } = await db.query<{ actor_role: string; reason: string }>(
      `select actor_role, reason from public.audit_log where action = 'account.password_reset_requested' and target_id = $1`, [memberId]);
    expect(audit).toEqual({ actor_role: 'postgres', reason: 'Forgot password; identity checked by phone' });

    await waitFor(async () => (await inbox(email)).some((mail) => mail.kind === 'recovery'), 15_000, 'Auth\'s recovery mail in the viewer');
    await waitFor(async () => (await db.query(`select 1 from public.mail_outbox where id = $1 and status = 'sent'`, [mail_id])).rowCount === 1,
      5_000, 'the outbox row marked sent');
    await new Promise((r) => setTimeout(r, 500));

    const messages = await inbox(email);
    expect(messages.map((mail) => mail.kind)).toEqual(['recovery']);
    // Auth's own recovery link and code (its redirect lands on the reset page where Auth allows APP_URL).
    expect(messages[0].tokenHash).toBeTruthy();
    expect(messages[0].links.some((link) => link.includes('type=recovery'))).toBe(true);
  });
});
