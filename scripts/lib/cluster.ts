// The project-owned PostgreSQL cluster of one stack profile (15, or 17 on test17; which programs:
// postgres-server.ts): created on first use (where: cluster-location.ts), started and stopped
// with pg_ctl, and prepared like Supabase's database image by bootstrap.sql. Only PostgreSQL's
// own programs run as the cluster's owner; everything that reads the checkout (the Supabase CLI,
// pg_prove, bootstrap.sql) runs as the invoking user and talks to the server over TCP, so the
// checkout may be closed to every other user.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { clusterLocation, type ClusterLocation } from './cluster-location.ts';
import { serverBinDir } from './postgres-server.ts';
import { databaseUrl, projectRoot, type StackProfile } from './profile.ts';
import { reserveStackPorts } from './reserved-ports.ts';
import { databasePackages, ensureDebianPackages, isRoot, run } from './system.ts';

// PostgreSQL refuses to run as root; as root we run it as Debian's `postgres` system user.
const clusterOwner = 'postgres';

function locate(profile: StackProfile): ClusterLocation {
  return clusterLocation(profile, { runsAsOtherUser: isRoot });
}

/** The profile's pg_ctl, initdb or postgres (for 17, copied into the cluster's folder first). */
function serverProgram(profile: StackProfile, name: 'pg_ctl' | 'initdb'): string {
  return path.join(serverBinDir(profile, locate(profile).dir), name);
}

function runAsOwner(command: string, args: string[]): string {
  if (!isRoot) return run(command, args);
  // From `/`: PostgreSQL's programs look up their working directory first ("could not identify
  // current directory"), and the checkout we were started in may be closed to `postgres`.
  return run('runuser', ['-u', clusterOwner, '--', command, ...args], { cwd: '/' });
}

function giveToOwner(target: string): void {
  if (isRoot) run('chown', ['-R', `${clusterOwner}:${clusterOwner}`, target]);
}

/**
 * A cluster outside the checkout still has its log where people look for it:
 * .local/<profile>/postgres.log is a link to it.
 */
