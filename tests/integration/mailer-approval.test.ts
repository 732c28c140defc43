// End to end, the way an operator works: an approval made by SQL as postgres (Studio's SQL
// editor or table editor) writes the outbox row in the same transaction; the stack's own
// mailer (npm run stack / npm test start one) sends it over SMTP to the mail viewer, exactly
// once, in the member's language (Thai here, the event's Thai name too), with the coupon code and links to the event and
// the member's enrollments page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '../../scripts/local-stack/api/mail.ts';
import { stackEnv } from '../support/stack-env.ts';
import { cleanUpEvents, createEvent, createMembers, newTag, openPostgres } from './support/events-race.ts';
import { resumeStackMailer, waitFor } from './support/mailer.ts';

const env = stackEnv();
const tag = newTag('mailapprove');
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

describe('an approval made in Studio', () => {
  it('mails the member once, in their language, with the coupon code', { timeout: 30_000 }, async () => {
    const [memberId] = await createMembers(db, tag, 1);
    const { rows: [{ email }] } = await db.query<{ email: string }>('select email from auth.users where id = $1', [memberId]);
    await db.query(`update public.profiles set locale = 'th' where id = $1`, [memberId]);
    const eventId = await createEvent(db, tag, 5);
    const { rows: [{ slug }] } = await db.query<{ slug: string }>('select slug from public.events where id = $1', [eventId]);
    // The event's Thai name and place replace the English ones the trigger wrote into the payload.
    const thaiName = `คืนทดสอบ ${tag}`;
    await db.query(`insert into public.event_translations (event_id, locale, name, location) values ($1, 'th', $2, 'ห้องทดสอบ กรุงเทพฯ')`,
      [eventId, thaiName]);
    const { rows: [enrollment] } = await db.query<{ id: string }>(
      'insert into public.enrollments (event_id, user_id) values ($1, $2) returning id', [eventId, memberId]);

    await db.query(`update public.enrollments set status = 'approved' where id = $1`, [enrollment.id]);

    const { rows: [{ code, mail_id }] } = await db.query<{ code: string; mail_id: string }>(
      `select c.code, (select id::text from public.mail_outbox o where o.user_id = c.user_id) as mail_id
         from public.coupons c where c.enrollment_id = $1`, [enrollment.id]);
    await waitFor(async () => (await inbox(email)).length > 0, 15_000, 'the approval mail in the viewer');
    await waitFor(async () => (await db.query(`select 1 from public.mail_outbox where id = $1 and status = 'sent'`, [mail_id])).rowCount === 1,
      5_000, 'the outbox row marked sent');
    await new Promise((r) => setTimeout(r, 500));

    const messages = await inbox(email);
    expect(messages).toHaveLength(1);
    const [mail] = messages;
    expect(mail.kind).toBe('enrollment_approved');
    expect(mail.messageId).toBe(`<outbox-${mail_id}@${new URL(env.APP_URL).hostname}>`);
    expect(mail.subject).toBe(`คุณได้รับการยืนยันแล้ว: ${thaiName}`);
    expect(mail.text).toContain('ห้องทดสอบ กรุงเทพฯ');
    expect(mail.text).toContain(`รหัสคูปองของคุณ: ${code}`);
    expect(mail.html).toContain(code);
    expect(mail.links).toEqual([`${env.APP_URL}/th/events/${slug}`, `${env.APP_URL}/th/account/events`]);
  });
});
