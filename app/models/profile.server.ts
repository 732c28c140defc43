// The signed-in user's own profile. Rows are created by the auth.users trigger and removed by
// deleting the user; the app only reads and edits the columns the owner may change (RLS and
// column grants enforce it, so these queries cannot touch anyone else's row).
import type { Locale } from '~/i18n/locales';
import type { AccountType } from '~/utils/auth-schemas';
import type { RpcResult } from '~/utils/rpc-errors';
import type { AppSupabaseClient } from '~/utils/supabase.server';

const OWN_PROFILE_COLUMNS = 'id, first_name, last_name, display_name, phone, birthday, account_type, role, locale, invitation_id';

export async function getOwnProfile(supabase: AppSupabaseClient, userId: string) {
  const { data, error } = await supabase.from('profiles').select(OWN_PROFILE_COLUMNS).eq('id', userId).maybeSingle();
  if (error) throw error;
  return data;
}

export interface ProfileChanges {
  /** Omitted: no name (names are optional, at signup and here). */
  firstName?: string | undefined;
  lastName?: string | undefined;
  /** Omitted: derived from first and last name, as the signup trigger does. */
  displayName?: string | undefined;
  phone?: string | undefined;
  birthday?: string | undefined;
  accountType: AccountType;
}

/**
 * Saves the owner's editable details. Empty optional fields clear the column. Returns the error
 * instead of throwing so the action can map it to a form message.
 */
export async function updateOwnProfile(supabase: AppSupabaseClient, userId: string, changes: ProfileChanges): Promise<RpcResult<null>> {
  const { data, error } = await supabase
    .from('profiles')
    .update({
      first_name: changes.firstName ?? null,
      last_name: changes.lastName ?? null,
      // Empty: the database shows "first last" (private.default_display_name).
      display_name: changes.displayName ?? null,
      phone: changes.phone ?? null,
      birthday: changes.birthday ?? null,
      account_type: changes.accountType,
    })
    .eq('id', userId)
    .select('id');
  if (error) return { ok: false, error };
  // RLS turns "not yours" into zero rows rather than an error.
  if (data.length === 0) return { ok: false, error: { code: '42501', message: 'Profile not found for this user.' } };
  return { ok: true, data: null };
}

/**
 * Remembers the language the owner chose (the language switch, the account page); mails to
 * them are written in it. Null goes back to "not chosen". Returns the error like
 * updateOwnProfile; a guest has a profile too, so this works before signing up.
 */
export async function saveOwnLocale(supabase: AppSupabaseClient, userId: string, locale: Locale | null): Promise<RpcResult<null>> {
  const { data, error } = await supabase.from('profiles').update({ locale }).eq('id', userId).select('id');
  if (error) return { ok: false, error };
  if (data.length === 0) return { ok: false, error: { code: '42501', message: 'Profile not found for this user.' } };
  return { ok: true, data: null };
}

/** rpc('delete_my_account'): the auth user goes, personal data cascades, orders stay anonymised. */
export async function deleteOwnAccount(supabase: AppSupabaseClient): Promise<RpcResult<null>> {
  const { error } = await supabase.rpc('delete_my_account');
  return error ? { ok: false, error } : { ok: true, data: null };
}

/** rpc('export_my_data'): the caller's account, profile, consents, orders, holds and favorites. */
export async function exportOwnData(supabase: AppSupabaseClient) {
  const { data, error } = await supabase.rpc('export_my_data');
  if (error) throw error;
  return data;
}
