// Whether the account page offers "Redeem an invite code". The database decides membership
// (private.enroll's membership_required, redeem_invitation's already_member); this only mirrors
// the same three facts so the form is shown to the people it is for: in invite-only mode, an
// account that has no redeemed code, is not exempted by an operator and is not an admin.
import type { SignupMode } from '~/models/settings.server';

export interface MembershipFacts {
  mode: SignupMode;
  invitationId: string | null | undefined;
  role: string | null | undefined;
  inviteExempt: boolean;
}

export function canRedeemInvitation({ mode, invitationId, role, inviteExempt }: MembershipFacts): boolean {
  return mode === 'invite_only' && !invitationId && role !== 'admin' && !inviteExempt;
}
