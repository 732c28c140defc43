// Catalog pages under load against the running app: requests/s and latency percentiles for
// home, a category and a product page at 1 and 16 concurrent clients, each reported as a ratio
// of a baseline measured in the same process: the app's own health route, which renders
// nothing and reads no data (the floor of the Remix server on this machine).
import { printTable, runLoad, type LoadResult } from './load.ts';

export interface PageTarget {
  label: string;
  path: string;
}

export const catalogPages: PageTarget[] = [
  { label: 'home', path: '/' },
  { label: 'category', path: '/categories/headphones' },
  { label: 'product', path: '/products/aria-one-pro-headphones' },
];

const baseline: PageTarget = { label: 'baseline (/healthz)', path: '/healthz' };

export async function runCatalogPageBench(appUrl: string, durationMs = 3000): Promise<LoadResult[]> {
  const fetchOk = (path: string) => async () => {
    const response = await fetch(new URL(path, appUrl));
    await response.arrayBuffer();
    return response.status === 200;
  };
  for (const target of [baseline, ...catalogPages]) {
    if (!(await fetchOk(target.path)())) throw new Error(`${appUrl}${target.path} does not answer 200; is the app running with the seed?`);
  }
  const results: LoadResult[] = [];
  const rows: Record<string, string | number>[] = [];
  for (const clients of [1, 16]) {
    const base = await runLoad(baseline.label, clients, durationMs, fetchOk(baseline.path));
    results.push(base);
    for (const target of [baseline, ...catalogPages]) {
      const result = target === baseline ? base : await runLoad(target.label, clients, durationMs, fetchOk(target.path));
      if (target !== baseline) results.push(result);
      rows.push({
        page: target.label,
        clients,
        'req/s': result.throughput.toFixed(0),
        'p50 ms': result.p50.toFixed(1),
        'p95 ms': result.p95.toFixed(1),
        errors: result.errors,
        'vs baseline': `${(result.throughput / base.throughput).toFixed(2)}x`,
      });
    }
  }
  printTable(`Catalog pages (${appUrl}, ${durationMs / 1000}s per cell)`, rows);
  return results;
}
