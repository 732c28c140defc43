// The mail viewer's SMTP side (as Mailpit is under `supabase start`): the mailer (mailer/), or
// anything else on this machine, sends here and the mail lands in the same MailBox the viewer
// shows and serves as JSON. 127.0.0.1 only, no auth, no TLS, a size limit; nothing is relayed.
// A mail addressed to several recipients is stored once per envelope recipient, as a mailbox
// per address would. A message that cannot be read gets an SMTP error; the server keeps serving.
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { MailBox } from './mail.ts';

/** Bigger than any mail the product sends (a few KB), small enough to keep the box in memory. */
export const SMTP_SIZE_LIMIT = 1024 * 1024;

class SmtpReplyError extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
  }
}

function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): string | undefined {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((object) => object.value).find((address) => address.address)?.address;
}

/** Every http(s) link in the text and the HTML's href attributes, first seen first, once each. */
export function extractLinks(text: string, html: string): string[] {
  const hrefs = [...html.matchAll(/href\s*=\s*"([^"]+)"/gi)].map((match) => match[1].replace(/&amp;/g, '&'));
  const bare = [...text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((match) => match[0]);
  return [...new Set([...hrefs, ...bare].filter((link) => /^https?:\/\//i.test(link)))];
}

async function storeMessage(mail: MailBox, raw: Buffer, session: SMTPServerSession): Promise<void> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
  if (recipients.length === 0) throw new SmtpReplyError('No recipients', 554);
  const text = parsed.text ?? '';
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  const header = parsed.headers.get('x-mail-kind');
  const messageId = parsed.messageId ?? undefined;
  const from = firstAddress(parsed.from) ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined);
  for (const to of recipients) {
    mail.send({
      to,
      from,
      subject: parsed.subject ?? '',
      kind: typeof header === 'string' && header.trim() ? header.trim().slice(0, 100) : 'smtp',
      text,
      html,
      links: extractLinks(text, html),
      messageId,
    });
  }
}

export function createSmtpServer(mail: MailBox, sizeLimit = SMTP_SIZE_LIMIT): SMTPServer {
  const server = new SMTPServer({
    name: 'local-mail-viewer',
    banner: 'Local mail viewer: nothing is relayed',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    size: sizeLimit,
    logger: false,
    maxClients: 100,
    socketTimeout: 30_000,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      readStream(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) throw new SmtpReplyError(`Message exceeds the size limit of ${sizeLimit} bytes`, 552);
          await storeMessage(mail, raw, session);
          callback();
        })
        .catch((error: unknown) => {
          callback(error instanceof SmtpReplyError ? error : new SmtpReplyError('Message could not be read', 554));
        });
    },
  });
  // A client that misbehaves (resets, garbage) must not take the stand-in down.
  server.on('error', () => {});
  return server;
}
