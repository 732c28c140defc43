// The local mail viewer (like Inbucket/Mailpit under `supabase start`): every mail the Auth
// stand-in "sent" and every mail its SMTP server (smtp.ts) received, newest first, with clickable action links; plus a JSON API for tests:
//   GET /api/messages[?to=<email>]  → MailMessage[] (newest first)
//   GET /api/messages/<id>          → MailMessage
//   DELETE /api/messages            → 204, empties the box
//   POST /api/mailer/pause | resume → 204 (404 when no mailer runs with this stack): the stack's
//                                      own mailer stays off the outbox while a test runs its own
import http from 'node:http';
import { escapeHtml, type MailBox, type MailMessage } from './mail.ts';
import { decodePathSegment, parseRequestUrl } from './url.ts';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  a { color: #0b5cad; word-break: break-all; }
  pre { white-space: pre-wrap; background: #f6f6f6; padding: 1rem; }
  iframe { width: 100%; min-height: 16rem; border: 1px solid #ddd; }
</style>
</head>
<body>
${body}
</body>
</html>`;
}

function linkList(message: MailMessage): string {
  return message.links.map((link) => `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`).join('<br>');
}

function inboxPage(messages: MailMessage[], to: string | null): string {
  const rows = messages
    .map(
      (m) => `<tr>
  <td><time datetime="${escapeHtml(m.sentAt)}">${escapeHtml(m.sentAt.replace('T', ' ').slice(0, 19))}</time></td>
  <td>${escapeHtml(m.to)}</td>
  <td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject)}</a></td>
  <td>${linkList(m)}</td>
</tr>`,
    )
    .join('\n');
  const heading = to ? `Mail to ${escapeHtml(to)}` : 'Local mail';
  const table = messages.length
    ? `<table><thead><tr><th>Sent (UTC)</th><th>To</th><th>Subject</th><th>Links</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No mail yet. Sign-up confirmations, password recovery, email changes and the mailer\'s mails show up here.</p>';
  return page(heading, `<h1>${heading}</h1>\n${table}`);
}

function messagePage(m: MailMessage): string {
  // The HTML body is shown in a sandboxed frame so a mail can never script the viewer.
  return page(
    m.subject,
    `<p><a href="/">← All mail</a></p>
<h1>${escapeHtml(m.subject)}</h1>
<p>To ${escapeHtml(m.to)} · ${escapeHtml(m.sentAt)} · ${escapeHtml(m.kind)}</p>
<h2>Links</h2>
<p>${linkList(m)}</p>
<h2>Message</h2>
<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(m.html)}"></iframe>
<h2>Plain text</h2>
<pre>${escapeHtml(m.text)}</pre>`,
  );
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8` }).end(body);
}

/** The stack's mailer, when one runs with it (scripts attach it after starting it). */
export interface MailerControl {
  current?: { pause(): Promise<void>; resume(): void };
}

export function createMailViewer(mail: MailBox, mailer: MailerControl = {}): http.Server {
  return http.createServer((req, res) => {
    // A request the stand-in cannot read (a broken escape, a target that is no URL) must not
    // throw here: an exception in this callback would take the whole stand-in down.
    const url = parseRequestUrl(req.url);
    if (!url) {
      send(res, 400, 'text/html', page('Bad request', '<h1>Bad request</h1><p><a href="/">All mail</a></p>'));
      return;
    }
    const to = url.searchParams.get('to');
    const messageId = /^\/(?:api\/)?messages\/([^/]+)$/.exec(url.pathname)?.[1];
    const message = messageId ? mail.find(decodePathSegment(messageId)) : undefined;

    const mailerAction = /^\/api\/mailer\/(pause|resume)$/.exec(url.pathname)?.[1];
    if (req.method === 'POST' && mailerAction) {
      const running = mailer.current;
      if (!running) send(res, 404, 'application/json', JSON.stringify({ message: 'No mailer runs with this stack' }));
      else if (mailerAction === 'resume') {
        running.resume();
        res.writeHead(204).end();
      } else void running.pause().then(() => res.writeHead(204).end());
    } else if (req.method === 'GET' && url.pathname === '/api/messages') {
      send(res, 200, 'application/json', JSON.stringify(mail.list(to ?? undefined)));
    } else if (req.method === 'DELETE' && url.pathname === '/api/messages') {
      mail.clear();
      res.writeHead(204).end();
    } else if (req.method === 'GET' && url.pathname.startsWith('/api/messages/')) {
      if (message) send(res, 200, 'application/json', JSON.stringify(message));
      else send(res, 404, 'application/json', JSON.stringify({ message: 'No such message' }));
    } else if (req.method === 'GET' && url.pathname === '/') {
      send(res, 200, 'text/html', inboxPage(mail.list(to ?? undefined), to));
    } else if (req.method === 'GET' && message) {
      send(res, 200, 'text/html', messagePage(message));
    } else {
      send(res, 404, 'text/html', page('Not found', '<h1>Not found</h1><p><a href="/">All mail</a></p>'));
    }
  });
}
