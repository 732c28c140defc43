import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { appEnv, parseEnvFile, readSigningKeys, readStackEnv, signingKeysPath, writeStackEnv } from './env-file.ts';
import { getProfile } from './profile.ts';

function scratchProfile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-env-'));
  return { ...getProfile('scratch4'), dir, envFile: path.join(dir, '.env') };
}

describe('stack env file', () => {
  it('parses KEY=value lines and ignores comments', () => {
    expect(parseEnvFile('# c\nA=1\nB="two"\n  C = x=y \n')).toEqual({ A: '1', B: 'two', C: 'x=y' });
  });

  it('generates a secret once and signs the anon and service_role keys with it', async () => {
    const profile = scratchProfile();
    const first = await writeStackEnv(profile);
    expect(first.SUPABASE_JWT_SECRET.length).toBeGreaterThanOrEqual(64);
    expect(decodeJwt(first.SUPABASE_ANON_KEY).role).toBe('anon');
    expect(decodeJwt(first.SUPABASE_SERVICE_ROLE_KEY).role).toBe('service_role');
    const second = await writeStackEnv(profile);
    expect(second).toEqual(first);
    expect(readStackEnv(profile)).toEqual(first);
  });

  it('issues a publishable and a secret key once, opaque sb_ strings kept across runs', async () => {
    const profile = scratchProfile();
    const first = await writeStackEnv(profile);
    expect(first.SUPABASE_PUBLISHABLE_KEY).toMatch(/^sb_publishable_[A-Za-z0-9_-]{32}$/);
    expect(first.SUPABASE_SECRET_KEY).toMatch(/^sb_secret_[A-Za-z0-9_-]{32}$/);
    expect(() => decodeJwt(first.SUPABASE_PUBLISHABLE_KEY)).toThrow();
    const second = await writeStackEnv(profile);
    expect(second.SUPABASE_PUBLISHABLE_KEY).toBe(first.SUPABASE_PUBLISHABLE_KEY);
    expect(second.SUPABASE_SECRET_KEY).toBe(first.SUPABASE_SECRET_KEY);
    // An env file from before these keys existed gains them and keeps its JWT secret.
    const older = scratchProfile();
    const legacy = await writeStackEnv(older);
    const text = fs.readFileSync(older.envFile, 'utf8').split('\n').filter((line) => !/^SUPABASE_(PUBLISHABLE|SECRET)_KEY=/.test(line));
    fs.writeFileSync(older.envFile, text.join('\n'));
    const upgraded = await writeStackEnv(older);
    expect(upgraded.SUPABASE_PUBLISHABLE_KEY).toMatch(/^sb_publishable_/);
    expect(upgraded.SUPABASE_JWT_SECRET).toBe(legacy.SUPABASE_JWT_SECRET);
    expect(upgraded.SUPABASE_ANON_KEY).toBe(legacy.SUPABASE_ANON_KEY);
  });

  it("writes one ES256 signing key in the CLI's signing_keys_path format, git-ignored and kept", async () => {
    const profile = scratchProfile();
    await writeStackEnv(profile);
    const file = signingKeysPath(profile);
    expect(file).toBe(path.join(profile.dir, 'signing_keys.json'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const keys = readSigningKeys(file);
    expect(keys).toEqual([
      {
        kty: 'EC', kid: expect.stringMatching(/^[0-9a-f-]{36}$/), use: 'sig', key_ops: ['sign', 'verify'], alg: 'ES256', ext: true,
        crv: 'P-256', x: expect.any(String), y: expect.any(String), d: expect.any(String),
      },
    ]);
    await writeStackEnv(profile);
    expect(readSigningKeys(file)).toEqual(keys);
  });

  it('starts the app with the publishable key only: no legacy key, secret key or JWT secret', async () => {
    const env = await writeStackEnv(scratchProfile());
    const forApp = appEnv(env);
    expect(forApp.SUPABASE_PUBLISHABLE_KEY).toBe(env.SUPABASE_PUBLISHABLE_KEY);
    for (const key of ['SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY', 'SUPABASE_SECRET_KEY', 'SUPABASE_JWT_SECRET']) {
      expect(forApp).not.toHaveProperty(key);
    }
  });

  it('keeps variables a developer added by hand', async () => {
    const profile = scratchProfile();
    fs.writeFileSync(profile.envFile, 'MY_FLAG=on\n');
    await writeStackEnv(profile);
    expect(parseEnvFile(fs.readFileSync(profile.envFile, 'utf8')).MY_FLAG).toBe('on');
  });

  it('refuses to read an env file the stack has not written', () => {
    const profile = scratchProfile();
    expect(() => readStackEnv(profile)).toThrow(/start the stack first/);
  });
});
