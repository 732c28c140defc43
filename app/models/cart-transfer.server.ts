// The cart follows a guest who signs in (supabase/migrations/20261202000620_cart_transfers.sql):
// as the guest, just before signing in, the login action takes a one-time token; as the member,
// just after, it claims it, and the guest's holds move into the member's cart in one
// transaction. What moved and what did not reaches the cart page in a short-lived cookie.
import { createCookie } from '@remix-run/node';
import { z } from '~/utils/zod';
import type { RpcResult } from '~/utils/rpc-errors';
import type { AppSupabaseClient } from '~/utils/supabase.server';

const MovedLineSchema = z.object({
  name: z.string().max(200),
  guestQuantity: z.number().int().min(0),
  moved: z.number().int().min(0),
  reason: z.enum(['hold_limit', 'not_enough_stock', 'expired']).nullable(),
});

export type MovedCartLine = z.infer<typeof MovedLineSchema>;

/** At most this many lines are reported (a cookie holds about 4 KB). */
const REPORTED_LINES = 20;

const cartTransferCookie = createCookie('cart_transfer', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 10 * 60,
});

/**
 * For a sign-in that leaves the site (LINE, Kakao): the guest's token waits in this browser,
 * httpOnly, until Auth brings the person back (app/routes/auth.confirm.tsx claims it).
 */
const pendingTransferCookie = createCookie('cart_transfer_token', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 10 * 60,
});

export async function rememberTransferToken(token: string): Promise<string> {
  return pendingTransferCookie.serialize(token);
}

/** The waiting token (null when none), and the header that forgets it. */
export async function takeTransferToken(request: Request): Promise<{ token: string | null; clear: string }> {
  const raw: unknown = await pendingTransferCookie.parse(request.headers.get('Cookie'));
  return {
    token: typeof raw === 'string' && raw.length > 0 && raw.length <= 100 ? raw : null,
    clear: await pendingTransferCookie.serialize('', { maxAge: 0 }),
  };
}

/** As the guest: the token that lets the account signing in take this cart along. */
export async function startCartTransfer(supabase: AppSupabaseClient): Promise<RpcResult<string>> {
  const { data, error } = await supabase.rpc('start_cart_transfer');
  return error ? { ok: false, error } : { ok: true, data };
}

/** As the member who just signed in: moves the guest's holds in; a line per guest line. */
export async function claimCartTransfer(supabase: AppSupabaseClient, token: string): Promise<RpcResult<MovedCartLine[]>> {
  const { data, error } = await supabase.rpc('claim_cart_transfer', { token });
  if (error) return { ok: false, error };
  return {
    ok: true,
    data: (data ?? []).map((line) => ({
      name: line.product_name ?? '',
      guestQuantity: line.guest_quantity ?? 0,
      moved: line.moved ?? 0,
      reason: MovedLineSchema.shape.reason.catch(null).parse(line.reason),
    })),
  };
}

export async function serializeMovedCart(lines: MovedCartLine[]): Promise<string> {
  return cartTransferCookie.serialize(lines.slice(0, REPORTED_LINES));
}

/** What the last sign-in moved (null when nothing is to be told), and the header that forgets it. */
export async function readMovedCart(request: Request): Promise<{ lines: MovedCartLine[] | null; clear: string | null }> {
  const raw: unknown = await cartTransferCookie.parse(request.headers.get('Cookie'));
  if (raw === null || raw === undefined) return { lines: null, clear: null };
  const parsed = z.array(MovedLineSchema).max(REPORTED_LINES).safeParse(raw);
  return { lines: parsed.success && parsed.data.length > 0 ? parsed.data : null, clear: await cartTransferCookie.serialize('', { maxAge: 0 }) };
}
