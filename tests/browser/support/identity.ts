// Pieces the identity browser files share: a guest session made outside the browser, the check
// that a form field shows its error, and running a test in a sign-up mode.
import assert from 'node:assert/strict';
import { createServerClient } from '@supabase/ssr';
import type { WebSocketLikeConstructor } from '@supabase/supabase-js';
import type pg from 'pg';
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

/**
 * Runs `body` with sign-up in `mode` (set as postgres, as an operator does in Studio) and always
 * puts the previous mode back. The mode is stack-wide, so the files that use this run alone
 * (scripts/test-browser.ts, SERIAL_FILES).
 */
export async function withSignupMode(db: pg.Client, mode: 'open' | 'invite_only', body: () => Promise<void>): Promise<void> {
  const { rows } = await db.query<{ signup_mode: string }>('select signup_mode from public.app_settings');
  await db.query('update public.app_settings set signup_mode = $1', [mode]);
  try {
    await body();
  } finally {
    await db.query('update public.app_settings set signup_mode = $1', [rows[0]?.signup_mode ?? 'open']);
  }
}
