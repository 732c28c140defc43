import { describe, expect, it } from 'vitest';
import { readStandInConfig } from '../local-stack/api/config.ts';
import { databaseUrl, getProfile, profileFromArgs, profileNames } from './profile.ts';

describe('stack profiles', () => {
  it('gives dev the ports supabase start uses', () => {
    const dev = getProfile('dev');
    expect([dev.apiPort, dev.dbPort, dev.mailPort, dev.smtpPort, dev.identityProviderPort, dev.appPort]).toEqual([
      54321, 54322, 54324, 54325, 54326, 3000,
    ]);
    expect(dev.envFile.endsWith('/.env')).toBe(true);
  });

  it('gives every profile its own ports and folder', () => {
    const profiles = profileNames.map((name) => getProfile(name));
    const ports = profiles.flatMap((p) => [p.apiPort, p.dbPort, p.mailPort, p.smtpPort, p.identityProviderPort, p.appPort]);
    expect(new Set(ports).size).toBe(ports.length);
    expect(new Set(profiles.map((p) => p.dir)).size).toBe(profiles.length);
  });

  it('runs test17 on PostgreSQL 17 after every other profile, so no earlier port moved', () => {
    expect(profileNames.at(-1)).toBe('test17');
    const test17 = getProfile('test17');
    expect([test17.apiPort, test17.dbPort, test17.mailPort, test17.smtpPort, test17.appPort]).toEqual([54411, 54412, 54414, 54415, 3009]);
    expect(test17.postgresMajor).toBe(17);
    const others = profileNames.filter((name) => name !== 'test17').map((name) => getProfile(name).postgresMajor);
    expect(new Set(others)).toEqual(new Set([15]));
  });

  it('reads --profile and refuses unknown names', () => {
    expect(profileFromArgs(['--profile=test']).name).toBe('test');
    expect(() => profileFromArgs(['--profile=prod'])).toThrow(/Unknown stack profile "prod"/);
  });

  it("keeps config.toml's Auth rate limits on dev and raises them on the throwaway stacks", () => {
    const fromToml = readStandInConfig().auth.rateLimit;
    expect(readStandInConfig(getProfile('dev')).auth.rateLimit).toEqual(fromToml);
    for (const name of profileNames.filter((profileName) => profileName !== 'dev')) {
      const limits = Object.values(readStandInConfig(getProfile(name)).auth.rateLimit);
      expect(limits.every((limit) => limit >= 100_000)).toBe(true);
    }
  });

  it('builds the database URL with the local password', () => {
    expect(databaseUrl(getProfile('test'), 'supabase_admin')).toBe(
      'postgresql://supabase_admin:postgres@127.0.0.1:54332/postgres',
    );
  });
});
