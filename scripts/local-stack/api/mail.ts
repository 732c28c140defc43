// Outgoing mail of the local Auth stand-in. Nothing leaves the machine: messages are kept in
// memory and shown by the mail viewer (owned by the Auth part of the stand-in).
export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  /** What kind of mail: confirmation, recovery, magiclink, email_change, invite. */
  kind: string;
  text: string;
  html: string;
  /** The action links in the message, so a person or a test can follow them. */
  links: string[];
  sentAt: string;
}

export class MailBox {
  private messages: MailMessage[] = [];

  send(message: Omit<MailMessage, 'id' | 'sentAt'>): MailMessage {
    const stored = { ...message, id: crypto.randomUUID(), sentAt: new Date().toISOString() };
    this.messages.push(stored);
    return stored;
  }

  list(to?: string): MailMessage[] {
    const all = to ? this.messages.filter((m) => m.to.toLowerCase() === to.toLowerCase()) : this.messages;
    return [...all].reverse();
  }

  clear(): void {
    this.messages = [];
  }
}
