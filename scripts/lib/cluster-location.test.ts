import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkoutId, clusterLocation, sharedClustersRoot } from './cluster-location.ts';
import { getProfile, projectRoot } from './profile.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function profileIn(folder: string) {
  return { ...getProfile('scratch4'), dir: path.join(folder, '.local', 'scratch4') };
}

describe('clusterLocation', () => {
  it('keeps the cluster in the checkout when PostgreSQL runs as the invoking user', () => {
    const profile = profileIn('/somewhere/store');
    expect(clusterLocation(profile, { runsAsOtherUser: false })).toEqual({
      dir: profile.dir,
      dataDir: `${profile.dir}/pgdata`,
      logFile: `${profile.dir}/postgres.log`,
      outsideCheckout: false,
    });
  });

  it('puts it under /var/lib/audio-store/<checkout>/<profile> when PostgreSQL runs as postgres', () => {
    const location = clusterLocation(profileIn('/somewhere/store'), { runsAsOtherUser: true });
    expect(location.dir).toBe(path.join(sharedClustersRoot, checkoutId(), 'scratch4'));
    expect(location.dataDir).toBe(`${location.dir}/pgdata`);
    expect(location.outsideCheckout).toBe(true);
  });

  it('keeps using a cluster that was created in the checkout before', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-location-'));
    made.push(folder);
    const profile = profileIn(folder);
    fs.mkdirSync(path.join(profile.dir, 'pgdata'), { recursive: true });
    fs.writeFileSync(path.join(profile.dir, 'pgdata', 'PG_VERSION'), '15\n');
    expect(clusterLocation(profile, { runsAsOtherUser: true }).dataDir).toBe(path.join(profile.dir, 'pgdata'));
  });
});

describe('checkoutId', () => {
  it('names the folder and tells checkouts with the same name apart', () => {
    const first = fs.mkdtempSync(path.join(os.tmpdir(), 'id-a-'));
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'id-b-'));
    made.push(first, second);
    fs.mkdirSync(path.join(first, 'store'));
    fs.mkdirSync(path.join(second, 'store'));
    const a = checkoutId(path.join(first, 'store'));
    const b = checkoutId(path.join(second, 'store'));
    expect(a).toMatch(/^store-[0-9a-f]{12}$/);
    expect(b).toMatch(/^store-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    expect(checkoutId()).toMatch(new RegExp(`^${path.basename(fs.realpathSync(projectRoot))}-`));
  });
});
