// Local mail: what the Auth stand-in "sent" (put here directly) and every mail received by the
// viewer's SMTP server (smtp.ts; the mailer sends there). Nothing leaves the machine: messages are
// kept in memory and shown by the mail viewer (mail-viewer.ts), which also serves them as JSON.
export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  /** Auth's confirmation, recovery, email_change; over SMTP the X-Mail-Kind header (else `smtp`). */
  kind: string;
  text: string;
  html: string;
  /**
   * Auth's mails: the action links, in this order: the Auth server's verify link (`/auth/v1/verify?token=…`)
   * and the app route form (`<site_url>/auth/confirm?token_hash=…&type=…`). SMTP mails: every
   * http(s) link of the body, first seen first.
   */
  links: string[];
  /** The token hash both links carry (what `verifyOtp({ type, token_hash })` takes). */
  tokenHash?: string;
  /** The six-digit code for `verifyOtp({ email, token, type })`. */
  code?: string;
  /** Mails received over SMTP: the Message-ID header (the mailer's is stable per outbox row). */
  messageId?: string;
  /** Mails received over SMTP: the From address. */
  from?: string;
  sentAt: string;
}

export class MailBox {
  private messages: MailMessage[] = [];

  send(message: Omit<MailMessage, 'id' | 'sentAt'>): MailMessage {
    const stored = { ...message, id: crypto.randomUUID(), sentAt: new Date().toISOString() };
    this.messages.push(stored);
    return stored;
  }

  /** Newest first, optionally only those sent to one address. */
  list(to?: string): MailMessage[] {
    const all = to ? this.messages.filter((m) => m.to.toLowerCase() === to.toLowerCase()) : this.messages;
    return [...all].reverse();
  }

  find(id: string): MailMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  clear(): void {
    this.messages = [];
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
