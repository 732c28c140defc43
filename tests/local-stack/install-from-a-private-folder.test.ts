// The project works from a folder no other user may enter (root's home, `mktemp -d`): a clone
// in a 0700 folder creates and starts its cluster, runs `supabase db reset` (migrations + seed,
// read by the CLI from the clone) and pg_prove (test files read from the clone). As root the
// cluster runs as `postgres` and so must live outside the clone (scripts/lib/cluster-location.ts).
// It clones the committed HEAD and borrows this checkout's node_modules (installing is
// checked elsewhere); the profile is a scratch one of its own (INSTALL_TEST_PROFILE, default
// scratch6), stopped and removed afterwards.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutId, sharedClustersRoot } from '../../scripts/lib/cluster-location.ts';
import { projectRoot } from '../../scripts/lib/profile.ts';

const profile = process.env.INSTALL_TEST_PROFILE ?? 'scratch6';
const isRoot = process.getuid?.() === 0;
let folder = '';
let clone = '';

function npm(args: string[]) {
  const result = spawnSync('npm', ['run', '--silent', ...args, '--', `--profile=${profile}`], {
    cwd: clone,
    encoding: 'utf8',
    env: { ...process.env, STACK_PROFILE: profile },
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'private-install-'));
  fs.chmodSync(folder, 0o700);
  clone = path.join(folder, 'store');
  const cloned = spawnSync('git', ['clone', '--quiet', projectRoot, clone], { encoding: 'utf8' });
  if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(clone, 'node_modules'));
});

afterAll(() => {
  if (!clone) return;
  npm(['db:stop']);
  if (isRoot) fs.rmSync(path.join(sharedClustersRoot, checkoutId(clone)), { recursive: true, force: true });
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('a clone in a folder closed to other users', () => {
  it('is closed: `postgres` cannot enter it', () => {
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
    if (isRoot) expect(spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', clone]).status).not.toBe(0);
  });

  it('creates its cluster, applies migrations and seed with supabase db reset, and runs pgTAP', { timeout: 60_000 }, () => {
    const reset = npm(['db:reset']);
    expect(reset.ok, reset.output).toBe(true);
    expect(reset.output).toContain('Database reset with migrations and seed');
    const tests = ['supabase/tests/database/000_test_helpers.sql', 'supabase/tests/database/001_local_database_matches_supabase_image.test.sql'];
    const pgTap = spawnSync('npm', ['run', '--silent', 'test:db', '--', `--profile=${profile}`, '--no-reset', ...tests], { cwd: clone, encoding: 'utf8' });
    expect(pgTap.status, `${pgTap.stdout}${pgTap.stderr}`).toBe(0);
    expect(pgTap.stdout).toMatch(/Result: PASS/);
  });

  it('keeps the cluster where its owner can reach it, and its log linked from .local', () => {
    const link = path.join(clone, '.local', profile, 'postgres.log');
    if (isRoot) {
      const dataDir = path.join(sharedClustersRoot, checkoutId(clone), profile, 'pgdata');
      expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(fs.readlinkSync(link)).toBe(path.join(sharedClustersRoot, checkoutId(clone), profile, 'postgres.log'));
    } else {
      expect(fs.existsSync(path.join(clone, '.local', profile, 'pgdata', 'PG_VERSION'))).toBe(true);
    }
    expect(fs.readFileSync(link, 'utf8')).toMatch(/database system is ready to accept connections/);
  });
});
