// Outgoing mail of the local Auth stand-in. Nothing leaves the machine: messages are kept in
// memory and shown by the mail viewer (mail-viewer.ts), which also serves them as JSON for tests.
export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  /** What kind of mail: confirmation, recovery, email_change. */
  kind: string;
  text: string;
  html: string;
  /**
   * The action links, in this order: the Auth server's verify link (`/auth/v1/verify?token=…`)
   * and the app route form (`<site_url>/auth/confirm?token_hash=…&type=…`).
   */
  links: string[];
  /** The token hash both links carry (what `verifyOtp({ type, token_hash })` takes). */
  tokenHash?: string;
  /** The six-digit code for `verifyOtp({ email, token, type })`. */
  code?: string;
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
