// How much JavaScript each page of the production build makes the browser download: the client
// entry, then every route module from root down to the page's route with the chunks each imports,
// each file counted once and measured gzip-compressed (what `compression` serves). Read from the
// Remix assets manifest, so the figure is exactly what the build emits, with no server or browser.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { projectRoot } from './profile.ts';

interface ManifestEntry {
  module: string;
  imports?: string[];
}

interface ManifestRoute extends ManifestEntry {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
}

interface AssetsManifest {
  entry: ManifestEntry;
  routes: Record<string, ManifestRoute>;
}

export interface PageJavaScript {
  routeId: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

/** Where the browser asks for the build's files (remix.config.js `publicPath`). */
const PUBLIC_PATH = '/build/';

/** The manifest the build wrote as `window.__remixManifest = …` in its assets folder. */
export function readAssetsManifest(buildDir: string): AssetsManifest {
  const name = fs.readdirSync(buildDir).find((file) => /^manifest-[A-Z0-9]+\.js$/.test(file));
  if (!name) throw new Error(`No Remix assets manifest in ${buildDir}: run \`npm run build\` first.`);
  const sandbox: { window: { __remixManifest?: AssetsManifest } } = { window: {} };
  vm.runInNewContext(fs.readFileSync(path.join(buildDir, name), 'utf8'), sandbox);
  if (!sandbox.window.__remixManifest) throw new Error(`${name} did not define window.__remixManifest.`);
  return sandbox.window.__remixManifest;
}

function routeChain(manifest: AssetsManifest, routeId: string): ManifestRoute[] {
  const chain: ManifestRoute[] = [];
  for (let route: ManifestRoute | undefined = manifest.routes[routeId]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) {
    chain.unshift(route);
  }
  return chain;
}

/**
 * Routes that render a page: leaves of the route tree (layouts render inside them) whose module
 * has a default export. Resource routes (healthz, logout, the export download) have none, so the
 * browser never loads their JavaScript; the manifest cannot tell, their source can.
 */
function pageRouteIds(manifest: AssetsManifest, rendersPage: (routeId: string) => boolean): string[] {
  const parents = new Set(Object.values(manifest.routes).map((route) => route.parentId));
  return Object.keys(manifest.routes)
    .filter((id) => !parents.has(id) && rendersPage(id))
    .sort();
}

/** True when app/<routeId>.tsx or .ts has a default export (a component). */
export function routeSourceRendersPage(appDir = path.join(projectRoot, 'app')): (routeId: string) => boolean {
  return (routeId) => {
    const file = ['.tsx', '.ts'].map((ext) => path.join(appDir, routeId + ext)).find((candidate) => fs.existsSync(candidate));
    if (!file) throw new Error(`No source file for route ${routeId} in ${appDir}.`);
    return /^export default\b/m.test(fs.readFileSync(file, 'utf8'));
  };
}

/** JavaScript per page, largest first. `buildDir` is the assets folder, holding manifest-*.js. */
export function measurePageJavaScript(buildDir: string, rendersPage: (routeId: string) => boolean): PageJavaScript[] {
  const manifest = readAssetsManifest(buildDir);
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (url: string) => {
    let size = sizes.get(url);
    if (!size) {
      if (!url.startsWith(PUBLIC_PATH)) throw new Error(`${url} is not under ${PUBLIC_PATH}.`);
      const source = fs.readFileSync(path.join(buildDir, url.slice(PUBLIC_PATH.length)));
      size = { raw: source.length, gzip: zlib.gzipSync(source, { level: 6 }).length };
      sizes.set(url, size);
    }
    return size;
  };
  return pageRouteIds(manifest, rendersPage)
    .map((routeId) => {
      const urls = new Set<string>();
      for (const part of [manifest.entry, ...routeChain(manifest, routeId)]) {
        urls.add(part.module);
        for (const imported of part.imports ?? []) urls.add(imported);
      }
      let rawBytes = 0;
      let gzipBytes = 0;
      for (const url of urls) {
        rawBytes += sizeOf(url).raw;
        gzipBytes += sizeOf(url).gzip;
      }
      return { routeId, files: urls.size, rawBytes, gzipBytes };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

/**
 * The most compressed JavaScript one page may load: 100 kB, decimal (100,000 bytes), as issue #20
 * counts. What every page loads (React and Remix 86 kB, root with the header 4 kB, the translator
 * 1.8 kB, the entry and the locale layout) is about 94 kB, so a page's own code has about 6 kB.
 */
export const PAGE_JAVASCRIPT_BUDGET_BYTES = 100_000;

/** One line per page: route, files, raw and gzip kB (1 kB = 1,000 bytes). */
export function formatPageJavaScript(pages: PageJavaScript[]): string {
  const kB = (bytes: number) => (bytes / 1000).toFixed(1).padStart(7);
  return pages.map((page) => `${page.routeId.padEnd(38)} ${String(page.files).padStart(3)} files ${kB(page.rawBytes)} kB raw ${kB(page.gzipBytes)} kB gzip`).join('\n');
}
