// Test identities the local provider signs people in as: a few presets with Thai, Korean and
// Taiwanese names, or one typed on its page. The subject is derived from what identifies the
// person (the key field, else the email, else the name), so typing the same identity again
// signs in as the same account, as it would be with the real provider.
import crypto from 'node:crypto';
import type { ProviderKind } from './secrets.ts';

export interface TestIdentity {
  /** What the subject is derived from; the same key is the same account at the provider. */
  key: string;
  name: string;
  /** Absolute URL of the profile picture, or null for none. */
  picture: string | null;
  /** LINE sends an email only when the user agreed to share it (and the channel may ask). */
  email: string | null;
  emailVerified: boolean;
}

export interface Preset {
  id: string;
  label: string;
  identity: Omit<TestIdentity, 'picture'> & { picture: boolean };
}

export const presets: Preset[] = [
  {
    id: 'somchai',
    label: 'สมชาย ใจดี (Thai, verified email)',
    identity: { key: 'somchai', name: 'สมชาย ใจดี', picture: true, email: 'somchai@example.com', emailVerified: true },
  },
  {
    id: 'minjun',
    label: '김민준 (Korean, verified email)',
    identity: { key: 'minjun', name: '김민준', picture: true, email: 'minjun@example.com', emailVerified: true },
  },
  {
    id: 'yijun',
    label: '陳怡君 (Taiwanese, no email)',
    identity: { key: 'yijun', name: '陳怡君', picture: true, email: null, emailVerified: false },
  },
  {
    id: 'ploy',
    label: 'ปลาย ศรีสุข (Thai, unverified email, no picture)',
    identity: { key: 'ploy', name: 'ปลาย ศรีสุข', picture: false, email: 'ploy@example.com', emailVerified: false },
  },
];

function digest(kind: ProviderKind, key: string): Buffer {
  return crypto.createHash('sha256').update(`${kind}\0${key.trim().toLowerCase()}`).digest();
}

/** LINE user ids are "U" and 32 hex digits; Kakao's are positive integers (Go's int). */
export function subjectOf(kind: ProviderKind, identity: Pick<TestIdentity, 'key' | 'email' | 'name'>): string {
  const key = identity.key.trim() || identity.email?.trim() || identity.name.trim();
  const hash = digest(kind, key);
  if (kind === 'line') return `U${hash.subarray(0, 16).toString('hex')}`;
  // 40 bits: at most 13 digits, well inside a JSON number and Go's int.
  return String(hash.readUIntBE(0, 5) + 1);
}

/** Who signed in as whom: filled when a person confirms the page, read when Auth asks for claims. */
export class IdentityBook {
  readonly #bySubject = new Map<string, { kind: ProviderKind; identity: TestIdentity }>();

  remember(kind: ProviderKind, identity: TestIdentity): string {
    const subject = subjectOf(kind, identity);
    this.#bySubject.set(subject, { kind, identity });
    return subject;
  }

  find(subject: string): { kind: ProviderKind; identity: TestIdentity } | undefined {
    return this.#bySubject.get(subject);
  }
}

/** The ID token / userinfo claims LINE Login sends: `email` only when the person shared one. */
export function lineClaims(subject: string, identity: TestIdentity, scopes: Set<string>): Record<string, unknown> {
  const claims: Record<string, unknown> = { sub: subject };
  if (scopes.has('profile')) {
    claims.name = identity.name;
    if (identity.picture) claims.picture = identity.picture;
  }
  if (scopes.has('email') && identity.email) {
    claims.email = identity.email;
    // LINE itself sends no email_verified; the page offers it to try the linking rules.
    if (identity.emailVerified) claims.email_verified = true;
  }
  return claims;
}

/** Kakao's GET /v2/user/me body, the fields GoTrue's kakao provider reads. */
export function kakaoUserMe(subject: string, identity: TestIdentity) {
  return {
    id: Number(subject),
    connected_at: new Date().toISOString(),
    properties: { nickname: identity.name, ...(identity.picture ? { profile_image: identity.picture } : {}) },
    kakao_account: {
      profile_nickname_needs_agreement: false,
      profile_image_needs_agreement: false,
      profile: {
        nickname: identity.name,
        ...(identity.picture ? { profile_image_url: identity.picture, thumbnail_image_url: identity.picture } : {}),
        is_default_image: !identity.picture,
      },
      ...(identity.email
        ? {
            email_needs_agreement: false,
            has_email: true,
            is_email_valid: true,
            is_email_verified: identity.emailVerified,
            email: identity.email,
          }
        : { has_email: false }),
    },
  };
}
