// [auth.rate_limit] as Supabase Auth enforces it, through supabase-js against a second stand-in on
// the same database with low limits (the test stack raises its own, see scripts/lib/profile.ts):
// once a client IP has used up a limit, 429 `over_request_rate_limit`; each limit counts on its
// own; another IP is not affected, be it another connection address or, with Sb-Forwarded-For
// honoured, another address claimed in that header, which is how the app's server client passes
// on its visitors' addresses.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSupabaseServerClient } from '~/utils/supabase.server';
import type { AuthRateLimits } from '../../scripts/local-stack/api/config.ts';
import { createTestClient } from '../support/supabase-client.ts';
import {
  adminClient, anonClient, authFetch, countUsersWithEmail, env, startAuthVariant, strongPassword, uniqueEmail, type AuthVariant,
} from './auth-support.ts';
import { fetchFromAddress } from './other-client-address.ts';

// Buckets of 30 for every limit but anonymous sign-ins (GoTrue's fixed burst), refilled so slowly
// (1 per 5 minutes) that no request of a test comes back; anonymous sign-ins: 2 per hour.
const low: AuthRateLimits = { anonymousUsers: 2, signInSignUps: 1, tokenRefresh: 1, tokenVerifications: 1 };
const burst = 30;
const overLimit = { status: 429, code: 'over_request_rate_limit', message: 'Request rate limit reached' };

/** A client whose requests come from 127.0.0.2: another IP to the stand-in. */
function otherAddressClient(url: string): SupabaseClient {
  return createTestClient(env.SUPABASE_PUBLISHABLE_KEY, { url, global: { fetch: fetchFromAddress('127.0.0.2') } });
}

/** A client that says it forwards for `ip`, as a server does for its visitors. */
function forwardingClient(url: string, ip: string): SupabaseClient {
  return createTestClient(env.SUPABASE_PUBLISHABLE_KEY, { url, global: { headers: { 'Sb-Forwarded-For': ip } } });
}

describe('Auth rate limits per client IP', () => {
  let limited: AuthVariant;
  beforeEach(async () => {
    limited = await startAuthVariant({ rateLimit: low });
  });
  afterEach(async () => {
    await limited.stop();
  });

  it('anonymous_users: refuses the third anonymous sign-in in an hour, not another IP or a sign-up', async () => {
    const client = anonClient(limited.url);
    for (let i = 0; i < low.anonymousUsers; i++) expect((await client.auth.signInAnonymously()).error).toBeNull();
    const refused = await client.auth.signInAnonymously();
    expect(refused.error).toMatchObject(overLimit);
    expect(refused.data.session).toBeNull();

    const raw = await authFetch('/signup', { method: 'POST', baseUrl: limited.url, body: {} });
    expect(raw.status).toBe(429);
    expect(raw.json).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' });
    expect(raw.response.headers.get('x-sb-error-code')).toBe('over_request_rate_limit');

    expect((await otherAddressClient(limited.url).auth.signInAnonymously()).error).toBeNull();
    expect((await client.auth.signUp({ email: uniqueEmail('rate-anon'), password: strongPassword() })).error).toBeNull();
  });

  it('sign_in_sign_ups: counts every sign-up, refused ones too, and then refuses before creating anyone', async () => {
    const client = anonClient(limited.url);
    for (let i = 0; i < burst; i++) {
      const weak = await client.auth.signUp({ email: uniqueEmail('rate-weak'), password: 'short' });
      expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });
    }
    const email = uniqueEmail('rate-signup');
    expect((await client.auth.signUp({ email, password: strongPassword() })).error).toMatchObject(overLimit);
    expect(await countUsersWithEmail(email)).toBe(0);

    // Anonymous sign-ins have their own limit; another IP has its own bucket.
    expect((await client.auth.signInAnonymously()).error).toBeNull();
    expect((await otherAddressClient(limited.url).auth.signUp({ email, password: strongPassword() })).error).toBeNull();
  });

  it('token_refresh: password sign-ins are /token requests and count there', async () => {
    const email = uniqueEmail('rate-token');
    const password = strongPassword();
    expect((await adminClient(limited.url).auth.admin.createUser({ email, password, email_confirm: true })).error).toBeNull();
    const client = anonClient(limited.url);
    const nobody = uniqueEmail('rate-nobody');
    for (let i = 0; i < burst; i++) {
      const wrong = await client.auth.signInWithPassword({ email: nobody, password });
      expect(wrong.error).toMatchObject({ status: 400, code: 'invalid_credentials' });
    }
    expect((await client.auth.signInWithPassword({ email, password })).error).toMatchObject(overLimit);
    const elsewhere = await otherAddressClient(limited.url).auth.signInWithPassword({ email, password });
    expect(elsewhere.error).toBeNull();
    // A refresh is the same limit: refused from the first address, fine from the other.
    expect((await client.auth.refreshSession({ refresh_token: elsewhere.data.session!.refresh_token })).error).toMatchObject(overLimit);
  });

  it('token_verifications: counts /verify', async () => {
    const client = anonClient(limited.url);
    for (let i = 0; i < burst; i++) {
      const bad = await client.auth.verifyOtp({ type: 'recovery', token_hash: `no-such-token-${i}` });
      expect(bad.error).toMatchObject({ status: 403, code: 'otp_expired' });
    }
    expect((await client.auth.verifyOtp({ type: 'recovery', token_hash: 'no-such-token' })).error).toMatchObject(overLimit);
    const elsewhere = await otherAddressClient(limited.url).auth.verifyOtp({ type: 'recovery', token_hash: 'no-such-token' });
    expect(elsewhere.error).toMatchObject({ status: 403, code: 'otp_expired' });
  });
});

