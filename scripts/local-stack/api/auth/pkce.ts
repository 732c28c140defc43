// PKCE (RFC 7636) as GoTrue supports it for email flows: the client sends a code challenge with
// /signup or /recover, the email link hands back an auth code, and only the holder of the
// matching verifier can exchange it for a session.
import crypto from 'node:crypto';
import { validationFailed } from './errors.ts';

export type ChallengeMethod = 's256' | 'plain';

export interface CodeChallenge {
  challenge: string;
  method: ChallengeMethod;
}

/** Reads `code_challenge` / `code_challenge_method` from a request body (both or neither). */
export function readCodeChallenge(body: { code_challenge?: string | null; code_challenge_method?: string | null }): CodeChallenge | null {
  const challenge = body.code_challenge?.trim();
  const method = body.code_challenge_method?.trim().toLowerCase();
  if (!challenge && !method) return null;
  if (!challenge || !method) {
    throw validationFailed('PKCE flow requires code_challenge_method and code_challenge');
  }
  if (method !== 's256' && method !== 'plain') {
    throw validationFailed(`code_challenge_method must be "s256" or "plain", not "${method}"`);
  }
  if (challenge.length < 43 || challenge.length > 128) {
    throw validationFailed('code_challenge must be between 43 and 128 characters');
  }
  return { challenge, method };
}

export function verifierMatches(verifier: string, { challenge, method }: CodeChallenge): boolean {
  const expected = method === 's256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier;
  const a = Buffer.from(expected);
  const b = Buffer.from(challenge);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
