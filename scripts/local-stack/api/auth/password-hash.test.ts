import { describe, expect, it } from 'vitest';
import { hashPassword, passwordMatches } from './password-hash.ts';

describe('password hashes', () => {
  it('are bcrypt with cost 10, as GoTrue stores them', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(await passwordMatches('correct horse battery', hash)).toBe(true);
    expect(await passwordMatches('wrong horse battery', hash)).toBe(false);
  });

  it('never match a user without a password', async () => {
    expect(await passwordMatches('anything', null)).toBe(false);
    expect(await passwordMatches('anything', '')).toBe(false);
  });

  it('accept hashes made by pgcrypto, as the seed users are written', async () => {
    // From extensions.crypt('password123', extensions.gen_salt('bf', 10)) on our cluster.
    const pgcryptoHash = '$2a$10$q62CmJHMyYVy38z2V4Wz4uMZrs7I0aLlaunZZ9nFWfPeHEzMreXeW';
    expect(await passwordMatches('password123', pgcryptoHash)).toBe(true);
    expect(await passwordMatches('password124', pgcryptoHash)).toBe(false);
  });
});
