import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { canonicalIp, rateLimitKey, TokenBuckets } from './rate-limits.ts';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function takeAll(buckets: TokenBuckets, key: string, times: number): boolean[] {
  return Array.from({ length: times }, () => buckets.take(key));
}

describe('token buckets, as tollbooth keeps them', () => {
  it('admits the burst at once, then one request per refill interval', () => {
    const time = clock();
    // sign_in_sign_ups = 30 per 5 minutes: burst 30, one more every 10 s.
    const buckets = new TokenBuckets({ perSecond: 30 / 300, burst: 30 }, time.now);
    expect(takeAll(buckets, 'a', 31)).toEqual([...Array(30).fill(true), false]);
    time.advance(9_999);
    expect(buckets.take('a')).toBe(false);
    time.advance(1);
    expect(takeAll(buckets, 'a', 2)).toEqual([true, false]);
  });

  it('keeps one bucket per key', () => {
    const buckets = new TokenBuckets({ perSecond: 1 / 3600, burst: 2 }, clock().now);
    expect(takeAll(buckets, '198.51.100.1', 3)).toEqual([true, true, false]);
    expect(takeAll(buckets, '198.51.100.2', 2)).toEqual([true, true]);
  });

  it('never holds more than the burst, however long the key was quiet', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perSecond: 1, burst: 3 }, time.now);
    expect(buckets.take('a')).toBe(true);
    time.advance(10 * 60_000);
    expect(takeAll(buckets, 'a', 4)).toEqual([true, true, true, false]);
  });

  it('starts a key again with a full bucket an hour after its bucket was made', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perSecond: 0, burst: 1 }, time.now);
    expect(takeAll(buckets, 'a', 2)).toEqual([true, false]);
    time.advance(60 * 60_000 - 1);
    expect(buckets.take('a')).toBe(false);
    time.advance(1);
    expect(buckets.take('a')).toBe(true);
  });
});

describe('the IP a request counts against', () => {
  function request(headers: Record<string, string>, remoteAddress = '127.0.0.1'): IncomingMessage {
    return { headers, socket: { remoteAddress } } as unknown as IncomingMessage;
  }

  it('writes IP addresses as Go does and refuses anything else', () => {
    expect(canonicalIp('203.0.113.7')).toBe('203.0.113.7');
    expect(canonicalIp('2001:DB8:0:0::1')).toBe('2001:db8::1');
    expect(canonicalIp('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(canonicalIp('localhost')).toBeNull();
    expect(canonicalIp('203.0.113.7:443')).toBeNull();
  });

  it('takes the first Sb-Forwarded-For value when it is honoured and an IP address', () => {
    expect(rateLimitKey(request({ 'sb-forwarded-for': '203.0.113.7, 10.0.0.1' }), true)).toBe('203.0.113.7');
    expect(rateLimitKey(request({ 'sb-forwarded-for': '203.0.113.7' }), false)).toBe('127.0.0.1');
    expect(rateLimitKey(request({ 'sb-forwarded-for': 'somebody' }), true)).toBe('127.0.0.1');
  });

  it('else counts against the connection address', () => {
    expect(rateLimitKey(request({}, '127.0.0.2'), true)).toBe('127.0.0.2');
    expect(rateLimitKey(request({ 'x-forwarded-for': '203.0.113.7' }), true)).toBe('127.0.0.1');
  });
});
