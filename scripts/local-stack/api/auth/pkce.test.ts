import { describe, expect, it } from 'vitest';
import { readCodeChallenge, verifierMatches } from './pkce.ts';

// The example pair from RFC 7636, appendix B.
const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE', () => {
  it('matches the RFC 7636 S256 example and rejects another verifier', () => {
    expect(verifierMatches(verifier, { challenge, method: 's256' })).toBe(true);
    expect(verifierMatches(`${verifier}x`, { challenge, method: 's256' })).toBe(false);
  });

  it('compares plain challenges as they are', () => {
    expect(verifierMatches(verifier, { challenge: verifier, method: 'plain' })).toBe(true);
  });

  it('accepts the upper-case method name supabase-js used to send and rejects half a challenge', () => {
    expect(readCodeChallenge({ code_challenge: challenge, code_challenge_method: 'S256' })).toEqual({
      challenge,
      method: 's256',
    });
    expect(readCodeChallenge({})).toBeNull();
    expect(() => readCodeChallenge({ code_challenge: challenge })).toThrow(/code_challenge_method/);
  });
});
