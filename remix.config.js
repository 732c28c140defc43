/**
 * Remix v2 with the classic compiler (`remix build`, served by `node server/index.js build/index.js`).
 * @type {import('@remix-run/dev').AppConfig}
 */
// Stacks other than dev build into their own folder (REMIX_BUILD_DIR, set by the scripts), so
// `npm test` or `npm run bench` can build while `npm start` serves build/.
const buildDir = process.env.REMIX_BUILD_DIR;

export default {
  serverModuleFormat: 'esm',
  serverBuildPath: `${buildDir ?? 'build'}/index.js`,
  assetsBuildDirectory: buildDir ? `${buildDir}/assets` : 'public/build',
  publicPath: '/build/',
  // Tests live next to the modules they test; keep them out of the route tree.
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}', '**/*.browser.ts'],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    // Single fetch stays off for now: loaders and actions return `json()`/`redirect()` Responses
    // carrying the Supabase cookie headers, which is the model the whole app is written against.
    v3_singleFetch: false,
  },
};
