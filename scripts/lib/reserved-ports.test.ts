import { describe, expect, it } from 'vitest';
import { covers, parsePortRanges, STACK_PORT_RANGE } from './reserved-ports.ts';
import { getProfile, profileNames } from './profile.ts';

describe('reserved stack ports', () => {
  it('the reserved range covers every port of every profile that lies in the ephemeral range', () => {
    for (const name of profileNames) {
      const profile = getProfile(name);
      for (const port of [profile.apiPort, profile.dbPort, profile.mailPort, profile.smtpPort, profile.identityProviderPort]) {
        expect(port >= STACK_PORT_RANGE.from && port <= STACK_PORT_RANGE.to, `${name}:${port}`).toBe(true);
      }
      // App ports stay below Linux's ephemeral range (32768-60999), so they need no reservation.
      expect(profile.appPort).toBeLessThan(32768);
    }
  });

  it('reads the kernel list and knows when the range is already covered', () => {
    expect(parsePortRanges('')).toEqual([]);
    expect(parsePortRanges('8080,54300-54500')).toEqual([[8080, 8080], [54300, 54500]]);
    expect(covers(parsePortRanges('54300-54500'), STACK_PORT_RANGE)).toBe(true);
    expect(covers(parsePortRanges('54320-54400'), STACK_PORT_RANGE)).toBe(false);
    // What machines reserved before test17 (ports 54411-54415) existed: it gets extended.
    expect(covers(parsePortRanges('54320-54410'), STACK_PORT_RANGE)).toBe(false);
  });
});
