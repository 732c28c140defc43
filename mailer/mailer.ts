// The mailer: claims due outbox mails (committed before any SMTP), renders each in the member's
// language, sends it with a stable Message-ID per outbox row, and records the outcome. Wakes on
// NOTIFY mail_outbox (the outbox's insert trigger) and polls as well; settles stale claims
// (→ unconfirmed) on start and periodically; backs off while the database is unreachable.
// stop() finishes the mail in hand, hands the rest of its batch back (certainly unsent), and
// closes its connections. The protocol: docs/mail.md, docs/decisions/011-mail-at-most-once.md.
import os from 'node:os';
import pg from 'pg';
import { claimMail, finishMail, settleStaleMail, type ClaimedMail } from './outbox.ts';
import { requestRecovery } from './recovery.ts';
import { renderMail } from './render.ts';
import { createTransport, type MailTransport } from './transport.ts';

export interface MailerOptions {
  databaseUrl: string;
  smtpUrl: string;
  appUrl: string;
  /** Auth's base URL and the anon (publishable) key: password_reset mails are Auth's recovery mails. */
  supabaseUrl?: string;
  supabaseAnonKey?: string;
  /** From header; default `Audio Store <no-reply@<APP_URL host>>`. */
  from?: string;
  /** This mailer's name in claimed_by; default host-pid-random. */
  name?: string;
  batch?: number;
  pollMs?: number;
  /** A claim older than this is settled as unconfirmed (default 10 minutes: far above any send). */
  leaseMs?: number;
  /** Backoff after an SMTP refusal: backoffMs × 2^(attempts-1), at most a day (default 1 minute). */
  backoffMs?: number;
  maxAttempts?: number;
  timeZone?: string;
  /** SMTP timeouts (connect, greeting, socket). */
  smtpTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface RunningMailer {
  readonly name: string;
  /** Stops claiming (after the mail in hand); resume() starts again. For the local stack's tests. */
  pause(): Promise<void>;
  resume(): void;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function messageIdFor(mailId: string, appUrl: string): string {
  const host = new URL(appUrl).hostname || 'localhost';
  return `<outbox-${mailId}@${host}>`;
}

export function startMailer(options: MailerOptions): RunningMailer {
  const name = options.name ?? `${os.hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const batch = options.batch ?? 10;
  const pollMs = options.pollMs ?? 5_000;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const backoffMs = options.backoffMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const from = options.from ?? `Audio Store <no-reply@${new URL(options.appUrl).hostname || 'localhost'}>`;
  const log = options.log ?? ((message: string) => console.log(`[mailer] ${message}`));
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2, application_name: `mailer ${name}` });
  pool.on('error', (error) => log(`database connection lost: ${error.message}`));
  const transport: MailTransport = createTransport(options.smtpUrl, { timeoutMs: options.smtpTimeoutMs });

  let stopping = false;
  let paused = false;
  let wake: (() => void) | undefined;
  let listener: pg.Client | undefined;
  let lastSettle = 0;
  const wakeUp = () => wake?.();

  async function listen(): Promise<void> {
    if (listener || stopping) return;
    const client = new pg.Client({ connectionString: options.databaseUrl, application_name: `mailer ${name} listen` });
    client.on('notification', wakeUp);
    client.on('error', () => {
      listener = undefined;
      void client.end().catch(() => {});
    });
    try {
      await client.connect();
      await client.query('listen mail_outbox');
      listener = client;
    } catch {
      await client.end().catch(() => {});
    }
  }

  async function sendOne(mail: ClaimedMail): Promise<void> {
    let smtpError: string | null;
    if (mail.kind === 'password_reset') {
      // Auth sends this one (its own recovery mail); a refusal retries with the same backoff.
      const result = await requestRecovery(mail.email, mail.locale, {
        supabaseUrl: options.supabaseUrl, supabaseAnonKey: options.supabaseAnonKey, appUrl: options.appUrl, timeoutMs: options.smtpTimeoutMs,
      });
      if (!result.ok && !result.refused) {
        log(`mail ${mail.id}: outcome unknown (${result.error}); left for the lease to settle as unconfirmed`);
        return;
      }
      smtpError = result.ok ? null : result.error;
      const outcome = await finishMail(pool, { id: mail.id, mailer: name, smtpError, backoffMs, maxAttempts });
      if (smtpError) log(`mail ${mail.id} (attempt ${mail.attempts}) refused: ${smtpError} → ${outcome}`);
      return;
    }
    try {
      const rendered = renderMail(mail, { appUrl: options.appUrl, timeZone: options.timeZone });
      const result = await transport.send({
        messageId: messageIdFor(mail.id, options.appUrl), from, to: mail.email, kind: mail.kind, ...rendered,
      });
      if (!result.ok && !result.refused) {
        // Nobody knows whether it went out: leave it `sending`; the lease settles it as unconfirmed.
        log(`mail ${mail.id}: outcome unknown (${result.error}); left for the lease to settle as unconfirmed`);
        return;
      }
      smtpError = result.ok ? null : result.error;
    } catch (error) {
      // Rendering failed: nothing was sent.
      smtpError = `render: ${error instanceof Error ? error.message : String(error)}`;
    }
    const outcome = await finishMail(pool, { id: mail.id, mailer: name, smtpError, backoffMs, maxAttempts });
    if (smtpError) log(`mail ${mail.id} (attempt ${mail.attempts}) refused: ${smtpError} → ${outcome}`);
  }

  /** One round: settle if due, claim a batch, send it. Returns how many it claimed. */
  async function round(): Promise<number> {
    if (Date.now() - lastSettle >= Math.min(leaseMs, 60_000)) {
      const settled = await settleStaleMail(pool, leaseMs);
      if (settled > 0) log(`${settled} stale claim(s) settled as unconfirmed (see admin.mail_problems)`);
      lastSettle = Date.now();
    }
    const mails = await claimMail(pool, name, batch);
    for (let index = 0; index < mails.length; index += 1) {
      if (stopping || paused) {
        // Certainly not sent: hand the rest back for the next round (counts as an attempt).
        for (const rest of mails.slice(index)) {
          await finishMail(pool, { id: rest.id, mailer: name, smtpError: 'Not sent: the mailer stopped before sending it.', backoffMs: 0, maxAttempts });
        }
        break;
      }
      await sendOne(mails[index]);
    }
    return mails.length;
  }

  let errorDelay = 0;
  const loop = (async () => {
    while (!stopping) {
      if (paused) {
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = undefined;
        continue;
      }
      let claimed = 0;
      try {
        await listen();
        claimed = await round();
        errorDelay = 0;
      } catch (error) {
        errorDelay = Math.min(errorDelay ? errorDelay * 2 : 500, 30_000);
        log(`${error instanceof Error ? error.message : String(error)}; retrying in ${errorDelay} ms`);
      }
      if (stopping) break;
      if (claimed >= batch && errorDelay === 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, errorDelay || pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();

  return {
    name,
    async pause() {
      paused = true;
      // Wait until the loop is idle (not inside a round).
      while (wake === undefined && !stopping) await sleep(20);
    },
    resume() {
      paused = false;
      wakeUp();
    },
    async stop() {
      if (stopping) return loop;
      stopping = true;
      wakeUp();
      await loop;
      transport.close();
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}
