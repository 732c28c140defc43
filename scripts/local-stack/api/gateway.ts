// The API gateway's part in front of /rest/v1 and /auth/v1: Supabase's publishable and secret keys
// are opaque `sb_…` strings, not JWTs; the gateway maps them to the anon / service_role role
// before PostgREST or GoTrue sees the request, so both keep verifying JWTs only.
//
// The mapping is the one `supabase start` configures in its Kong (supabase/cli
// internal/start/start.go, BearerToken): an Authorization header that is not `Bearer sb_…` (a
// user's access token, or a legacy key) is passed on and decides; otherwise `apikey` = the secret
// key becomes `Bearer <service_role JWT>`, the publishable key `Bearer <anon JWT>`, and a legacy JWT
// key is copied into Authorization. On top of that, what hosted projects refuse:
// - a secret key from a browser (Supabase matches the User-Agent): 401 "Forbidden use of secret
//   API key in browser";
// - an `sb_` key the project does not have: 401 "Invalid API key";
// - `Authorization: Bearer sb_…` without an `apikey` header: 401 "No API key found in request".
import type { IncomingMessage } from 'node:http';
import type { ApiKeys } from './context.ts';

export interface GatewayRefusal {
  status: number;
  body: { message: string; hint?: string };
}

const invalidApiKey: GatewayRefusal = {
  status: 401,
  body: { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' },
};

const secretKeyInBrowser: GatewayRefusal = {
  status: 401,
  body: { message: 'Forbidden use of secret API key in browser' },
};

const noApiKey: GatewayRefusal = {
  status: 401,
  body: { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' },
};

/** Every browser's User-Agent starts with Mozilla/ (Chrome, Safari, Firefox, Edge alike). */
function fromBrowser(req: IncomingMessage): boolean {
  return /^Mozilla\//.test(req.headers['user-agent'] ?? '');
}

function header(req: IncomingMessage, name: 'apikey' | 'authorization'): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Rewrites the request's Authorization as the gateway forwards it, or says why the gateway
 * refuses it. Requests without any key pass unchanged (the services decide, as before).
 */
export function applyApiKey(req: IncomingMessage, keys: ApiKeys): GatewayRefusal | null {
  const apikey = header(req, 'apikey');
  const authorization = header(req, 'authorization');
  const bearerKey = /^Bearer\s+(sb_\S*)$/i.exec(authorization ?? '')?.[1];
  if (apikey === undefined && bearerKey !== undefined) return noApiKey;
  if (apikey === undefined || apikey === '') return null;
  if (apikey.startsWith('sb_')) {
    if (apikey === keys.secret) {
      if (fromBrowser(req)) return secretKeyInBrowser;
    } else if (apikey !== keys.publishable) {
      return invalidApiKey;
    }
  }
  // A user's JWT (or a legacy key) in Authorization decides who is calling.
  if (authorization !== undefined && bearerKey === undefined) return null;
  const forwarded = apikey === keys.secret ? keys.serviceRole : apikey === keys.publishable ? keys.anon : apikey;
  req.headers.authorization = `Bearer ${forwarded}`;
  return null;
}
