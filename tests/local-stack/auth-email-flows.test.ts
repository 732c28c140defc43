// Conformance of the Auth stand-in's email flows: recovery mail in the mail viewer's JSON API,
// verifyOtp with token_hash or code, the email-link GET /verify redirect, and PKCE through
// @supabase/ssr's createServerClient.
import { createServerClient } from '@supabase/ssr';
import { describe, expect, it } from 'vitest';
import { anonClient, authFetch, env, mailTo, realtime, strongPassword, uniqueEmail } from './auth-support.ts';

async function registeredUser(label: string) {
  const email = uniqueEmail(label);
  const password = strongPassword();
  const { error } = await anonClient().auth.signUp({ email, password });
  if (error) throw error;
  return { email, password };
}

async function requestRecovery(email: string, redirectTo = `${env.APP_URL}/account/password`) {
  const { error } = await anonClient().auth.resetPasswordForEmail(email, { redirectTo });
  expect(error).toBeNull();
  const [mail] = await mailTo(email);
  return mail;
}

describe('password recovery', () => {
  it('mails both link forms and the code; verifyOtp(token_hash) signs in and the new password works', async () => {
    const { email, password } = await registeredUser('recover');
    const mail = await requestRecovery(email);
    expect(mail).toMatchObject({ to: email, kind: 'recovery', subject: 'Reset Your Password' });
    const [verifyLink, appLink] = mail.links.map((link) => new URL(link));
    expect(verifyLink.href.startsWith(`${env.SUPABASE_URL}/auth/v1/verify?`)).toBe(true);
    expect(Object.fromEntries(verifyLink.searchParams)).toEqual({
      token: mail.tokenHash,
      type: 'recovery',
      redirect_to: `${env.APP_URL}/account/password`,
    });
    // The app link starts at the site URL: the profile's own app (APP_URL) on a non-dev stack.
    expect(appLink.origin + appLink.pathname).toBe(`${env.APP_URL}/auth/confirm`);
    expect(Object.fromEntries(appLink.searchParams)).toEqual({ token_hash: mail.tokenHash, type: 'recovery', next: '/account/password' });
    expect(mail.code).toMatch(/^\d{6}$/);

    const client = anonClient();
    const verified = await client.auth.verifyOtp({ type: 'recovery', token_hash: mail.tokenHash! });
    expect(verified.error).toBeNull();
    expect(verified.data.session!.access_token).toEqual(expect.any(String));
    const newPassword = strongPassword();
    expect((await client.auth.updateUser({ password: newPassword })).error).toBeNull();

    expect((await anonClient().auth.signInWithPassword({ email, password })).error).toMatchObject({ code: 'invalid_credentials' });
    expect((await anonClient().auth.signInWithPassword({ email, password: newPassword })).error).toBeNull();

    const again = await anonClient().auth.verifyOtp({ type: 'recovery', token_hash: mail.tokenHash! });
    expect(again.error).toMatchObject({ status: 403, code: 'otp_expired' });
  });

  it('verifies the typed code with the email address', async () => {
    const { email } = await registeredUser('recover-code');
    const mail = await requestRecovery(email);
    const wrong = await anonClient().auth.verifyOtp({ type: 'recovery', email, token: mail.code === '000000' ? '111111' : '000000' });
    expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired' });
    const right = await anonClient().auth.verifyOtp({ type: 'recovery', email, token: mail.code! });
    expect(right.error).toBeNull();
    expect(right.data.user!.email).toBe(email);
  });

  it('answers 200 {} for unknown addresses and sends nothing', async () => {
    const email = uniqueEmail('unknown');
    const { status, json } = await authFetch('/recover', { method: 'POST', body: { email } });
    expect([status, json]).toEqual([200, {}]);
    expect(await mailTo(email)).toEqual([]);
  });
});

