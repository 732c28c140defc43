// One Supabase client per request, bound to the request's cookies. Supabase Auth may rotate the
// session while a loader or action runs (token refresh, sign-in, sign-out); the new cookies are
// collected in `headers`, and every response of that loader or action must carry them, redirects
// included, or the browser keeps a dead refresh token and the user is signed out at random.
import http from 'node:http';
import https from 'node:https';
import { createServerClient, parseCookieHeader, serializeCookieHeader } from '@supabase/ssr';
import type { SupabaseClient, WebSocketLikeConstructor } from '@supabase/supabase-js';
import type { Database } from '~/types/database.types';
import { getServerEnv } from './env.server';

export type AppSupabaseClient = SupabaseClient<Database>;

export interface SupabaseRequestContext {
  supabase: AppSupabaseClient;
  /** Pass to every response: `json(data, { headers })`, `redirect(to, { headers })`. */
  headers: Headers;
}

// supabase-js builds a Realtime client in its constructor and throws on Node 20, which has no
// global WebSocket. Loaders and actions never subscribe to Realtime, so on Node 20 give it a
// transport that only fails if someone actually tries to open a socket.
class RealtimeUnavailableOnServer {
  constructor() {
    throw new Error('Realtime is not available in loaders and actions; subscribe from the browser.');
  }
}
const realtimeTransport = (globalThis.WebSocket ?? RealtimeUnavailableOnServer) as unknown as WebSocketLikeConstructor;

// remix-serve installs @remix-run/node's fetch, which without an agent sends `Connection: close`:
// every Supabase call paid for a new TCP connection (and the API for accepting it). Reuse
// connections instead. Native fetch (undici) ignores `agent` and keeps connections alive anyway.
const keepAliveAgents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};
const fetchKeepingConnections: typeof fetch = (input, init) =>
  fetch(input, {
    ...init,
    agent: (url: URL) => (url.protocol === 'https:' ? keepAliveAgents['https:'] : keepAliveAgents['http:']),
  } as RequestInit);

export function createSupabaseServerClient(request: Request): SupabaseRequestContext {
  const { SUPABASE_URL, SUPABASE_ANON_KEY } = getServerEnv();
  const headers = new Headers();
  const supabase = createServerClient<Database>(SUPABASE_URL, SUPABASE_ANON_KEY, {
    realtime: { transport: realtimeTransport },
    global: { fetch: fetchKeepingConnections },
    cookies: {
      getAll() {
        return parseCookieHeader(request.headers.get('Cookie') ?? '');
      },
      setAll(cookiesToSet, cacheHeaders) {
        for (const { name, value, options } of cookiesToSet) {
          headers.append('Set-Cookie', serializeCookieHeader(name, value, options));
        }
        // A response that sets a session cookie must never be cached by a shared cache, or one
        // user's session could be served to another.
        for (const [key, value] of Object.entries(cacheHeaders ?? {})) headers.set(key, value);
      },
    },
  });
  return { supabase, headers };
}

/** Names of the auth cookies (all chunks, code verifier) present on the request. */
export function listAuthCookieNames(request: Request): string[] {
  return parseCookieHeader(request.headers.get('Cookie') ?? '')
    .map(({ name }) => name)
    .filter((name) => /^sb-.+-auth-token/.test(name));
}

/**
 * Expires every auth cookie the request sent. Used when sign-out could not reach Auth: the user
 * asked to be signed out of this browser, and that must happen even if the server session lingers
 * until it expires.
 */
export function expireAuthCookies(request: Request, headers: Headers): void {
  for (const name of listAuthCookieNames(request)) {
    headers.append('Set-Cookie', serializeCookieHeader(name, '', { path: '/', maxAge: 0, sameSite: 'lax' }));
  }
}
