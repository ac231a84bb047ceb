import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share their worker's module cache instead of re-importing the constructs for each file (the import
    // was a quarter of the suite's time). A test of process-wide state (a warning printed once) imports a fresh copy
    // itself (vi.resetModules).
    isolate: false,
  },
});
