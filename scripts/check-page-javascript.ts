// npm test's JavaScript budget: measures every page of the stack's production build (run after
// `remix build`) and fails when one loads more compressed JavaScript than the budget allows.
// Deterministic: it reads the build's manifest and files, nothing is timed or served.
import { formatPageJavaScript, measurePageJavaScript, PAGE_JAVASCRIPT_BUDGET_BYTES, routeSourceRendersPage } from './lib/page-javascript.ts';
import { appBuildEnv, profileFromArgs } from './lib/profile.ts';

const profile = profileFromArgs(process.argv.slice(2));
const pages = measurePageJavaScript(appBuildEnv(profile).assetsDir, routeSourceRendersPage());
console.log(formatPageJavaScript(pages));
const over = pages.filter((page) => page.gzipBytes > PAGE_JAVASCRIPT_BUDGET_BYTES);
if (over.length > 0) {
  console.error(`\n${over.length} page(s) load more than ${PAGE_JAVASCRIPT_BUDGET_BYTES / 1000} kB (${PAGE_JAVASCRIPT_BUDGET_BYTES.toLocaleString("en")} bytes) of gzip-compressed JavaScript: ${over.map((page) => page.routeId).join(', ')}`);
  process.exit(1);
}
console.log(`\nEvery page (${pages.length}) is within ${PAGE_JAVASCRIPT_BUDGET_BYTES / 1000} kB (${PAGE_JAVASCRIPT_BUDGET_BYTES.toLocaleString("en")} bytes) of gzip-compressed JavaScript.`);
