// A crash between send and mark. A REAL mailer process (npm run mailer's entry) claims a mail
// and hands it to our SMTP server, which SIGKILLs the process right after it read the DATA and
// before it replies: the mail exists (the server has it), the row was never marked. A new mailer
// starts: the row is `unconfirmed` (settled after the lease) and the mail still exists exactly
// once, however long the new mailer runs; an operator resends it with admin.resend_mail.
//
// Teeth: a naive mailer process (claim, send and mark in one transaction) killed the same way
// rolls its claim back, and its restart sends the mail a second time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailer } from '../../mailer/mailer.ts';
import { testDatabaseUrl } from '../support/fixtures.ts';
import { stackEnv } from '../support/stack-env.ts';
import { newTag, openPostgres } from './support/events-race.ts';
import {
  cleanUpMembers, exited, outboxRows, pauseStackMailer, queueMails, resumeStackMailer, spawnMailer, startTestSmtp, waitFor,
} from './support/mailer.ts';

const tag = newTag('mailcrash');
const db = openPostgres();
const appUrl = stackEnv().APP_URL;

beforeAll(async () => {
  await db.connect();
  await pauseStackMailer();
});

afterAll(async () => {
  await cleanUpMembers(db, tag);
  await db.end();
  await resumeStackMailer();
});

describe('a mailer killed between handing a mail to SMTP and marking it', () => {
  it('leaves it unconfirmed, never sent twice', { timeout: 60_000 }, async () => {
    // Set once the child runs; the SMTP server's DATA handler kills it.
    const running: { child?: ReturnType<typeof spawnMailer> } = {};
    const smtp = await startTestSmtp((mail) => {
      if (mail.subject && running.child?.pid) running.child.kill('SIGKILL');
      return 'hang';
    });
    const { ids: [id] } = await queueMails(db, tag, 1);
    const child = (running.child = spawnMailer('mailer/main.ts', {
      DATABASE_URL: testDatabaseUrl(), SMTP_URL: smtp.url, APP_URL: appUrl, MAILER_NAME: `${tag}-child`, MAILER_POLL_MS: '100',
    }));
    await waitFor(() => smtp.received.length > 0, 20_000, 'the child to hand the mail over');
    await exited(child);
    expect(child.signalCode).toBe('SIGKILL');
    expect((await outboxRows(db, [id]))[0].status).toBe('sending');

    const restarted = startMailer({ databaseUrl: testDatabaseUrl(), smtpUrl: smtp.url, appUrl, name: `${tag}-restart`, pollMs: 50, leaseMs: 1_000, log: () => {} });
    await waitFor(async () => (await outboxRows(db, [id]))[0].status === 'unconfirmed', 10_000, 'the stale claim settled');
    await new Promise((r) => setTimeout(r, 1_000));
    await restarted.stop();
    await smtp.close();

    const [row] = await outboxRows(db, [id]);
    expect(row.status).toBe('unconfirmed');
    expect(row.last_error).toMatch(new RegExp(`^Claimed by ${tag}-child at .* never marked`));
    expect(smtp.received.filter((mail) => mail.messageId === `<outbox-${id}@${new URL(appUrl).hostname}>`)).toHaveLength(1);
    const { rows: problems } = await db.query('select status::text from admin.mail_problems where mail_id = $1', [id]);
    expect(problems).toEqual([{ status: 'unconfirmed' }]);

    // The operator checked: it did not arrive. Resent once, it goes out once more.
    const resend = await startTestSmtp();
    await db.query(`select admin.resend_mail($1, 'member says it never arrived')`, [id]);
    const again = startMailer({ databaseUrl: testDatabaseUrl(), smtpUrl: resend.url, appUrl, name: `${tag}-again`, pollMs: 50, log: () => {} });
    await waitFor(async () => (await outboxRows(db, [id]))[0].status === 'sent', 10_000, 'the resent mail sent');
    await again.stop();
    await resend.close();
    expect(resend.received.map((mail) => mail.messageId)).toEqual([`<outbox-${id}@${new URL(appUrl).hostname}>`]);
  });

  it('done naively (claim, send and mark in one transaction) the restart sends it again', { timeout: 60_000 }, async () => {
    // Set once the child runs; the SMTP server's DATA handler kills it.
    const running: { child?: ReturnType<typeof spawnMailer> } = {};
    let kills = 0;
    const smtp = await startTestSmtp(() => {
      if (kills === 0 && running.child?.pid) {
        kills += 1;
        running.child.kill('SIGKILL');
        return 'hang';
      }
      return 'accept';
    });
    const table = `${tag}_naive.outbox`;
    await db.query(`create schema ${tag}_naive; create table ${table} (id bigint primary key, email text not null, status text not null default 'pending')`);
    await db.query(`insert into ${table} (id, email) values (1, 'naive@mail.test')`);
    const env = { DATABASE_URL: testDatabaseUrl(), SMTP_URL: smtp.url, NAIVE_TABLE: table };
    const child = (running.child = spawnMailer('tests/integration/support/naive-mailer.ts', env));
    await waitFor(() => smtp.received.length > 0, 20_000, 'the naive child to hand the mail over');
    await exited(child);
    const restarted = spawnMailer('tests/integration/support/naive-mailer.ts', env);
    try {
      await waitFor(async () => (await db.query(`select 1 from ${table} where status = 'sent'`)).rowCount === 1, 20_000, 'the naive restart to mark it');
    } finally {
      restarted.kill('SIGKILL');
      await exited(restarted);
    }
    await smtp.close();
    expect(smtp.received.filter((mail) => mail.messageId === '<outbox-1@naive>')).toHaveLength(2);
  });
});
