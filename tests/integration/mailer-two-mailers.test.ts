// Two mailers on one outbox of 60 mails, polling fast with small batches: every mail is sent
// exactly once (each outbox row's Message-ID arrives once, all rows end sent), because a claim
// is FOR UPDATE SKIP LOCKED and committed as `sending` before the SMTP.
//
// Teeth: the same two mailers done naively (select pending rows without a claim, send, mark
// sent; on a throwaway table) send some mails twice.
import nodemailer from 'nodemailer';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailer } from '../../mailer/mailer.ts';
import { testDatabaseUrl } from '../support/fixtures.ts';
import { stackEnv } from '../support/stack-env.ts';
import { newTag, openPostgres } from './support/events-race.ts';
import {
  cleanUpMembers, outboxRows, pauseStackMailer, queueMails, resumeStackMailer, startTestSmtp, waitFor, type ReceivedMail,
} from './support/mailer.ts';

const count = 60;
const tag = newTag('mailtwo');
const db = openPostgres();

function duplicates(received: ReceivedMail[]): string[] {
  const seen = new Map<string, number>();
  for (const mail of received) seen.set(mail.messageId, (seen.get(mail.messageId) ?? 0) + 1);
  return [...seen].filter(([, times]) => times > 1).map(([id]) => id);
}

beforeAll(async () => {
  await db.connect();
  await pauseStackMailer();
});

afterAll(async () => {
  await cleanUpMembers(db, tag);
  await db.end();
  await resumeStackMailer();
});

describe('two mailers on one outbox', () => {
  it(`send each of ${count} mails exactly once`, { timeout: 60_000 }, async () => {
    const smtp = await startTestSmtp(() => 'accept', { delayMs: 5 });
    const { ids, emails } = await queueMails(db, tag, count);
    const options = { databaseUrl: testDatabaseUrl(), smtpUrl: smtp.url, appUrl: stackEnv().APP_URL, batch: 3, pollMs: 10, log: () => {} };
    const mailers = [startMailer({ ...options, name: `${tag}-a` }), startMailer({ ...options, name: `${tag}-b` })];
    await waitFor(async () => (await outboxRows(db, ids)).every((row) => row.status === 'sent'), 40_000, 'every row sent');
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all(mailers.map((mailer) => mailer.stop()));
    await smtp.close();

    const ours = smtp.received.filter((mail) => emails.includes(mail.to));
    expect(duplicates(ours)).toEqual([]);
    expect(new Set(ours.map((mail) => mail.messageId))).toEqual(new Set(ids.map((id) => `<outbox-${id}@${new URL(stackEnv().APP_URL).hostname}>`)));
    const { rows } = await db.query<{ claimed_by: string; n: number }>(
      'select claimed_by, count(*)::int as n from public.mail_outbox where id = any($1::bigint[]) group by 1 order by 1', [ids]);
    // Both took part (otherwise this proves nothing about two mailers).
    expect(rows.map((row) => row.claimed_by)).toEqual([`${tag}-a`, `${tag}-b`]);
  });

  it('done naively (no claim, no SKIP LOCKED) send some mails twice', { timeout: 60_000 }, async () => {
    const smtp = await startTestSmtp(() => 'accept', { delayMs: 5 });
    const table = `${tag}_naive.outbox`;
    await db.query(`create schema ${tag}_naive; create table ${table} (id bigint primary key, email text not null, status text not null default 'pending')`);
    await db.query(`insert into ${table} (id, email) select n, 'naive' || n || '@mail.test' from generate_series(1, ${count}) n`);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: Number(new URL(smtp.url).port), secure: false, pool: false });
    const naiveMailer = async () => {
      const client = new pg.Client({ connectionString: testDatabaseUrl() });
      await client.connect();
      for (;;) {
        const { rows } = await client.query<{ id: string; email: string }>(`select id::text, email from ${table} where status = 'pending' order by id limit 3`);
        if (rows.length === 0) break;
        for (const row of rows) {
          await transport.sendMail({ messageId: `<naive-${row.id}@mail.test>`, from: 'n@mail.test', to: row.email, subject: 'n', text: 'n' });
          await client.query(`update ${table} set status = 'sent' where id = $1`, [row.id]);
        }
      }
      await client.end();
    };
    await Promise.all([naiveMailer(), naiveMailer()]);
    await smtp.close();
    expect(duplicates(smtp.received).length).toBeGreaterThan(0);
  });
});
