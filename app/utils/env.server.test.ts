import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './env.server';

const url = 'http://127.0.0.1:54321';

describe('parseServerEnv', () => {
  it('runs on Supabase’s current keys alone: SUPABASE_URL and SUPABASE_PUBLISHABLE_KEY', () => {
    expect(parseServerEnv({ SUPABASE_URL: url, SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_abc' })).toEqual({
      SUPABASE_URL: url,
      SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_abc',
    });
  });

  it('prefers the publishable key and still accepts a legacy anon key on its own', () => {
    expect(parseServerEnv({ SUPABASE_URL: url, SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_abc', SUPABASE_ANON_KEY: 'eyJ.legacy' }))
      .toEqual({ SUPABASE_URL: url, SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_abc' });
    expect(parseServerEnv({ SUPABASE_URL: url, SUPABASE_ANON_KEY: 'eyJ.legacy' }))
      .toEqual({ SUPABASE_URL: url, SUPABASE_PUBLISHABLE_KEY: 'eyJ.legacy' });
  });

  it('names every missing variable', () => {
    expect(() => parseServerEnv({})).toThrow(/SUPABASE_URL is required/);
    expect(() => parseServerEnv({ SUPABASE_URL: url })).toThrow(/SUPABASE_PUBLISHABLE_KEY is required/);
  });

  it('treats an empty value as missing and rejects a non-URL', () => {
    expect(() => parseServerEnv({ SUPABASE_URL: '', SUPABASE_PUBLISHABLE_KEY: 'key' })).toThrow(/SUPABASE_URL is required/);
    expect(() => parseServerEnv({ SUPABASE_URL: url, SUPABASE_PUBLISHABLE_KEY: '' })).toThrow(/SUPABASE_PUBLISHABLE_KEY is required/);
    expect(() => parseServerEnv({ SUPABASE_URL: 'not a url', SUPABASE_PUBLISHABLE_KEY: 'key' })).toThrow(
      /SUPABASE_URL must be a URL/,
    );
  });

  it('refuses a secret key as the public key and ignores the secret and service-role keys', () => {
    expect(() => parseServerEnv({ SUPABASE_URL: url, SUPABASE_PUBLISHABLE_KEY: 'sb_secret_abc' })).toThrow(
      /SUPABASE_PUBLISHABLE_KEY must be the publishable key/,
    );
    const env = parseServerEnv({
      SUPABASE_URL: url,
      SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_abc',
      SUPABASE_SECRET_KEY: 'sb_secret_abc',
      SUPABASE_SERVICE_ROLE_KEY: 'secret',
    });
    expect(Object.keys(env)).toEqual(['SUPABASE_URL', 'SUPABASE_PUBLISHABLE_KEY']);
  });
});
