// Retry with backoff: an SMTP server that answers 451 (try later) twice, then accepts. The mail
// goes out on the third attempt, the waits grow (backoff × 2^(attempts-1): 400 ms, then 800 ms,
// with a short base so the test takes seconds), and the row ends sent with three attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailer } from '../../mailer/mailer.ts';
import { testDatabaseUrl } from '../support/fixtures.ts';
import { stackEnv } from '../support/stack-env.ts';
import { newTag, openPostgres } from './support/events-race.ts';
import { cleanUpMembers, outboxRows, pauseStackMailer, queueMails, resumeStackMailer, startTestSmtp, waitFor } from './support/mailer.ts';

const tag = newTag('mailretry');
const db = openPostgres();
const backoffMs = 400;

beforeAll(async () => {
  await db.connect();
  await pauseStackMailer();
});

afterAll(async () => {
  await cleanUpMembers(db, tag);
  await db.end();
  await resumeStackMailer();
});

describe('an SMTP server that says "try later" twice', () => {
  it('gets the mail on the third attempt, after growing waits', { timeout: 30_000 }, async () => {
    const smtp = await startTestSmtp((_mail, index) => (index < 2 ? { reply: 451, message: '4.3.0 Try again later' } : 'accept'));
    const { ids: [id] } = await queueMails(db, tag, 1);
    const waits: number[] = [];
    const mailer = startMailer({ databaseUrl: testDatabaseUrl(), smtpUrl: smtp.url, appUrl: stackEnv().APP_URL, name: `${tag}-m`, pollMs: 20, backoffMs, log: () => {} });
    await waitFor(async () => {
      const { rows: [row] } = await db.query<{ status: string; attempts: number; wait_ms: number }>(
        `select status::text, attempts, (extract(epoch from next_attempt_at - updated_at) * 1000)::int as wait_ms
           from public.mail_outbox where id = $1`, [id]);
      if (row.status === 'pending' && row.attempts > 0 && waits.length < row.attempts) waits.push(row.wait_ms);
      return row.status === 'sent';
    }, 20_000, 'the mail sent');
    await mailer.stop();
    await smtp.close();

    const [row] = await outboxRows(db, [id]);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(waits).toEqual([backoffMs, 2 * backoffMs]);
    expect(smtp.received).toHaveLength(3);
    const gaps = [smtp.received[1].at - smtp.received[0].at, smtp.received[2].at - smtp.received[1].at];
    expect(gaps[0]).toBeGreaterThanOrEqual(backoffMs - 50);
    expect(gaps[1]).toBeGreaterThanOrEqual(2 * backoffMs - 50);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
  });
});
