// Runs before npm start / test / stack / dev: installs the npm dependencies when node_modules is
// missing or older than the lockfile, so a fresh clone needs nothing but Node. Plain JS with no
// dependencies, because it runs before there are any.
//
// A fresh clone gets `npm ci`: exactly the committed lockfile, which it never rewrites, so the
// tree stays clean. The lockfile lists every platform's optional packages (rollup's, esbuild's,
// the Supabase CLI's), as `npm ci` requires; see README "Troubleshooting" for the CLI entries our
// registry does not serve. An existing node_modules that is older than the lockfile (after a
// pull) gets `npm install` instead, which updates it in place: `npm ci` would first delete
// node_modules under any stack or app still running from this checkout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const lockfile = path.join(root, 'package-lock.json');
const installedMarker = path.join(root, 'node_modules', '.package-lock.json');

function mtime(file) {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

if (mtime(installedMarker) < mtime(lockfile)) {
  const fresh = !fs.existsSync(installedMarker);
  const command = fresh ? 'ci' : 'install';
  console.log(`Installing npm dependencies (npm ${command}) …`);
  const result = spawnSync('npm', [command, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      fresh
        ? 'npm ci failed; see the output above. If it says package.json and package-lock.json are out of sync, run `npm install` and commit the lockfile.'
        : 'npm install failed; see the output above.',
    );
    process.exit(result.status ?? 1);
  }
}
