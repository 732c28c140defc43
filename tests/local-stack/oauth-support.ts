// Drives a sign-in with LINE or Kakao the way a browser would, against the running stack: the
// app's supabase-js call (PKCE), Auth's /authorize, the local identity provider's page (a
// cookie jar for its interaction cookies; the form posted as a person would), the callback, and
// back to redirect_to with `?code=`, which supabase-js exchanges for a session.
import crypto from 'node:crypto';
import type { Provider, Session, SupabaseClient } from '@supabase/supabase-js';
import { createTestClient } from '../support/supabase-client.ts';
import { env } from './auth-support.ts';

export const REDIRECT_TO = 'http://localhost:3000/auth/confirm?next=%2Fen%2Faccount';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/** A client like the app's server client: PKCE, the verifier kept in (this test's) storage. */
export function pkceClient(): SupabaseClient {
  return createTestClient(env.SUPABASE_PUBLISHABLE_KEY, { auth: { flowType: 'pkce', storage: memoryStorage(), persistSession: true } });
}

class CookieJar {
  readonly #cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.#cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
  }
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export type IdentityForm = { preset: string } | { name: string; picture?: string; email?: string; email_verified?: boolean; key?: string } | { cancel: true };

function formBody(form: IdentityForm): URLSearchParams {
  if ('preset' in form) return new URLSearchParams({ preset: form.preset });
  if ('cancel' in form) return new URLSearchParams({ cancel: '1' });
  const body = new URLSearchParams({ custom: '1', name: form.name, picture: form.picture ?? '', email: form.email ?? '', key: form.key ?? '' });
  if (form.email_verified) body.set('email_verified', 'true');
  return body;
}

export interface ProviderRoundTrip {
  /** Where Auth finally sent the browser (redirect_to with ?code= or the error). */
  landing: URL;
  /** The interaction page's HTML, as the person saw it. */
  page: string;
}

/** Follows redirects by hand from Auth's /authorize URL to where Auth sends the browser back. */
export async function throughProvider(authorizeUrl: string, form: IdentityForm): Promise<ProviderRoundTrip> {
  const jar = new CookieJar();
  let location = authorizeUrl;
  let page = '';
  for (let hop = 0; hop < 12; hop += 1) {
    const url = new URL(location);
    if (url.href.startsWith('http://localhost:3000/')) return { landing: url, page };
    const toApi = url.origin === new URL(env.SUPABASE_URL).origin;
    const headers: Record<string, string> = toApi ? {} : { Cookie: jar.header() };
    let response = await fetch(url, { redirect: 'manual', headers });
    jar.take(response);
    if (response.status === 200 && url.pathname.startsWith('/interaction/')) {
      page = await response.text();
      response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { Cookie: jar.header(), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: formBody(form),
      });
      jar.take(response);
    }
    const next = response.headers.get('location');
    if (!next) throw new Error(`${url.href} answered ${response.status} without a redirect: ${await response.text()}`);
    location = new URL(next, url).href;
  }
  throw new Error('too many redirects');
}

export interface SignIn {
  session: Session;
  landing: URL;
  page: string;
}

/** The whole sign-in; throws with Auth's error when the flow ends in one. */
export async function signInWith(provider: Provider, form: IdentityForm, client = pkceClient()): Promise<SignIn> {
  const { data, error } = await client.auth.signInWithOAuth({ provider, options: { redirectTo: REDIRECT_TO, skipBrowserRedirect: true } });
  if (error || !data.url) throw error ?? new Error('no authorize URL');
  const { landing, page } = await throughProvider(data.url, form);
  const code = landing.searchParams.get('code');
  if (!code) throw new Error(`sign-in ended with ${landing.search}`);
  const exchanged = await client.auth.exchangeCodeForSession(code);
  if (exchanged.error) throw exchanged.error;
  return { session: exchanged.data.session, landing, page };
}

export const uniqueKey = (label: string) => `${label}-${crypto.randomBytes(6).toString('hex')}`;
