import http from 'node:http';
import type { MailBox } from './mail.ts';

// Placeholder until the mail viewer lands: JSON list only.
export function createMailViewer(mail: MailBox): http.Server {
  return http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(mail.list()));
  });
}
