// Mails as the stack's mail viewer received them (GET $MAIL_URL/api/messages).
import { stackEnv } from '../../support/stack-env.ts';

export interface ViewedMail {
  kind: string;
  links: string[];
}

/** The newest mail of `kind` to `email`, waiting a little for it to arrive. */
export async function fetchLatestMail(email: string, kind: string): Promise<ViewedMail> {
  const env = stackEnv();
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const response = await fetch(`${env.MAIL_URL}/api/messages?${new URLSearchParams({ to: email })}`);
    const messages = (await response.json()) as ViewedMail[];
    const found = messages.find((message) => message.kind === kind);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No ${kind} mail for ${email}`);
}
