import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseEnvFile, readStackEnv, writeStackEnv } from './env-file.ts';
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
