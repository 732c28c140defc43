// Pieces the identity browser files share: a guest session made outside the browser, and the
// check that a form field shows its error.
import assert from 'node:assert/strict';
import { createServerClient } from '@supabase/ssr';
import type { WebSocketLikeConstructor } from '@supabase/supabase-js';
import type { Page } from 'playwright-core';
import { stackEnv } from '../../support/stack-env.ts';

class NoRealtime {
  constructor() {
    throw new Error('Realtime is not used by these tests.');
  }
}

/** A guest session made the way the storefront makes one, as cookies for the browser. */
export async function becomeGuest(): Promise<{ guestId: string; cookies: Map<string, string> }> {
  const env = stackEnv();
  const jar = new Map<string, string>();
  const guestClient = createServerClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    // Node 20 has no WebSocket, and this client never subscribes to Realtime.
    realtime: { transport: NoRealtime as unknown as WebSocketLikeConstructor },
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => jar.set(name, value)),
    },
  });
  const { data, error } = await guestClient.auth.signInAnonymously();
  assert.ifError(error);
  assert.ok(data.user?.id);
  return { guestId: data.user.id, cookies: jar };
}

/** The field labelled `label` shows `message` and is marked invalid. */
export async function expectFieldError(page: Page, label: string, message: string): Promise<void> {
  await page.getByText(message, { exact: true }).waitFor();
  assert.equal(await page.getByLabel(label, { exact: true }).getAttribute('aria-invalid'), 'true', label);
}
