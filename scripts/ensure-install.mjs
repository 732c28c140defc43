// Runs before npm start / test / stack / dev: installs the npm dependencies when node_modules is
// missing or older than the lockfile, so a fresh clone needs nothing but Node. Plain JS with no
// dependencies, because it runs before there are any.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const lockfile = path.join(root, 'package-lock.json');
const installedMarker = path.join(root, 'node_modules', '.package-lock.json');

function mtime(file) {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

// `npm install`, not `npm ci`: registries that mirror only this platform's packages (ours do)
// leave other platforms' optional packages (rollup, esbuild, the Supabase CLI) out of the
// lockfile, and `npm ci` refuses such a lockfile while `npm install` honours it unchanged.
if (mtime(installedMarker) < mtime(lockfile)) {
  console.log('Installing npm dependencies …');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm install failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}
