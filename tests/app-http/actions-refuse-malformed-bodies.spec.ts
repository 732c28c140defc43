// Every route with an action, found in app/routes, gets bodies that are no form (JSON, text, no
// Content-Type) and forms that cannot be read (multipart cut off or without a boundary), as a
// visitor and signed in. None may answer 5xx or show a stack; each answers 4xx for the identity
// its action reads the body as (the other may be redirected first, to /login or away from it).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/lib/profile.ts';
import { stackEnv } from '../support/stack-env.ts';
import { createTestClient } from '../support/supabase-client.ts';

const env = stackEnv();
const routesDir = path.join(projectRoot, 'app', 'routes');

/** Actions that read no body at all, so any post does what they always do. */
const bodyless: Record<string, string> = {
  'logout.tsx': 'signs out whatever was posted (the page language in the form is optional)',
};

/** Sample values for the dynamic segments of route files. */
const paramSamples: Record<string, string> = {
  lang: 'th', orderId: crypto.randomUUID(), slug: 'no-such-product', eventId: crypto.randomUUID(), userId: crypto.randomUUID(),
};

/** The URL of a Remix v2 flat route file: dots are slashes, `$x` a parameter, `x_` no nesting. */
function routePath(file: string): string {
  const segments = file.replace(/\.tsx?$/, '').split('.').map((segment) => segment.replace(/_$/, ''));
  const parts = segments.filter((segment) => segment !== '_index').map((segment) => {
    if (!segment.startsWith('$')) return segment;
    const sample = paramSamples[segment.slice(1)];
    if (!sample) throw new Error(`Add a sample value for "${segment}" (${file}) to paramSamples`);
    return sample;
  });
  return `/${parts.join('/')}`;
}

const actionRoutes = fs
  .readdirSync(routesDir)
  .filter((file) => /\.tsx?$/.test(file) && /export (async function|const) action\b/.test(fs.readFileSync(path.join(routesDir, file), 'utf8')))
  .sort();

const malformed: { name: string; contentType?: string; body?: string }[] = [
  { name: 'JSON', contentType: 'application/json', body: '{"intent":"add","quantity":1}' },
  { name: 'plain text', contentType: 'text/plain', body: 'intent=add' },
  { name: 'no Content-Type', body: 'intent=add' },
  { name: 'truncated multipart', contentType: 'multipart/form-data; boundary=XX', body: '--XX\r\nContent-Disposition: form-data; name="intent"\r\n\r\nad' },
  { name: 'multipart without a boundary', contentType: 'multipart/form-data', body: '--XX\r\nContent-Disposition: form-data; name="intent"\r\n\r\nadd\r\n--XX--\r\n' },
];

// A stack as Node prints it, or the kind of error a 500 page shows in development.
const stackTrace = /\n\s+at .+[(\s]\S+:\d+:\d+\)?|TypeError|node_modules|\.server\.ts/;

const email = `form-bodies-${crypto.randomBytes(4).toString('hex')}@example.com`;
const password = `pw-${crypto.randomBytes(8).toString('hex')}`;
let userId = '';
let signedInCookie = '';

beforeAll(async () => {
  const admin = createTestClient(env.SUPABASE_SERVICE_ROLE_KEY);
  const created = await admin.auth.admin.createUser({ email, password, email_confirm: true });
  if (created.error) throw created.error;
  userId = created.data.user.id;
  // Signed in through the app's own login form, so the cookie is exactly what a browser holds.
  const login = await fetch(`${env.APP_URL}/en/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, redirectTo: '/' }),
  });
  expect(login.status).toBe(302);
  signedInCookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  expect(signedInCookie).toContain('auth-token');
});

afterAll(async () => {
  if (userId) await createTestClient(env.SUPABASE_SERVICE_ROLE_KEY).auth.admin.deleteUser(userId);
});

async function post(target: string, cookie: string, contentType?: string, body?: string) {
  const response = await fetch(`${env.APP_URL}${target}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...(contentType ? { 'Content-Type': contentType } : {}), ...(cookie ? { Cookie: cookie } : {}), Origin: env.APP_URL },
    body,
  });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

describe('actions and bodies that are no readable form', () => {
  it('finds the routes with actions', () => {
    expect(actionRoutes).toEqual(expect.arrayContaining(['$lang.cart.tsx', '$lang.checkout.tsx', '$lang.signup.tsx', '$lang.login.tsx', '$lang.account.tsx', 'language.ts']));
  });

  it.each(actionRoutes)('%s answers 4xx without a stack, never 5xx', async (file) => {
    const target = routePath(file);
    for (const { name, contentType, body } of malformed) {
      const statuses: number[] = [];
      for (const [who, cookie] of [['visitor', ''], ['signed in', signedInCookie]] as const) {
        const { status, location, text } = await post(target, cookie, contentType, body);
        const what = `${name} to ${target} as ${who} → ${status} ${location ?? ''} ${text.slice(0, 300)}`;
        expect(status, what).toBeLessThan(500);
        expect(text, what).not.toMatch(stackTrace);
        if (status >= 300 && status < 400) expect(location, what).toBeTruthy();
        else if (!bodyless[file]) expect(status, what).toBeGreaterThanOrEqual(400);
        statuses.push(status);
      }
      if (!bodyless[file]) expect(statuses.some((status) => status >= 400), `${name} to ${target}: no identity reached the body`).toBe(true);
    }
  });

  it('answers a fetcher (?_data=) with the reason as JSON', async () => {
    const json = await post('/en/cart?_data=routes%2F%24lang.cart', '', 'application/json', '{"intent":"add"}');
    expect(json.status).toBe(415);
    expect(JSON.parse(json.text)).toEqual({ message: 'Send this form as application/x-www-form-urlencoded or multipart/form-data.' });
    const truncated = await post('/en/cart?_data=routes%2F%24lang.cart', '', 'multipart/form-data; boundary=XX', '--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nb');
    expect(truncated.status).toBe(400);
    expect(JSON.parse(truncated.text)).toEqual({ message: 'The form data could not be read. Reload the page and try again.' });
  });

  it('still takes a real form', async () => {
    const { status } = await post('/en/login', '', 'application/x-www-form-urlencoded', new URLSearchParams({ email, password: 'wrong' }).toString());
    expect(status).toBe(400);
  });
});
