import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The resilience suite restarts the database of the stack it runs against, which would break any
// test running at the same time, so the default run (vitest.config.ts) excludes it and `npm test`
// runs it in a step of its own after the main vitest step: `vitest run --config <this file>`.
const root = path.resolve(import.meta.dirname, '..', '..');

export default defineConfig({
  root,
  resolve: { alias: { '~': path.join(root, 'app') } },
  test: {
    include: ['tests/resilience/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
