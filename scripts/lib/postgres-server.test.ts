import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getProfile } from './profile.ts';
import { installEmbeddedServer, missingExtensions, serverBinDir } from './postgres-server.ts';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'postgres-server-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('PostgreSQL server programs per profile', () => {
  it("keeps every profile but test17 on Debian's 15", () => {
    expect(serverBinDir(getProfile('test'), folder)).toBe('/usr/lib/postgresql/15/bin');
    expect(fs.existsSync(path.join(folder, 'postgresql-17'))).toBe(false);
  });

  it('copies a 17 that starts without the skipped install script, with pgcrypto, uuid-ossp and pgTAP', { timeout: 60_000 }, () => {
    const bin = serverBinDir(getProfile('test17'), folder);
    expect(bin).toBe(path.join(folder, 'postgresql-17', 'bin'));
    // Loads its ICU and OpenSSL libraries through the soname links we made, with no LD_LIBRARY_PATH.
    const { LD_LIBRARY_PATH: _ignored, ...env } = process.env;
    const version = spawnSync(path.join(bin, 'postgres'), ['-V'], { encoding: 'utf8', env });
    expect(version.stderr).toBe('');
    expect(version.stdout).toMatch(/^postgres \(PostgreSQL\) 17\.\d+/);
    expect(missingExtensions(path.join(folder, 'postgresql-17'))).toEqual([]);
    expect(fs.existsSync(path.join(folder, 'postgresql-17', 'share', 'postgresql', 'extension', 'pgtap--1.2.0.sql'))).toBe(true);
  });

  it('copies once per package version', { timeout: 60_000 }, () => {
    const postgres = path.join(installEmbeddedServer(folder), 'bin', 'postgres');
    const firstCopy = fs.statSync(postgres).ino;
    expect(fs.statSync(path.join(installEmbeddedServer(folder), 'bin', 'postgres')).ino).toBe(firstCopy);
    fs.writeFileSync(path.join(folder, 'postgresql-17', 'copied-from-npm-package'), '17.0.0-older');
    expect(fs.statSync(path.join(installEmbeddedServer(folder), 'bin', 'postgres')).ino).not.toBe(firstCopy);
  });
});
