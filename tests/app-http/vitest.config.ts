import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Suites that talk to the running app over HTTP. `npm test` runs them in a step of their own once
// the app is built and served (the main vitest step runs before that), which is why their files
// end in .spec.ts: the default run (vitest.config.ts) only picks up *.test.ts.
//   STACK_PROFILE=<profile> npx vitest run --config tests/app-http/vitest.config.ts
const root = path.resolve(import.meta.dirname, '..', '..');

export default defineConfig({
  root,
  resolve: { alias: { '~': path.join(root, 'app') } },
  test: {
    include: ['tests/app-http/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});
