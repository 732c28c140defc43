// The settings the stand-in honours, read from supabase/config.toml so both stack modes share
// one source of truth.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { projectRoot, type StackProfile } from '../../lib/profile.ts';

/** [auth.rate_limit]: requests per client IP that Auth admits (auth/rate-limits.ts says how). */
export interface AuthRateLimits {
  /** Anonymous sign-ins per hour. */
  anonymousUsers: number;
  /** Email sign-ups, password recoveries and user updates per 5 minutes (GoTrue's RATE_LIMIT_OTP). */
  signInSignUps: number;
  /** /token requests (password sign-ins, refreshes, PKCE exchanges) per 5 minutes. */
  tokenRefresh: number;
  /** /verify requests per 5 minutes. */
  tokenVerifications: number;
}

export interface StandInConfig {
  api: { schemas: string[]; extraSearchPath: string[]; maxRows: number };
  auth: {
    siteUrl: string;
    additionalRedirectUrls: string[];
    jwtExpiry: number;
    enableSignup: boolean;
    enableAnonymousSignIns: boolean;
    minimumPasswordLength: number;
    passwordRequirements: string;
    enableConfirmations: boolean;
    enableRefreshTokenRotation: boolean;
    refreshTokenReuseInterval: number;
    /** Seconds an emailed one-time token stays valid ([auth.email] otp_expiry). */
    otpExpiry: number;
    /** `pg-functions://…` URI of the enabled before-user-created hook, or null. */
    beforeUserCreatedHookUri: string | null;
    rateLimit: AuthRateLimits;
    /**
     * GoTrue's GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED (config.toml has no such key): the rate
     * limits count per the IP address in a request's `Sb-Forwarded-For` header when it has one.
     * On by default here, so the app's forwarding of its visitors' addresses is exercised locally.
     */
    sbForwardedForEnabled: boolean;
    /** [auth.external.<provider>]: which built-in OAuth providers are on, and whether they may omit the email. */
    external: Record<string, ExternalProviderSettings>;
  };
}

export interface ExternalProviderSettings {
  enabled: boolean;
  emailOptional: boolean;
}

type Table = Record<string, unknown>;

function table(value: unknown): Table {
  return value && typeof value === 'object' ? (value as Table) : {};
}

/**
 * The settings of supabase/config.toml; a stack profile may replace the rate limits (the test and
 * scratch stacks sign up hundreds of users from one address within minutes).
 */
export function readStandInConfig(profile?: StackProfile, file = path.join(projectRoot, 'supabase', 'config.toml')): StandInConfig {
  const toml = parse(fs.readFileSync(file, 'utf8'));
  const api = table(toml.api);
  const auth = table(toml.auth);
  const email = table(auth.email);
  const rateLimit = table(auth.rate_limit);
  const beforeUserCreatedHook = table(table(auth.hook).before_user_created);
  return {
    api: {
      schemas: (api.schemas as string[] | undefined) ?? ['public'],
      extraSearchPath: (api.extra_search_path as string[] | undefined) ?? ['public', 'extensions'],
      maxRows: Number(api.max_rows ?? 1000),
    },
    auth: {
      // Each profile serves its app on its own port (APP_URL): links in its mails and Auth's
      // redirects must lead there, not to the dev app's site_url.
      siteUrl: profile && profile.name !== 'dev' ? `http://localhost:${profile.appPort}` : String(auth.site_url ?? 'http://localhost:3000'),
      additionalRedirectUrls: (auth.additional_redirect_urls as string[] | undefined) ?? [],
      jwtExpiry: Number(auth.jwt_expiry ?? 3600),
      enableSignup: auth.enable_signup !== false,
      enableAnonymousSignIns: auth.enable_anonymous_sign_ins === true,
      minimumPasswordLength: Number(auth.minimum_password_length ?? 6),
      passwordRequirements: String(auth.password_requirements ?? ''),
      enableConfirmations: email.enable_confirmations === true,
      enableRefreshTokenRotation: auth.enable_refresh_token_rotation !== false,
      refreshTokenReuseInterval: Number(auth.refresh_token_reuse_interval ?? 10),
      otpExpiry: Number(email.otp_expiry ?? 3600),
      beforeUserCreatedHookUri:
        beforeUserCreatedHook.enabled === true ? String(beforeUserCreatedHook.uri ?? '') : null,
      // Defaults are the CLI's (supabase/cli pkg/config), as config.toml's comments give them.
      rateLimit: {
        anonymousUsers: Number(rateLimit.anonymous_users ?? 30),
        signInSignUps: Number(rateLimit.sign_in_sign_ups ?? 30),
        tokenRefresh: Number(rateLimit.token_refresh ?? 150),
        tokenVerifications: Number(rateLimit.token_verifications ?? 30),
        ...profile?.authRateLimits,
      },
      sbForwardedForEnabled: true,
      external: Object.fromEntries(
        Object.entries(table(auth.external)).map(([name, value]) => {
          const settings = table(value);
          return [name, { enabled: settings.enabled === true, emailOptional: settings.email_optional === true }];
        }),
      ),
    },
  };
}
