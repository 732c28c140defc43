// A signed-in page view costs no round trip to Auth: the app authorises with getClaims(), which
// verifies the ES256 access token against the JWKS that auth-js fetched once and caches. The
// stand-in counts every request that reaches its Auth routes (GET /_local/auth-requests); the
// app runs on the stack's publishable key only (scripts/lib/env-file.ts appEnv).
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackEnv } from '../support/stack-env.ts';
import { createTestClient } from '../support/supabase-client.ts';

const env = stackEnv();
const appUrl = env.APP_URL;

async function authRequestsSoFar(): Promise<number> {
  const response = await fetch(`${env.SUPABASE_URL}/_local/auth-requests`);
  return ((await response.json()) as { total: number }).total;
}

let userId: string;
let email: string;
let cookie: string;

beforeAll(async () => {
  email = `no-auth-trip-${crypto.randomBytes(4).toString('hex')}@example.com`;
  const password = `pw-${crypto.randomBytes(8).toString('hex')}`;
  const created = await createTestClient(env.SUPABASE_SECRET_KEY).auth.admin.createUser({ email, password, email_confirm: true });
  if (created.error) throw created.error;
  userId = created.data.user.id;
  const before = await authRequestsSoFar();
  const login = await fetch(`${appUrl}/en/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
    body: new URLSearchParams({ email, password, redirectTo: '/en/account' }),
  });
  expect(login.status).toBe(302);
  // The counter sees the app's own Auth calls: signing in is one (POST /token).
  expect(await authRequestsSoFar()).toBeGreaterThan(before);
  cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
});

afterAll(async () => {
  if (userId) await createTestClient(env.SUPABASE_SECRET_KEY).auth.admin.deleteUser(userId);
});

describe('a signed-in page view', () => {
  it('is served to the signed-in account without a single request to Auth', async () => {
    const view = () => fetch(`${appUrl}/en/account`, { redirect: 'manual', headers: { Cookie: cookie } });
    // The app's first getClaims() after it started may fetch the JWKS (then cached for 10 minutes).
    const warmUp = await view();
    expect(warmUp.status).toBe(200);
    const before = await authRequestsSoFar();
    for (let i = 0; i < 5; i += 1) {
      const page = await view();
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(email);
    }
    expect(await authRequestsSoFar()).toBe(before);
  });
});
