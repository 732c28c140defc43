// Where a profile's PostgreSQL cluster (data directory and server log) lives.
//
// PostgreSQL refuses to run as root, so as root the scripts run it as Debian's `postgres` user,
// which must be able to reach its data directory. A checkout in root's home (0700) or in a
// `mktemp -d` folder (0700) is closed to it, so as root the cluster lives outside the checkout:
// /var/lib/audio-store/<checkout name>-<hash of its path>/<profile>/, one per checkout and
// profile. /var/lib and not /var/tmp: systemd-tmpfiles deletes files in /var/tmp that nobody
// touched for 30 days, which would corrupt a dev database left alone for a month.
// Any other user runs PostgreSQL as themselves, so their cluster stays in the checkout
// (.local/<profile>/pgdata), as do every profile's env file, app build and logs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot, type StackProfile } from './profile.ts';

export interface ClusterLocation {
  /** Holds the data directory and the server log; owned by the user PostgreSQL runs as. */
  dir: string;
  dataDir: string;
  logFile: string;
  /** False for the in-checkout layout, whose folder the scripts share with the env file. */
  outsideCheckout: boolean;
}

export const sharedClustersRoot = '/var/lib/audio-store';

/** `<folder name>-<12 hex of sha256(real path)>`: readable, and distinct for every checkout. */
export function checkoutId(root = projectRoot): string {
  const real = fs.realpathSync(root);
  return `${path.basename(real)}-${crypto.createHash('sha256').update(real).digest('hex').slice(0, 12)}`;
}

export function clusterLocation(profile: StackProfile, options: { runsAsOtherUser: boolean }): ClusterLocation {
  const inCheckout: ClusterLocation = {
    dir: profile.dir,
    dataDir: path.join(profile.dir, 'pgdata'),
    logFile: path.join(profile.dir, 'postgres.log'),
    outsideCheckout: false,
  };
  // Clusters created in the checkout before the move keep working where they are.
  if (!options.runsAsOtherUser || fs.existsSync(path.join(inCheckout.dataDir, 'PG_VERSION'))) return inCheckout;
  const dir = path.join(sharedClustersRoot, checkoutId(), profile.name);
  return { dir, dataDir: path.join(dir, 'pgdata'), logFile: path.join(dir, 'postgres.log'), outsideCheckout: true };
}
