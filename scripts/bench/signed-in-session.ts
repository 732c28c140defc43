// A signed-in session for the catalog bench's signed-in cell: an account made with the secret key,
// signed in through the app's own login form (so the cookie is exactly what a browser holds), and
// the stand-in's count of requests that reached Auth.
import crypto from 'node:crypto';
import type { StackEnv } from '../lib/env-file.ts';

export interface BenchSession {
  cookie: string;
  /** Deletes the account again. */
  remove(): Promise<void>;
}

export async function signInThroughApp(env: StackEnv): Promise<BenchSession> {
  // The Auth admin API over plain HTTP (supabase-js would need a WebSocket on Node 20 for Realtime).
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(new URL(`/auth/v1/admin/users${path}`, env.SUPABASE_URL), {
      ...init,
      headers: { apikey: env.SUPABASE_SECRET_KEY, 'Content-Type': 'application/json' },
    });
  const email = `bench-${crypto.randomBytes(4).toString('hex')}@example.com`;
  const password = `pw-${crypto.randomBytes(8).toString('hex')}`;
  const created = await admin('', { method: 'POST', body: JSON.stringify({ email, password, email_confirm: true }) });
  if (created.status !== 200) throw new Error(`Creating the bench account answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const login = await fetch(new URL('/en/login', env.APP_URL), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: env.APP_URL },
    body: new URLSearchParams({ email, password, redirectTo: '/en/account' }),
  });
  if (login.status !== 302) throw new Error(`Signing in through ${env.APP_URL}/en/login answered ${login.status}`);
  return {
    cookie: login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; '),
    async remove() {
      await admin(`/${id}`, { method: 'DELETE' });
    },
  };
}

/** Requests that reached the local stand-in's Auth routes since it started. */
export function authRequestCounter(env: StackEnv): () => Promise<number> {
  return async () => {
    const response = await fetch(new URL('/_local/auth-requests', env.SUPABASE_URL));
    return ((await response.json()) as { total: number }).total;
  };
}
