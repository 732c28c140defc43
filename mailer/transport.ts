// Sending over SMTP with nodemailer, and telling a refusal that proves nothing went out (the
// server answered with an error, or no connection was made) from an outcome nobody knows (the
// connection broke or timed out after the message was handed over).
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
}

export type SendResult = { ok: true } | { ok: false; refused: true; error: string } | { ok: false; refused: false; error: string };

export interface MailTransport {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/** Refused for sure: the SMTP server replied with an error, or we never reached it. */
function isRefusal(error: SmtpError): boolean {
  if (typeof error.responseCode === 'number' && error.responseCode >= 400) return true;
  return error.code === 'ECONNECTION' || error.code === 'EDNS' || /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH/.test(error.message);
}

export function createTransport(smtpUrl: string, options: { timeoutMs?: number } = {}): MailTransport {
  const timeout = options.timeoutMs ?? 30_000;
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(mail) {
      try {
        await transporter.sendMail({
          messageId: mail.messageId,
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'X-Mail-Kind': mail.kind },
        });
        return { ok: true };
      } catch (caught) {
        const error = caught as SmtpError;
        const description = (error.response ?? error.message).slice(0, 1000);
        return { ok: false, refused: isRefusal(error), error: description };
      }
    },
    close() {
      transporter.close();
    },
  };
}
