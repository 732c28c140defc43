// requestRecovery against a stand-in Auth on 127.0.0.1: what it sends, and how each answer maps
// to the outbox protocol (200 → sent; a refusal or no connection → retried; no answer → unknown).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestRecovery } from '../../mailer/recovery.ts';

let status = 200;
let hang = false;
const seen: { url: string; apikey: string | undefined; body: string }[] = [];
const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    seen.push({ url: request.url ?? '', apikey: request.headers.apikey as string | undefined, body });
    if (hang) return;
    response.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{}' : '{"msg":"over_email_send_rate_limit"}');
  });
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('requestRecovery', () => {
  it('posts the email with the anon key, redirecting to the reset page in the member\'s language', async () => {
    status = 200;
    expect(await requestRecovery('a@b.test', 'th', { supabaseUrl: base, supabaseAnonKey: 'anon-key', appUrl: 'http://localhost:3000' })).toEqual({ ok: true });
    const [request] = seen.slice(-1);
    expect(JSON.parse(request.body)).toEqual({ email: 'a@b.test' });
    expect(request.apikey).toBe('anon-key');
    const url = new URL(request.url, base);
    expect(url.pathname).toBe('/auth/v1/recover');
    expect(url.searchParams.get('redirect_to')).toBe('http://localhost:3000/auth/confirm?next=%2Fth%2Freset-password');
  });

  it('an Auth refusal is a refusal (retried with backoff)', async () => {
    status = 429;
    const result = await requestRecovery('a@b.test', 'en', { supabaseUrl: base, supabaseAnonKey: 'k', appUrl: 'http://localhost:3000' });
    expect(result).toMatchObject({ ok: false, refused: true });
    expect(!result.ok && result.error).toContain('429');
  });

  it('no configuration or no connection is a refusal too; no answer in time is unknown', async () => {
    expect(await requestRecovery('a@b.test', 'en', { appUrl: 'http://localhost:3000' })).toMatchObject({ ok: false, refused: true });
    expect(await requestRecovery('a@b.test', 'en', { supabaseUrl: 'http://127.0.0.1:1', supabaseAnonKey: 'k', appUrl: 'http://localhost:3000' }))
      .toMatchObject({ ok: false, refused: true });
    hang = true;
    expect(await requestRecovery('a@b.test', 'en', { supabaseUrl: base, supabaseAnonKey: 'k', appUrl: 'http://localhost:3000', timeoutMs: 200 }))
      .toMatchObject({ ok: false, refused: false });
    hang = false;
  });
});