describe('Sb-Forwarded-For', () => {
  const oneGuest: AuthRateLimits = { ...low, anonymousUsers: 1 };
  let honouring: AuthVariant;
  let ignoring: AuthVariant;
  beforeEach(async () => {
    honouring = await startAuthVariant({ rateLimit: oneGuest });
    ignoring = await startAuthVariant({ rateLimit: oneGuest, sbForwardedForEnabled: false });
  });
  afterEach(async () => {
    await Promise.all([honouring.stop(), ignoring.stop()]);
  });

  it('gives each forwarded address its own limit, apart from the connection address', async () => {
    const visitor = forwardingClient(honouring.url, '203.0.113.10');
    expect((await visitor.auth.signInAnonymously()).error).toBeNull();
    expect((await visitor.auth.signInAnonymously()).error).toMatchObject(overLimit);
    // The same address written another way is the same client, as GoTrue parses it.
    expect((await forwardingClient(honouring.url, '203.0.113.10, 10.0.0.1').auth.signInAnonymously()).error).toMatchObject(overLimit);

    expect((await forwardingClient(honouring.url, '203.0.113.11').auth.signInAnonymously()).error).toBeNull();
    expect((await forwardingClient(honouring.url, '2001:db8::11').auth.signInAnonymously()).error).toBeNull();
    expect((await forwardingClient(honouring.url, '2001:DB8:0::11').auth.signInAnonymously()).error).toMatchObject(overLimit);
    // Without the header (or with one that is no IP address) the connection's address counts.
    expect((await anonClient(honouring.url).auth.signInAnonymously()).error).toBeNull();
    expect((await forwardingClient(honouring.url, 'not-an-address').auth.signInAnonymously()).error).toMatchObject(overLimit);
  });

  it('is ignored when not honoured: every claimed address is the connection address', async () => {
    expect((await forwardingClient(ignoring.url, '203.0.113.20').auth.signInAnonymously()).error).toBeNull();
    expect((await forwardingClient(ignoring.url, '203.0.113.21').auth.signInAnonymously()).error).toMatchObject(overLimit);
  });
});

describe("the app's server client", () => {
  let limited: AuthVariant;
  beforeAll(async () => {
    limited = await startAuthVariant({ rateLimit: { ...low, anonymousUsers: 1 } });
    // The app reads its env at first use; one proxy (the test) sets X-Forwarded-For.
    Object.assign(process.env, { SUPABASE_URL: limited.url, SUPABASE_PUBLISHABLE_KEY: env.SUPABASE_PUBLISHABLE_KEY, TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await limited.stop();
  });

  function newGuest(visitor: string) {
    // What the visitor wrote into X-Forwarded-For (198.51.100.66) is not what the proxy saw.
    const request = new Request('http://localhost:3000/cart', { headers: { 'X-Forwarded-For': `198.51.100.66, ${visitor}` } });
    return createSupabaseServerClient(request).supabase.auth.signInAnonymously();
  }

  it("passes on each visitor's address, so one visitor cannot use up the whole store's limit", async () => {
    expect((await newGuest('203.0.113.30')).error).toBeNull();
    expect((await newGuest('203.0.113.30')).error).toMatchObject(overLimit);
    expect((await newGuest('203.0.113.31')).error).toBeNull();
  });
});
