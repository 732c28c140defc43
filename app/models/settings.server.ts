// Product-wide switches (public.app_settings, one row operators edit in Studio).
import { z } from '~/utils/zod';
import type { AppSupabaseClient } from '~/utils/supabase.server';

const SignupModeSchema = z.enum(['open', 'invite_only']);
export type SignupMode = z.infer<typeof SignupModeSchema>;

// No row or an unknown value: ask for a code. The database decides anyway; this only picks
// which steps the form shows, and showing the code step costs an open signup nothing real.
function toSignupMode(value: unknown): SignupMode {
  const parsed = SignupModeSchema.safeParse(value);
  return parsed.success ? parsed.data : 'invite_only';
}

/** open or invite_only, read on every call so flipping it in Studio takes effect at once. */
export async function getSignupMode(supabase: AppSupabaseClient): Promise<SignupMode> {
  const { data, error } = await supabase.from('app_settings').select('signup_mode').maybeSingle();
  if (error) throw error;
  return toSignupMode(data?.signup_mode);
}

export interface LegalVersions {
  termsVersion: string;
  privacyVersion: string;
}

/**
 * The versions of the terms of service and privacy notice the store shows now. Signup sends
 * them as accepted; the database records them only if they are still current.
 */
export async function getLegalVersions(supabase: AppSupabaseClient): Promise<LegalVersions> {
  const { data, error } = await supabase.from('app_settings').select('terms_version, privacy_version').maybeSingle();
  if (error) throw error;
  return { termsVersion: data?.terms_version ?? '', privacyVersion: data?.privacy_version ?? '' };
}

/** What the signup form needs, in one read: the mode and the legal texts' versions. */
export async function getSignupSettings(supabase: AppSupabaseClient): Promise<{ mode: SignupMode; legal: LegalVersions }> {
  const { data, error } = await supabase
    .from('app_settings')
    .select('signup_mode, terms_version, privacy_version')
    .maybeSingle();
  if (error) throw error;
  return {
    mode: toSignupMode(data?.signup_mode),
    legal: { termsVersion: data?.terms_version ?? '', privacyVersion: data?.privacy_version ?? '' },
  };
}
