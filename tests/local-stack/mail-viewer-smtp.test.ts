// The mail viewer's SMTP server (scripts/local-stack/api/smtp.ts): what nodemailer sends shows
// up in the viewer's JSON API (to, subject, text, html, links, kind, Message-ID); garbage and an
// oversized message get an SMTP error, and the server keeps serving afterwards.
import crypto from 'node:crypto';
import net from 'node:net';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import type { MailMessage } from '../../scripts/local-stack/api/mail.ts';
import { SMTP_SIZE_LIMIT } from '../../scripts/local-stack/api/smtp.ts';
import { stackEnv } from '../support/stack-env.ts';

const env = stackEnv();
const smtp = new URL(env.SMTP_URL);
const transport = nodemailer.createTransport({ host: smtp.hostname, port: Number(smtp.port), secure: false });

async function messagesTo(to: string): Promise<MailMessage[]> {
  return (await fetch(`${env.MAIL_URL}/api/messages?to=${encodeURIComponent(to)}`)).json() as Promise<MailMessage[]>;
}

async function sendOne(to: string): Promise<void> {
  await transport.sendMail({ from: 'probe@viewer.test', to, subject: 'still serving', text: 'ok' });
}

/** Talks raw SMTP: sends each line, returns every reply line the server wrote. */
function rawSession(lines: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(smtp.port), smtp.hostname);
    let replies = '';
    socket.on('data', (chunk) => (replies += chunk.toString()));
    socket.once('error', reject);
    // Speak after the greeting (a client that talks first is refused with 421).
    socket.once('data', async () => {
      for (const line of lines) {
        socket.write(`${line}\r\n`);
        await new Promise((r) => setTimeout(r, 50));
      }
      setTimeout(() => socket.end(), 200);
    });
    socket.once('close', () => resolve(replies));
  });
}

describe('the mail viewer over SMTP', () => {
  it('shows what nodemailer sends, with its links, kind and Message-ID', async () => {
    const to = `smtp-${crypto.randomBytes(4).toString('hex')}@viewer.test`;
    const messageId = `<probe-${crypto.randomUUID()}@viewer.test>`;
    await transport.sendMail({
      from: 'Audio Store <no-reply@localhost>', to, subject: 'Über <test>', messageId,
      text: 'Open http://localhost:3000/en/events/jazz now', html: '<p><a href="http://localhost:3000/en/account/events">Yours</a></p>',
      headers: { 'X-Mail-Kind': 'enrollment_approved' },
    });
    const [message] = await messagesTo(to);
    expect(message).toMatchObject({
      to, from: 'no-reply@localhost', subject: 'Über <test>', kind: 'enrollment_approved', messageId,
      text: 'Open http://localhost:3000/en/events/jazz now',
    });
    expect(message.html).toContain('<a href="http://localhost:3000/en/account/events">');
    expect(message.links).toEqual(['http://localhost:3000/en/account/events', 'http://localhost:3000/en/events/jazz']);
  });

  it('answers garbage with SMTP errors and keeps serving', async () => {
    const replies = await rawSession(['HELO x', '\u0000\u00ff garbage', 'RCPT TO:<nobody@x>', 'DATA', 'AUTH PLAIN AGFhAGI=', 'QUIT']);
    expect(replies).toMatch(/^220 /m);
    expect(replies).toMatch(/^50\d /m);
    const to = `after-garbage-${crypto.randomBytes(4).toString('hex')}@viewer.test`;
    await sendOne(to);
    expect(await messagesTo(to)).toHaveLength(1);
  });

  it('refuses an oversized message with 552 and keeps serving', async () => {
    const to = `big-${crypto.randomBytes(4).toString('hex')}@viewer.test`;
    const error = await transport
      .sendMail({ from: 'probe@viewer.test', to, subject: 'big', text: 'x'.repeat(SMTP_SIZE_LIMIT + 1000) })
      .then(() => null, (caught: { responseCode?: number }) => caught);
    expect(error?.responseCode).toBe(552);
    expect(await messagesTo(to)).toEqual([]);
    await sendOne(to);
    expect(await messagesTo(to)).toHaveLength(1);
  });
});
