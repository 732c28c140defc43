// The committed lockfile is what npm itself would write and what `npm ci` accepts, so a fresh
// clone's first `npm start` leaves the tree clean. Checked on a copy of package.json and the
// lockfile alone (no node_modules), which takes seconds: `npm install --package-lock-only`
// computes the lockfile a full install would write, `npm ci --dry-run` runs ci's checks.
// The full check, slower: git clone <repo> x && cd x && npm install && git status --porcelain
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './profile.ts';

let folder = '';
const committed = fs.readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8');

function npm(args: string[]) {
  const result = spawnSync('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: folder,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lockfile-'));
  fs.copyFileSync(path.join(projectRoot, 'package.json'), path.join(folder, 'package.json'));
  fs.writeFileSync(path.join(folder, 'package-lock.json'), committed);
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('package-lock.json', () => {
  it('is exactly what npm install writes for package.json', { timeout: 60_000 }, () => {
    const install = npm(['install', '--package-lock-only']);
    expect(install.status, install.output).toBe(0);
    expect(fs.readFileSync(path.join(folder, 'package-lock.json'), 'utf8') === committed, 'npm install rewrote the lockfile: commit what it writes').toBe(true);
  });

  it('is accepted by npm ci', { timeout: 60_000 }, () => {
    const ci = npm(['ci', '--dry-run']);
    expect(ci.status, ci.output).toBe(0);
  });
});
