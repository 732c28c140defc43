import { describe, expect, it } from 'vitest';
import { canRedeemInvitation, type MembershipFacts } from './membership';

const nonMember: MembershipFacts = { mode: 'invite_only', invitationId: null, role: 'consumer', inviteExempt: false };

describe('canRedeemInvitation', () => {
  it('offers the form to an invite-only account without a code', () => {
    expect(canRedeemInvitation(nonMember)).toBe(true);
  });

  it('not in open mode, where everyone may enroll', () => {
    expect(canRedeemInvitation({ ...nonMember, mode: 'open' })).toBe(false);
  });

  it('not to members, admins or exempted accounts', () => {
    expect(canRedeemInvitation({ ...nonMember, invitationId: '7f0c3c1e-0000-4000-8000-000000000000' })).toBe(false);
    expect(canRedeemInvitation({ ...nonMember, role: 'admin' })).toBe(false);
    expect(canRedeemInvitation({ ...nonMember, inviteExempt: true })).toBe(false);
  });
});
