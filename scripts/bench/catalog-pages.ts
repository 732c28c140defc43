// Catalog pages under load against the running app: requests/s and latency percentiles for
// home, a category and a product page, and a signed-in page (the account page with a session
// cookie), at 1 and 16 concurrent clients, each reported as a ratio of a baseline measured in
// the same process: the app's own health route, which renders nothing and reads no data (the
// floor of the Remix server on this machine). With the stand-in's counter
// (GET /_local/auth-requests) each row also says how many Auth requests a view cost: signed-in
// pages verify the session with getClaims() against the cached JWKS, so it should be 0.
import { readStackEnv, type StackEnv } from '../lib/env-file.ts';
import { profileFromArgs } from '../lib/profile.ts';
import { printTable, runLoad, type LoadResult } from './load.ts';
import { authRequestCounter, signInThroughApp } from './signed-in-session.ts';

export interface PageTarget {
  label: string;
  path: string;
  /** Sent with every request (the signed-in page's session cookie). */
  cookie?: string;
}

export interface CatalogBenchOptions {
  durationMs?: number;
  /** The signed-in cell: a page that requires a session, and that session's cookie. */
  signedIn?: { path: string; cookie: string };
  /** Requests that reached Auth so far (the stand-in's counter), for the "Auth req/view" column. */
  authRequests?: () => Promise<number>;
}

export const catalogPages: PageTarget[] = [
  { label: 'home', path: '/' },
  { label: 'category', path: '/categories/headphones' },
  { label: 'product', path: '/products/aria-one-pro-headphones' },
];

const baseline: PageTarget = { label: 'baseline (/healthz)', path: '/healthz' };

export async function runCatalogPageBench(appUrl: string, options: CatalogBenchOptions = {}): Promise<LoadResult[]> {
  const { durationMs = 3000, signedIn, authRequests } = options;
  const fetchOk = (target: PageTarget) => async () => {
    // Catalog paths without a language follow the redirect to it, as before; on the signed-in
    // page a redirect (to the login page: the session was lost) counts as an error.
    const response = await fetch(new URL(target.path, appUrl), {
      redirect: target.cookie ? 'manual' : 'follow',
      headers: target.cookie ? { Cookie: target.cookie } : {},
    });
    await response.arrayBuffer();
    return response.status === 200;
  };
  const pages: PageTarget[] = [...catalogPages, ...(signedIn ? [{ label: 'signed-in page', ...signedIn }] : [])];
  // Also the warm-up: the app's first getClaims() fetches the JWKS it then caches.
  for (const target of [baseline, ...pages]) {
    if (!(await fetchOk(target)())) throw new Error(`${appUrl}${target.path} does not answer 200; is the app running with the seed?`);
  }
  const measure = async (target: PageTarget, clients: number) => {
    const before = authRequests ? await authRequests() : 0;
    const result = await runLoad(target.label, clients, durationMs, fetchOk(target));
    const perView = authRequests ? ((await authRequests()) - before) / Math.max(1, result.requests) : null;
    return { result, perView };
  };
  const results: LoadResult[] = [];
  const rows: Record<string, string | number>[] = [];
  for (const clients of [1, 16]) {
    const base = await measure(baseline, clients);
    results.push(base.result);
    for (const target of [baseline, ...pages]) {
      const { result, perView } = target === baseline ? base : await measure(target, clients);
      if (target !== baseline) results.push(result);
      rows.push({
        page: target.label,
        clients,
        'req/s': result.throughput.toFixed(0),
        'p50 ms': result.p50.toFixed(1),
        'p95 ms': result.p95.toFixed(1),
        errors: result.errors,
        ...(perView === null ? {} : { 'Auth req/view': perView.toFixed(2) }),
        'vs baseline': `${(result.throughput / base.result.throughput).toFixed(2)}x`,
      });
    }
  }
  printTable(`Catalog pages (${appUrl}, ${durationMs / 1000}s per cell)`, rows);
  return results;
}

/** The whole table on a running stack whose app is served: the catalog pages and a signed-in page. */
export async function runCatalogPageBenchOnStack(env: StackEnv, durationMs?: number): Promise<LoadResult[]> {
  const session = await signInThroughApp(env);
  try {
    return await runCatalogPageBench(env.APP_URL, {
      durationMs,
      signedIn: { path: '/en/account', cookie: session.cookie },
      authRequests: authRequestCounter(env),
    });
  } finally {
    await session.remove();
  }
}

// Alone, against a stack started with --app: npx tsx scripts/bench/catalog-pages.ts --profile=…
if (import.meta.url === `file://${process.argv[1]}`) {
  runCatalogPageBenchOnStack(readStackEnv(profileFromArgs(process.argv))).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
