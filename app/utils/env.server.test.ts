import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './env.server';

describe('parseServerEnv', () => {
  it('accepts a complete environment', () => {
    expect(parseServerEnv({ SUPABASE_URL: 'http://127.0.0.1:54321', SUPABASE_ANON_KEY: 'key' })).toEqual({
      SUPABASE_URL: 'http://127.0.0.1:54321',
      SUPABASE_ANON_KEY: 'key',
    });
  });

  it('names every missing variable', () => {
    expect(() => parseServerEnv({})).toThrow(/SUPABASE_URL is required/);
    expect(() => parseServerEnv({ SUPABASE_URL: 'http://127.0.0.1:54321' })).toThrow(
      /SUPABASE_ANON_KEY is required/,
    );
  });

  it('treats an empty value as missing and rejects a non-URL', () => {
    expect(() => parseServerEnv({ SUPABASE_URL: '', SUPABASE_ANON_KEY: 'key' })).toThrow(/SUPABASE_URL is required/);
    expect(() => parseServerEnv({ SUPABASE_URL: 'not a url', SUPABASE_ANON_KEY: 'key' })).toThrow(
      /SUPABASE_URL must be a URL/,
    );
  });

  it('ignores the service-role key', () => {
    const env = parseServerEnv({
      SUPABASE_URL: 'http://127.0.0.1:54321',
      SUPABASE_ANON_KEY: 'key',
      SUPABASE_SERVICE_ROLE_KEY: 'secret',
    });
    expect(Object.keys(env)).toEqual(['SUPABASE_URL', 'SUPABASE_ANON_KEY']);
  });
});
