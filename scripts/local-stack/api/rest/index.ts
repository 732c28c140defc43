import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from '../context.ts';
import { sendJson } from '../http.ts';

// Placeholder until the PostgREST subset lands.
export async function handleRest(_req: IncomingMessage, res: ServerResponse, _url: URL, _context: ApiContext): Promise<void> {
  sendJson(res, 501, { code: 'PGRST000', message: 'Not implemented yet', details: null, hint: null });
}