function linkLogIntoCheckout(profile: StackProfile, location: ClusterLocation): void {
  if (!location.outsideCheckout) return;
  const link = path.join(profile.dir, 'postgres.log');
  fs.mkdirSync(profile.dir, { recursive: true });
  const current = fs.lstatSync(link, { throwIfNoEntry: false });
  if (current?.isSymbolicLink() && fs.readlinkSync(link) === location.logFile) return;
  if (current) fs.rmSync(link, { force: true });
  fs.symlinkSync(location.logFile, link);
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function isClusterRunning(profile: StackProfile): boolean {
  const { dataDir } = locate(profile);
  if (!fs.existsSync(path.join(dataDir, 'postmaster.pid'))) return false;
  try {
    runAsOwner(serverProgram(profile, 'pg_ctl'), ['status', '-D', dataDir]);
    return true;
  } catch {
    return false;
  }
}

function initCluster(profile: StackProfile, location: ClusterLocation): void {
  const { dir, dataDir } = location;
  const versionFile = path.join(dataDir, 'PG_VERSION');
  if (fs.existsSync(versionFile)) {
    refuseOtherMajor(profile, location, fs.readFileSync(versionFile, 'utf8').trim());
    return;
  }
  fs.mkdirSync(profile.dir, { recursive: true });
  // The parents stay root's and traversable; the cluster's own folder becomes its owner's.
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.rmSync(dataDir, { recursive: true, force: true }); // a half-made one from an interrupted initdb
  fs.mkdirSync(dataDir, { mode: 0o700 });
  const passwordFile = path.join(dir, 'initdb-password');
  fs.writeFileSync(passwordFile, 'postgres\n', { mode: 0o600 });
  if (location.outsideCheckout) giveToOwner(dir);
  const shown = location.outsideCheckout ? dataDir : path.relative(projectRoot, dataDir);
  console.log(`Creating the ${profile.name} database cluster in ${shown} …`);
  try {
    runAsOwner(serverProgram(profile, 'initdb'), [
      '-D', dataDir,
      '-U', 'supabase_admin', // the cluster superuser, as in Supabase's image
      '--pwfile', passwordFile,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ]);
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
  const settings = [
    '',
    '# Local Supabase stack settings',
    "listen_addresses = '127.0.0.1'",
    `port = ${profile.dbPort}`,
    "unix_socket_directories = ''",
    'max_connections = 200',
    "timezone = 'UTC'",
    // Throwaway clusters (test, scratch) skip the disk flushes, which only an OS crash needs.
    // Commits still wait for their WAL to be written, so an acknowledged write survives a
    // database crash there too, and the crash tests (tests/resilience) can hold us to it.
    ...(isThrowaway(profile) ? ['fsync = off', 'full_page_writes = off'] : []),
  ];
  fs.appendFileSync(path.join(dataDir, 'postgresql.conf'), `${settings.join('\n')}\n`);
}

/** A data directory only opens with its own major's server; say how to start over instead of failing in pg_ctl. */
function refuseOtherMajor(profile: StackProfile, location: ClusterLocation, found: string): void {
  if (found === String(profile.postgresMajor)) return;
  throw new Error(
    `The ${profile.name} cluster in ${location.dataDir} was made by PostgreSQL ${found}, but this profile runs ` +
      `${profile.postgresMajor}. Stop it (npm run db:stop -- --profile=${profile.name}), delete ${location.dataDir} and start again.`,
  );
}

function isThrowaway(profile: StackProfile): boolean {
  return profile.name.startsWith('test') || profile.name.startsWith('scratch');
}

/**
 * Clusters made before 2026-12-01 committed asynchronously (`synchronous_commit = off`), which
 * loses acknowledged writes in a database crash. A later line wins in postgresql.conf, so one
 * appended line brings such a cluster in line without recreating it.
 */
function keepCommitsDurable(location: ClusterLocation): void {
  const conf = path.join(location.dataDir, 'postgresql.conf');
  if (!fs.existsSync(conf)) return;
  const text = fs.readFileSync(conf, 'utf8');
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('synchronous_commit'));
  if (lines.at(-1) === 'synchronous_commit = off') fs.appendFileSync(conf, 'synchronous_commit = on\n');
}

export async function startCluster(profile: StackProfile): Promise<void> {
  ensureDebianPackages(databasePackages);
  reserveStackPorts();
  const location = locate(profile);
  initCluster(profile, location);
  keepCommitsDurable(location);
  linkLogIntoCheckout(profile, location);
  if (isClusterRunning(profile)) return;
  if (!(await isPortFree(profile.dbPort))) {
    throw new Error(
      `Port ${profile.dbPort} is taken by another program, so the ${profile.name} database cannot start. ` +
        `Find it with: ss -ltnp 'sport = :${profile.dbPort}' (another checkout's ${profile.name} stack? ` +
        `stop it there with: npm run db:stop -- --profile=${profile.name})`,
    );
  }
  fs.writeFileSync(location.logFile, '');
  giveToOwner(location.logFile);
  runAsOwner(serverProgram(profile, 'pg_ctl'), ['start', '-D', location.dataDir, '-l', location.logFile, '-w', '-t', '60']);
}

export function stopCluster(profile: StackProfile): void {
  if (!isClusterRunning(profile)) return;
  runAsOwner(serverProgram(profile, 'pg_ctl'), ['stop', '-D', locate(profile).dataDir, '-m', 'fast', '-w']);
}

/**
 * Restarts a running cluster under whatever is connected to it (for the resilience tests).
 * `fast` ends every session the way a planned restart does; `immediate` is what clients see of a
 * crash (no shutdown checkpoint, crash recovery on start). Synchronous: it blocks this process's
 * event loop, so never call it in the process that serves the API.
 */
export function restartCluster(profile: StackProfile, mode: 'fast' | 'immediate' = 'fast'): void {
  const { dataDir, logFile } = locate(profile);
  runAsOwner(serverProgram(profile, 'pg_ctl'), ['restart', '-D', dataDir, '-m', mode, '-l', logFile, '-w', '-t', '60']);
}

/** Runs SQL as the cluster superuser, the role the image's init scripts run as. */
export async function runAsSuperuser(profile: StackProfile, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(profile, 'supabase_admin') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function bootstrapCluster(profile: StackProfile): Promise<void> {
  const sql = fs.readFileSync(path.join(projectRoot, 'scripts/local-stack/bootstrap.sql'), 'utf8');
  await runAsSuperuser(profile, sql);
}