describe('the email link (GET /verify)', () => {
  it('redirects to redirect_to with the session in the fragment', async () => {
    const { email } = await registeredUser('link');
    const mail = await requestRecovery(email);
    const response = await fetch(mail.links[0], { redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${env.APP_URL}/account/password`);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('type')).toBe('recovery');
    expect(fragment.get('token_type')).toBe('bearer');
    const { data } = await anonClient().auth.getUser(fragment.get('access_token')!);
    expect(data.user!.email).toBe(email);
  });

  it('reports a used or unknown token in the fragment, and never redirects off the allow-list', async () => {
    const bad = await fetch(`${env.SUPABASE_URL}/auth/v1/verify?token=nope&type=recovery&redirect_to=https://evil.test/x`, {
      redirect: 'manual',
    });
    const location = new URL(bad.headers.get('location')!);
    expect(location.origin).toBe(env.APP_URL);
    expect(Object.fromEntries(new URLSearchParams(location.hash.slice(1)))).toEqual({
      error: 'access_denied',
      error_code: 'otp_expired',
      error_description: 'Email link is invalid or has expired',
    });
  });
});

describe('PKCE', () => {
  it('@supabase/ssr: recovery link answers ?code=, exchanged for a session stored in cookies', async () => {
    const { email } = await registeredUser('ssr-pkce');
    const jar = new Map<string, string>();
    const supabase = createServerClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
      realtime,
      cookies: {
        getAll: () => [...jar].map(([name, value]) => ({ name, value })),
        setAll: (cookies) => {
          for (const { name, value, options } of cookies) {
            if (!value || options.maxAge === 0) jar.delete(name);
            else jar.set(name, value);
          }
        },
      },
    });
    const { error } = await supabase.auth.resetPasswordForEmail(email, { redirectTo: 'http://localhost:3000/auth/callback' });
    expect(error).toBeNull();
    const [mail] = await mailTo(email);
    expect(mail.tokenHash!.startsWith('pkce_')).toBe(true);

    const response = await fetch(mail.links[0], { redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('http://localhost:3000/auth/callback');
    const code = location.searchParams.get('code')!;
    expect(location.hash).toBe('');

    const exchanged = await supabase.auth.exchangeCodeForSession(code);
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.user!.email).toBe(email);
    expect([...jar.keys()].some((name) => name.startsWith('sb-127-auth-token'))).toBe(true);
    const { data } = await supabase.auth.getUser();
    expect(data.user!.email).toBe(email);

    const replay = await authFetch('/token?grant_type=pkce', { method: 'POST', body: { auth_code: code, code_verifier: 'x'.repeat(43) } });
    expect([replay.status, replay.json?.code]).toEqual([404, 'flow_state_not_found']);
  });

  it('plain challenges work and a wrong verifier is refused with 403 bad_code_verifier', async () => {
    const { email } = await registeredUser('plain-pkce');
    const verifier = `plain-verifier-${'v'.repeat(40)}`;
    await authFetch('/recover?redirect_to=http://localhost:3000/auth/callback', {
      method: 'POST',
      body: { email, code_challenge: verifier, code_challenge_method: 'plain' },
    });
    const [mail] = await mailTo(email);
    const response = await fetch(mail.links[0], { redirect: 'manual' });
    const code = new URL(response.headers.get('location')!).searchParams.get('code')!;

    const wrong = await authFetch('/token?grant_type=pkce', { method: 'POST', body: { auth_code: code, code_verifier: `${verifier}x` } });
    expect([wrong.status, wrong.json?.code]).toEqual([403, 'bad_code_verifier']);
    const right = await authFetch('/token?grant_type=pkce', { method: 'POST', body: { auth_code: code, code_verifier: verifier } });
    expect(right.status).toBe(200);
    expect(right.json).toMatchObject({ token_type: 'bearer', user: { email } });
  });
});

describe('the mail viewer', () => {
  it('lists messages newest first as HTML with escaped content and clickable links', async () => {
    const { email } = await registeredUser('viewer');
    await requestRecovery(email);
    await requestRecovery(email);
    const messages = await mailTo(email);
    expect(messages).toHaveLength(2);
    expect(messages[0].sentAt >= messages[1].sentAt).toBe(true);

    const inbox = await (await fetch(`${env.MAIL_URL}/?to=${encodeURIComponent(email)}`)).text();
    expect(inbox).toContain(`href="/messages/${messages[0].id}"`);
    expect(inbox).toContain('/auth/v1/verify?token=');
    expect(inbox).toContain('&#38;type=recovery');
    const page = await fetch(`${env.MAIL_URL}/messages/${messages[0].id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Reset Your Password');
    expect((await fetch(`${env.MAIL_URL}/api/messages/${messages[0].id}`)).status).toBe(200);
  });
});
