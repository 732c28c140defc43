// The Docker-free stand-in for Supabase's API gateway: /rest/v1 (PostgREST subset) and
// /auth/v1 (GoTrue subset) on one port, 127.0.0.1 only, behind the gateway's API-key mapping
// (gateway.ts). GET /_local/auth-requests (no Supabase route) counts the requests that reached
// Auth, for tests and the bench that hold signed-in pages to zero Auth round trips.
import http from 'node:http';
import type { ApiContext } from './context.ts';
import { RequestAbortedError, sendJson } from './http.ts';
import { handleAuth } from './auth/index.ts';
import { applyApiKey } from './gateway.ts';
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
  const server = http.createServer((req, res) => {
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
    if (url.pathname === '/_local/auth-requests' && req.method === 'GET') {
      const byRoute = Object.fromEntries(context.authRequests);
      sendJson(res, 200, { total: Object.values(byRoute).reduce((sum, count) => sum + count, 0), byRoute });
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
    const refusal = applyApiKey(req, context.apiKeys);
    if (route === handleAuth) {
      const key = `${req.method} ${url.pathname}`;
      context.authRequests.set(key, (context.authRequests.get(key) ?? 0) + 1);
    }
    if (refusal) {
      sendJson(res, refusal.status, refusal.body);
      return;
    }
    route(req, res, url, context).catch((error: unknown) => {
      if (error instanceof RequestAbortedError) return;
      console.error(`[api] ${req.method} ${url.pathname} failed:`, error);
      if (!res.headersSent) sendJson(res, 500, { code: 'unexpected_failure', message: 'Unexpected failure in the local API stand-in' });
      else res.end();
    });
  });
  // Node closes an idle kept-alive connection after 5 s, the moment the app server's fetch may
  // be sending its next request down it: that request dies as "socket hang up", and a POST is
  // never retried. Supabase's gateway keeps idle connections for 60 s; so does this one, longer
  // than any client's idle pool, so the client is the side that closes.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
