import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from '../context.ts';
import { sendJson } from '../http.ts';

// Placeholder until the GoTrue subset lands.
export async function handleAuth(_req: IncomingMessage, res: ServerResponse, _url: URL, _context: ApiContext): Promise<void> {
  sendJson(res, 501, { code: 'not_implemented', message: 'Not implemented yet' });
}
