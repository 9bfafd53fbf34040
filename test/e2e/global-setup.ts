// Once per Playwright run: the engine's workers compiled once (test/helpers/test-bundle.ts), as
// vitest's run does. Each test's engine runs in the Playwright worker from sources, and without
// this every worker thread it starts (each import's parse worker, each link's comparison and
// writing workers) registered tsx's loader and compiled its imports again. Playwright's workers
// are started after this and inherit the variable; the engine reads it when its modules load.
import { rmSync } from 'node:fs';
import { bundleForTests } from '../helpers/test-bundle.js';

export default async function globalSetup(): Promise<() => void> {
  const dir = await bundleForTests();
  process.env['BASELINE_TEST_WORKER_BUNDLE'] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
