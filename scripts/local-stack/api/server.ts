// The Docker-free stand-in for Supabase's API gateway: /rest/v1 (PostgREST subset) and
// /auth/v1 (GoTrue subset) on one port, 127.0.0.1 only.
import http from 'node:http';
import type { ApiContext } from './context.ts';
import { RequestAbortedError, sendJson } from './http.ts';
import { handleAuth } from './auth/index.ts';
import { handleRest } from './rest/index.ts';
import { parseRequestUrl } from './url.ts';

const corsHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD',
  'Access-Control-Allow-Headers':
    'authorization, x-client-info, apikey, content-type, accept, accept-profile, content-profile, prefer, range, x-supabase-api-version',
  'Access-Control-Expose-Headers': 'content-range, x-sb-error-code, x-supabase-api-version',
};

export function createApiServer(context: ApiContext): http.Server {
  return http.createServer((req, res) => {
    for (const [name, value] of Object.entries(corsHeaders)) res.setHeader(name, value);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const url = parseRequestUrl(req.url);
    if (!url) {
      // Node's parser accepted the request line, but it names no path we could route.
      sendJson(res, 400, { message: `Cannot read the request target ${JSON.stringify(req.url)} as a URL` });
      return;
    }
    const route = url.pathname.startsWith('/rest/v1')
      ? handleRest
      : url.pathname.startsWith('/auth/v1')
        ? handleAuth
        : null;
    if (!route) {
      sendJson(res, 404, { message: `No API route for ${url.pathname} (the local stand-in serves /rest/v1 and /auth/v1)` });
      return;
    }
    route(req, res, url, context).catch((error: unknown) => {
      if (error instanceof RequestAbortedError) return;
      console.error(`[api] ${req.method} ${url.pathname} failed:`, error);
      if (!res.headersSent) sendJson(res, 500, { code: 'unexpected_failure', message: 'Unexpected failure in the local API stand-in' });
      else res.end();
    });
  });
}
