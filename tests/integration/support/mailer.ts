// Shared by the mailer-*.test.ts files: members and outbox rows made as postgres, SMTP servers
// of the test's own (real smtp-server instances on 127.0.0.1, a free port each) that record what
// they received and can refuse, stall, or kill a process on DATA; the stack's own mailer paused
// while a test runs mailers of its own (the viewer's POST /api/mailer/pause); a REAL mailer
// child process (npm run mailer's entry, or the naive one in naive-mailer.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type pg from 'pg';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { projectRoot } from '../../../scripts/lib/profile.ts';
import { stackEnv } from '../../support/stack-env.ts';
import { createMembers } from './events-race.ts';

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  at: number;
}

export type DataAction = 'accept' | { reply: number; message: string } | 'hang';

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

/**
 * An SMTP server that records every message it read (before it replies) and then does what
 * `decide` says for that message: accept, reply with an error code, or never reply.
 */
export async function startTestSmtp(decide: (mail: ReceivedMail, index: number) => DataAction | Promise<DataAction> = () => 'accept',
  options: { delayMs?: number } = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], hideSTARTTLS: true, logger: false, closeTimeout: 200,
    onData(stream, session, callback) {
      void (async () => {
        const parsed = await simpleParser(await readAll(stream));
        const mail: ReceivedMail = {
          messageId: parsed.messageId ?? '', to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: parsed.subject ?? '', text: parsed.text ?? '', at: Date.now(),
        };
        received.push(mail);
        if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
        const action = await decide(mail, received.length - 1);
        if (action === 'hang') return;
        if (action === 'accept') callback();
        else callback(Object.assign(new Error(action.message), { responseCode: action.reply }));
      })();
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Keeps the stack's own mailer off the outbox while a test runs its own (no-op without one). */
export async function pauseStackMailer(): Promise<void> {
  await fetch(`${stackEnv().MAIL_URL}/api/mailer/pause`, { method: 'POST' });
}

export async function resumeStackMailer(): Promise<void> {
  await fetch(`${stackEnv().MAIL_URL}/api/mailer/resume`, { method: 'POST' });
}

/** `count` members and one approval mail each, written as the triggers write them. */
export async function queueMails(db: pg.Client, tag: string, count: number): Promise<{ ids: string[]; emails: string[] }> {
  const users = await createMembers(db, tag, count);
  const { rows } = await db.query<{ id: string; email: string }>(
    `select private.enqueue_mail('enrollment_approved', u.id,
              jsonb_build_object('event_name', 'Mailer test', 'event_slug', 'mailer-test', 'coupon_code', 'CODE-' || u.n))::text as id,
            (select email from auth.users where id = u.id) as email
       from unnest($1::uuid[]) with ordinality as u(id, n) order by u.n`,
    [users],
  );
  return { ids: rows.map((row) => row.id), emails: rows.map((row) => row.email) };
}

export async function outboxRows(db: pg.Client, ids: string[]): Promise<{ id: string; status: string; attempts: number; last_error: string | null }[]> {
  const { rows } = await db.query(
    'select id::text, status::text, attempts, last_error from public.mail_outbox where id = any($1::bigint[]) order by id', [ids]);
  return rows;
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function cleanUpMembers(db: pg.Client, tag: string): Promise<void> {
  await db.query('delete from auth.users where email like $1', [`${tag}-%`]);
  await db.query(`drop schema if exists ${tag}_naive cascade`);
}

/** A mailer in a process of its own: `mailer/main.ts` (npm run mailer) or the naive one. */
export function spawnMailer(script: 'mailer/main.ts' | 'tests/integration/support/naive-mailer.ts', env: Record<string, string>): ChildProcess {
  // node itself (with tsx's loader), not the tsx CLI: the CLI runs node as a child of its own,
  // which a SIGKILL of the CLI would leave running.
  return spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, script)], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}
