import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/{unit,db,renderer}/**/*.test.{ts,tsx}',
      // Renderer tests are .mts so the renderer project (DOM, Bundler) type-checks them rather
      // than test/tsconfig.json, which does not reference renderer/ (TS6307).
      'test/renderer/**/*.test.mts',
    ],
    environment: 'node',
    // scrypt's answers remembered for the test process (see the file for why that changes nothing);
    // engine workers started from the run's bundle, not compiled from sources in each worker.
    setupFiles: ['test/helpers/kdf-memo.ts', 'test/helpers/worker-bundle.ts'],
    // The CLI compiled once for the tests that run it in a worker or a process of its own.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Vitest's default leaves a core idle (one worker on a two-core machine). Most files here
    // are single-threaded SQLite work or wait on a child process, so one file per core keeps
    // both busy.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
