// Catalog pages under load against the running app: requests/s and latency percentiles for
// home, a category and a product page as an anonymous visitor gets them (from the app's short
// page cache when it holds them, server/page-cache.js), the same three rendered every time (with
// a cookie the cache does not know, so it is bypassed: what a page costs to make), and the
// signed-in pages (account, orders, cart, with a session cookie), at 1 and 16 concurrent
// clients. Each row is reported as a ratio of a baseline measured in the same process: the app's
// own health route, which renders nothing and reads no data (the floor of the Remix server on
// this machine). A signed-in page can never come from a shared cache, so its fair comparison is
// the anonymous page's rendered cost: the "vs render" columns divide its p50 and p95 by the
// uncached product page's in the same run. With the stand-in's counter
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
  /** The signed-in cells: pages that require a session, and that session's cookie. */
  signedIn?: { pages: { label: string; path: string }[]; cookie: string };
  /** Requests that reached Auth so far (the stand-in's counter), for the "Auth req/view" column. */
  authRequests?: () => Promise<number>;
}

// Each page's own URL (the bare / answers with a redirect to the visitor's language, a second
// request that is not the page's cost).
export const catalogPages: PageTarget[] = [
  { label: 'home', path: '/en' },
  { label: 'category', path: '/en/categories/headphones' },
  { label: 'product', path: '/en/products/aria-one-pro-headphones' },
];

// The same pages made every time: a cookie the page cache does not cover bypasses it (as any
// unknown cookie does), and the app ignores it (no session, so the page stays public).
const UNCACHED_COOKIE = 'bench_uncached=1';
const uncachedPages: PageTarget[] = catalogPages.map(({ label, path }) => ({ label: `${label}, uncached render`, path, cookie: UNCACHED_COOKIE }));
const RENDER_REFERENCE = 'product, uncached render';

const baseline: PageTarget = { label: 'baseline (/healthz)', path: '/healthz' };

export async function runCatalogPageBench(appUrl: string, options: CatalogBenchOptions = {}): Promise<LoadResult[]> {
  const { durationMs = 3000, signedIn, authRequests } = options;
  const fetchOk = (target: PageTarget) => async () => {
    // A redirect (to the login page on a signed-in page: the session was lost) is an error.
    const response = await fetch(new URL(target.path, appUrl), {
      redirect: 'manual',
      headers: target.cookie ? { Cookie: target.cookie } : {},
    });
    await response.arrayBuffer();
    return response.status === 200;
  };
  const signedInPages: PageTarget[] = signedIn ? signedIn.pages.map((page) => ({ ...page, cookie: signedIn.cookie })) : [];
  const pages: PageTarget[] = [...catalogPages, ...uncachedPages, ...signedInPages];
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
    let reference: LoadResult | undefined;
    for (const target of [baseline, ...pages]) {
      const { result, perView } = target === baseline ? base : await measure(target, clients);
      if (target !== baseline) results.push(result);
      if (target.label === RENDER_REFERENCE) reference = result;
      const vsRender = signedInPages.includes(target) ? reference : undefined;
      rows.push({
        page: target.label,
        clients,
        'req/s': result.throughput.toFixed(0),
        'p50 ms': result.p50.toFixed(1),
        'p95 ms': result.p95.toFixed(1),
        errors: result.errors,
        ...(perView === null ? {} : { 'Auth req/view': perView.toFixed(2) }),
        'vs baseline': `${(result.throughput / base.result.throughput).toFixed(2)}x`,
        'p50 vs render': vsRender ? `${(result.p50 / vsRender.p50).toFixed(2)}x` : '',
        'p95 vs render': vsRender ? `${(result.p95 / vsRender.p95).toFixed(2)}x` : '',
      });
    }
  }
  printTable(`Catalog pages (${appUrl}, ${durationMs / 1000}s per cell)`, rows);
  return results;
}

/** The whole table on a running stack whose app is served: the catalog pages and the signed-in pages. */
export async function runCatalogPageBenchOnStack(env: StackEnv, durationMs?: number): Promise<LoadResult[]> {
  const session = await signInThroughApp(env);
  try {
    return await runCatalogPageBench(env.APP_URL, {
      durationMs,
      signedIn: {
        cookie: session.cookie,
        pages: [
          { label: 'account (signed in)', path: '/en/account' },
          { label: 'orders (signed in)', path: '/en/orders' },
          { label: 'cart (signed in)', path: '/en/cart' },
        ],
      },
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
