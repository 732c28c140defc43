// The naive mailer the crash test must break (run as a process of its own): claim, send and
// mark in ONE transaction, so a crash after the SMTP server took the mail rolls the claim back
// and the next start sends it again. Works on the test's throwaway table NAIVE_TABLE (id, email,
// status); sends to SMTP_URL with the same Message-ID scheme as the real mailer.
import nodemailer from 'nodemailer';
import pg from 'pg';

const table = process.env.NAIVE_TABLE!;
const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
const smtp = new URL(process.env.SMTP_URL!);
const transport = nodemailer.createTransport({ host: smtp.hostname, port: Number(smtp.port), secure: false });

await db.connect();
for (;;) {
  await db.query('begin');
  const { rows } = await db.query<{ id: string; email: string }>(
    `select id::text, email from ${table} where status = 'pending' order by id limit 1 for update skip locked`);
  if (rows.length > 0) {
    await transport.sendMail({ messageId: `<outbox-${rows[0].id}@naive>`, from: 'naive@localhost', to: rows[0].email, subject: 'naive', text: 'naive' });
    await db.query(`update ${table} set status = 'sent' where id = $1`, [rows[0].id]);
  }
  await db.query('commit');
  await new Promise((r) => setTimeout(r, 100));
}
