// Supabase Auth's per-IP request limits, [auth.rate_limit] in config.toml, enforced the way GoTrue
// enforces them (internal/api/apilimiter/apilimiter.go, middleware.go, api.go, token.go):
// - each limiter keeps one token bucket per client IP (tollbooth over golang.org/x/time/rate): it
//   holds `burst` requests and refills at the configured number per window; a bucket lives an
//   hour from its creation, then the IP starts again with a full one;
// - anonymous_users: anonymous sign-ins, per hour, burst = the limit;
// - sign_in_sign_ups (GoTrue's RATE_LIMIT_OTP): email sign-ups, password recoveries and user
//   updates, each in a bucket of its own, per 5 minutes, burst 30 (also OTP and magic-link
//   sign-ins, which the stand-in refuses). Password sign-ins are not among them: they are /token
//   requests;
// - token_refresh: every /token request (password, refresh_token and pkce grants), per 5 minutes,
//   burst 30;
// - token_verifications: /verify, GET and POST, per 5 minutes, burst 30.
// A burst of 30 means a limit above 30 per window still admits at most 30 requests at once.
// Over the limit: 429 `over_request_rate_limit` "Request rate limit reached".
import net from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { AuthRateLimits } from '../config.ts';
import { AuthError } from './errors.ts';
import type { AuthRequest } from './request.ts';

export type LimiterName = 'anonymousSignIns' | 'signups' | 'recover' | 'userUpdates' | 'token' | 'verify';

interface BucketRule {
  perSecond: number;
  burst: number;
}

const hourMs = 60 * 60 * 1000;
const fiveMinutes = 5 * 60;

function rulesFor(limits: AuthRateLimits): Record<LimiterName, BucketRule> {
  const per5Minutes = (limit: number): BucketRule => ({ perSecond: limit / fiveMinutes, burst: 30 });
  return {
    anonymousSignIns: { perSecond: limits.anonymousUsers / 3600, burst: Math.trunc(limits.anonymousUsers) },
    signups: per5Minutes(limits.signInSignUps),
    recover: per5Minutes(limits.signInSignUps),
    userUpdates: per5Minutes(limits.signInSignUps),
    token: per5Minutes(limits.tokenRefresh),
    verify: per5Minutes(limits.tokenVerifications),
  };
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  expiresAt: number;
}

/** One limiter: a token bucket per key. */
export class TokenBuckets {
  private buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: BucketRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from the key's bucket; false (and nothing taken) when it is empty. */
  take(key: string): boolean {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.expiresAt <= now) {
      if (this.buckets.size >= 10_000) this.dropExpired(now);
      bucket = { tokens: this.rule.burst, updatedAt: now, expiresAt: now + hourMs };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.rule.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.rule.perSecond);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private dropExpired(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.expiresAt <= now) this.buckets.delete(key);
  }
}

/** Go's net.ParseIP(...).String(): the canonical form of an IP address, or null for anything else. */
export function canonicalIp(value: string): string | null {
  const version = net.isIP(value);
  if (version === 4) return value;
  if (version !== 6) return null;
  const canonical = new URL(`http://[${value}]/`).hostname.slice(1, -1);
  // An IPv4-mapped address is the IPv4 address to Go.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * The IP address a request counts against. With Sb-Forwarded-For honoured (GoTrue's
 * GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED), its first value when that is an IP address; else
 * the address of the connection: the stand-in is its own gateway, and on a hosted project the
 * gateway hands GoTrue that address in the header GOTRUE_RATE_LIMIT_HEADER names.
 */
export function rateLimitKey(req: IncomingMessage, sbForwardedForEnabled: boolean): string | null {
  const header = req.headers['sb-forwarded-for'];
  if (sbForwardedForEnabled && typeof header === 'string' && header !== '') {
    const ip = canonicalIp(header.split(',')[0].trim());
    if (ip) return ip;
    // GoTrue logs this and falls back to its usual key.
    console.warn(`[auth] ignoring Sb-Forwarded-For "${header}": its first value is not an IP address`);
  }
  const address = req.socket.remoteAddress;
  return address ? (canonicalIp(address) ?? address) : null;
}

/** Every limiter of one Auth server. */
export class AuthRateLimiters {
  private limiters: Record<LimiterName, TokenBuckets>;

  constructor(limits: AuthRateLimits) {
    const rules = rulesFor(limits);
    this.limiters = Object.fromEntries(
      Object.entries(rules).map(([name, rule]) => [name, new TokenBuckets(rule)]),
    ) as Record<LimiterName, TokenBuckets>;
  }

  /** Counts the request against `limiter`; throws GoTrue's 429 when the client's bucket is empty. */
  check(limiter: LimiterName, req: IncomingMessage, sbForwardedForEnabled: boolean): void {
    const key = rateLimitKey(req, sbForwardedForEnabled);
    if (key !== null && !this.limiters[limiter].take(key)) {
      throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
    }
  }
}

/** Counts `request` against one of its server's limiters: GoTrue's 429 when the client is over it. */
export function limitRequest(request: AuthRequest, limiter: LimiterName): void {
  request.context.authRateLimits.check(limiter, request.req, request.context.config.auth.sbForwardedForEnabled);
}
