// Where a catalog page's time goes, layer by layer, against a running stack with --app: one
// request at a time (1 client) and 16 at once, every layer measured in the same process, rounds
// interleaved so the machine's load drifts over all of them alike. The layers, bottom up:
//   REST: the page's reads straight from the API stand-in (the view rows, no app);
//   loaders: the app's ?_data= answers (root, then the page's route), Remix without React;
//   page (uncached render): the whole document with gzip, with a cookie the page cache does not
//     know (so it always renders), as a shopper who bypasses the cache;
//   page (as served): the same URL without cookies (the page cache's answer when it holds one);
//   /healthz: the Remix server's floor (no data, no React).
//   npx tsx scripts/bench/catalog-layers.ts --profile=scratch2 [--rounds=150]
import { readStackEnv } from '../lib/env-file.ts';
import { profileFromArgs } from '../lib/profile.ts';
import { printTable } from './load.ts';

const env = readStackEnv(profileFromArgs(process.argv));
const rounds = Number(/^--rounds=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--rounds=')) ?? '')?.[1] ?? 120);
const rest = (path: string) => ({
  url: new URL(`/rest/v1/${path}`, env.SUPABASE_URL).href,
  headers: { apikey: env.SUPABASE_PUBLISHABLE_KEY, 'Accept-Profile': 'public' },
});
const app = (path: string, headers: Record<string, string> = {}) => ({ url: new URL(path, env.APP_URL).href, headers });
const bypass = { Cookie: 'bench_bypass=1' };

interface Layer {
  label: string;
  url: string;
  headers: Record<string, string>;
}
const layers: Layer[] = [
  { label: '/healthz (floor)', ...app('/healthz') },
  { label: 'REST category_cards (root)', ...rest('category_cards?select=slug,name,description,images&locale=eq.en&order=position') },
  { label: 'REST product_cards (home)', ...rest('product_cards?select=*&locale=eq.en') },
  { label: 'REST product_pages (product)', ...rest('product_pages?select=*&slug=eq.aria-one-pro-headphones&locale=eq.en') },
  { label: 'loader root (?_data=root)', ...app('/en/products/aria-one-pro-headphones?_data=root', bypass) },
  { label: 'loader product (?_data=…)', ...app('/en/products/aria-one-pro-headphones?_data=routes%2F%24lang.products.%24slug', bypass) },
  { label: 'home page, uncached render', ...app('/en', bypass) },
  { label: 'product page, uncached render', ...app('/en/products/aria-one-pro-headphones', bypass) },
  { label: 'home page, as served', ...app('/en') },
  { label: 'product page, as served', ...app('/en/products/aria-one-pro-headphones') },
];

async function once(layer: Layer): Promise<number> {
  const begin = performance.now();
  const response = await fetch(layer.url, { headers: { 'Accept-Encoding': 'gzip', ...layer.headers } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${layer.url} answered ${response.status}`);
  return performance.now() - begin;
}

const pct = (sorted: number[], f: number) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))];

async function main() {
  for (const layer of layers) await once(layer);
  const rows: Record<string, string>[] = [];
  for (const clients of [1, 16]) {
    const samples = new Map(layers.map((l) => [l, [] as number[]]));
    for (let round = 0; round < Math.ceil(rounds / clients); round += 1) {
      for (const layer of layers) {
        const times = await Promise.all(Array.from({ length: clients }, () => once(layer)));
        samples.get(layer)!.push(...times);
      }
    }
    for (const layer of layers) {
      const sorted = samples.get(layer)!.sort((a, b) => a - b);
      rows.push({ layer: layer.label, clients: String(clients), 'p50 ms': pct(sorted, 0.5).toFixed(2), 'p95 ms': pct(sorted, 0.95).toFixed(2) });
    }
  }
  printTable(`Catalog layers (${env.APP_URL}, ${rounds} samples per cell, interleaved)`, rows);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
