// One Supabase client per request, bound to the request's cookies. Supabase Auth may rotate the
// session while a loader or action runs (token refresh, sign-in, sign-out); the new cookies are
// collected in `headers`, and every response of that loader or action must carry them, redirects
// included, or the browser keeps a dead refresh token and the user is signed out at random.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
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

// Auth limits sign-ins, sign-ups and guests per client IP. Its client is this server, so without
// more every visitor would share the server's limit. Supabase Auth counts a request against the
// address in `Sb-Forwarded-For` instead when the project honours that header (hosted: ask
// Supabase to enable it; self-hosted: GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED; the local
// stand-in does by default). The app learns the visitor's address only from the proxies in front
// of it: remix-serve hands loaders a Request built from the headers alone, without the socket's
// address. TRUST_PROXY says how many proxies append to X-Forwarded-For on the way in (as
// express's numeric `trust proxy`); unset or 0, nothing is forwarded.

/** TRUST_PROXY: how many proxies in front of the app append to X-Forwarded-For. */
export function parseTrustedProxyHops(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 0;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0) {
    throw new Error(`TRUST_PROXY must be the number of proxies in front of the app (0, 1, 2, …), not "${value}".`);
  }
  return hops;
}

/**
 * The visitor's IP address as the outermost trusted proxy saw it: each proxy appends the address
 * it was connected from, so with `hops` proxies it is the hops-th entry from the right; anything
 * further left came from the visitor and proves nothing. null when no proxy is trusted, when the
 * request did not pass through them all, or when the entry is not an IP address.
 */
export function visitorIp(request: Request, trustedProxyHops: number): string | null {
  const forwardedFor = request.headers.get('X-Forwarded-For');
  if (trustedProxyHops < 1 || !forwardedFor) return null;
  const entries = forwardedFor.split(',').map((entry) => entry.trim());
  if (entries.length < trustedProxyHops) return null;
  const ip = entries[entries.length - trustedProxyHops];
  return isIP(ip) ? ip : null;
}

/** Where supabase-js sends Auth requests: `<SUPABASE_URL>/auth/v1/`, resolved as it resolves it. */
function authUrlOf(supabaseUrl: string): string {
  return new URL('auth/v1/', supabaseUrl.endsWith('/') ? supabaseUrl : `${supabaseUrl}/`).href;
}

/**
 * Tells the API who the visitor is: `Sb-Forwarded-For: <visitor>` on Auth requests (its rate
 * limits), `X-Forwarded-For: <visitor>` on REST requests (the gateway appends our own address;
 * check_invitation's per-caller budget reads the first entry, see
 * private.count_failed_invitation_check in 20261121000230_invitations.sql).
 */
function fetchForwardingVisitor(authUrl: string, ip: string | null): typeof fetch {
  if (ip === null) return fetchKeepingConnections;
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(url.startsWith(authUrl) ? 'Sb-Forwarded-For' : 'X-Forwarded-For', ip);
    return fetchKeepingConnections(input, { ...init, headers });
  };
}

export function createSupabaseServerClient(request: Request): SupabaseRequestContext {
  const { SUPABASE_URL, SUPABASE_PUBLISHABLE_KEY } = getServerEnv();
  const headers = new Headers();
  const ip = visitorIp(request, parseTrustedProxyHops(process.env.TRUST_PROXY));
  const supabase = createServerClient<Database>(SUPABASE_URL, SUPABASE_PUBLISHABLE_KEY, {
    realtime: { transport: realtimeTransport },
    // Served over https (server/index.js believes X-Forwarded-Proto from TRUST_PROXY proxies):
    // session cookies must never travel in clear text. Locally (http) they cannot be Secure.
    cookieOptions: { secure: new URL(request.url).protocol === 'https:' },
    global: { fetch: fetchForwardingVisitor(authUrlOf(SUPABASE_URL), ip) },
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
