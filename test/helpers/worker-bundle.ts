// Test runs only: the engine's worker threads start from the workers the run bundled once
// (test/helpers/test-bundle.ts) instead of registering tsx and compiling their sources again in every
// worker (each import's parse worker, each link's comparison workers). Same sources, same run.
import { inject } from 'vitest';

process.env.BASELINE_TEST_WORKER_BUNDLE ??= inject('cliBundle');
