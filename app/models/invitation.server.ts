// Invite codes, as the signup form and the account page see them: "would this code admit me
// now, and if not why", and redeeming one later (an OAuth account in invite-only mode).
// Creating and disabling codes is an admin task (Studio or the admin pages).
import { errorNameOf, type RpcResult } from '~/utils/rpc-errors';
import type { AppSupabaseClient } from '~/utils/supabase.server';

export type InvitationCheck = { valid: true } | { valid: false; reason: string };

/** rpc('check_invitation'): never consumes the code; signup does, in the database. */
export async function checkInvitation(supabase: AppSupabaseClient, code: string): Promise<InvitationCheck> {
  const { data, error } = await supabase.rpc('check_invitation', { code });
  // PT429: this caller tried too many unknown codes this minute (the database's throttle).
  if (error && errorNameOf(error) === 'invite_checks_rate_limited') return { valid: false, reason: 'rate_limited' };
  if (error) throw error;
  if (data?.valid) return { valid: true };
  return { valid: false, reason: data?.reason ?? 'not_found' };
}

export type InvitationRedemption = { redeemed: true } | { redeemed: false; reason: string };

/**
 * rpc('redeem_invitation', { code }): makes the signed-in account a member, consuming one use of
 * the code in the database. A code that admits nobody is an answer with its reason (so the
 * database can count unknown codes against the caller's budget); too many unknown codes this
 * minute reads as the reason rate_limited, as for checkInvitation. Refusals of the caller
 * (already_member, account_required, sign_in_required) come back as errors for the route.
 */
export async function redeemInvitation(supabase: AppSupabaseClient, code: string): Promise<RpcResult<InvitationRedemption>> {
  const { data, error } = await supabase.rpc('redeem_invitation', { code });
  if (error && errorNameOf(error) === 'invite_checks_rate_limited') return { ok: true, data: { redeemed: false, reason: 'rate_limited' } };
  if (error) return { ok: false, error };
  if (data?.redeemed) return { ok: true, data: { redeemed: true } };
  return { ok: true, data: { redeemed: false, reason: data?.reason ?? 'not_found' } };
}
