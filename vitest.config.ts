import path from 'node:path';
import { defineConfig } from 'vitest/config';

// One run covers unit tests and integration tests; `npm test` starts the test stack first.
// Integration tests read the stack's env through tests/support/stack-env.ts.
export default defineConfig({
  resolve: { alias: { '~': path.resolve(import.meta.dirname, 'app') } },
  test: {
    include: ['app/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    // Browser tests run in Chromium (scripts/test-browser.ts); the resilience suite restarts the
    // database and runs on its own (tests/resilience/vitest.config.ts).
    exclude: ['tests/browser/**', 'tests/resilience/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration files share one database; running them one at a time keeps them independent.
    fileParallelism: false,
  },
});
