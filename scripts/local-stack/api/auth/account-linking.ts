// GoTrue's automatic account linking (internal/models/linking.go, DetermineAccountLinking) for
// the default linking domain: the same (provider, sub) is the same user; otherwise a verified
// email (or any email when the mailer autoconfirms, i.e. confirmations are off) that an
// existing account has links the new identity to that account; otherwise a new account, which
// keeps the provider's email only if no other account uses it.
import type { Db } from './db.ts';
import type { ProviderEmail } from './external-providers.ts';
import { findUserById, type UserRow } from './users.ts';

export type LinkingDecision =
  | { decision: 'account_exists'; user: UserRow; identityId: string; candidateEmail: ProviderEmail | null }
  | { decision: 'link_account'; user: UserRow; candidateEmail: ProviderEmail | null }
  | { decision: 'create_account'; candidateEmail: ProviderEmail | null }
  | { decision: 'multiple_accounts' };

export interface LinkingInput {
  emails: ProviderEmail[];
  provider: string;
  sub: string;
  /** GoTrue's Mailer.Autoconfirm: `[auth.email] enable_confirmations = false`. */
  autoconfirm: boolean;
}

export async function determineAccountLinking(db: Db, { emails, provider, sub, autoconfirm }: LinkingInput): Promise<LinkingDecision> {
  const verifiedEmails = emails.filter((email) => email.verified || autoconfirm).map((email) => email.email.toLowerCase());
  const primary = emails.find((email) => email.primary);
  const candidateEmail = primary ? { ...primary, email: primary.email.toLowerCase() } : null;

  const { rows: identities } = await db.query<{ id: string; user_id: string }>(
    'select id, user_id from auth.identities where provider_id = $1 and provider = $2',
    [sub, provider],
  );
  if (identities[0]) {
    const user = await findUserById(db, identities[0].user_id);
    if (!user) throw new Error(`identity ${identities[0].id} belongs to no user`);
    return { decision: 'account_exists', user, identityId: identities[0].id, candidateEmail: candidateEmail && { ...candidateEmail, email: user.email ?? '' } };
  }

  if (verifiedEmails.length === 0) {
    // A new account; it keeps the email only if no other account has it (IsDuplicatedEmail).
    if (candidateEmail) {
      const { rows } = await db.query('select 1 from auth.users where email = $1 and is_sso_user = false and deleted_at is null', [candidateEmail.email]);
      if (rows.length > 0) return { decision: 'create_account', candidateEmail: { ...candidateEmail, email: '' } };
    }
    return { decision: 'create_account', candidateEmail };
  }

  // Identities of other providers with the same email (all in the default linking domain here,
  // as no provider is configured into another one), and accounts with that email.
  const { rows: similarIdentities } = await db.query<{ user_id: string }>(
    'select user_id from auth.identities where email = any ($1)',
    [verifiedEmails],
  );
  const { rows: similarUsers } = await db.query<{ id: string }>(
    'select id from auth.users where email = any ($1) and is_sso_user = false and deleted_at is null',
    [verifiedEmails],
  );
  if (similarIdentities.length === 0) {
    if (similarUsers.length === 1) {
      const user = await findUserById(db, similarUsers[0].id);
      if (user) return { decision: 'link_account', user, candidateEmail };
    }
    if (similarUsers.length > 1) return { decision: 'multiple_accounts' };
    return { decision: 'create_account', candidateEmail };
  }
  const userIds = new Set(similarIdentities.map((identity) => identity.user_id));
  if (userIds.size > 1) return { decision: 'multiple_accounts' };
  const user = await findUserById(db, similarIdentities[0].user_id);
  if (!user) return { decision: 'multiple_accounts' };
  return { decision: 'link_account', user, candidateEmail };
}
