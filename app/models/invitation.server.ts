// Invite codes, as the signup form sees them: only "would this code admit me now, and if not
// why". Creating and disabling codes is an admin task (Studio or the admin pages).
import { errorNameOf } from '~/utils/rpc-errors';
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
