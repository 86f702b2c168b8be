import { defineConfig } from 'vitest/config';

/**
 * Browser tests: one Parvis server for the run (e2e/support/global-setup.ts), Debian's Chromium
 * launched once per file, the files one after the other in a single process.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
    retry: 0,
    reporters: ['default'],
  },
});
