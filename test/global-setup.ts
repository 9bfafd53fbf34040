// Once per test run, before any test file: the CLI and the engine's workers compiled once
// (test/helpers/test-bundle.ts). The tests that run the CLI start it from there, in a worker or a
// process of their own (test/helpers/cli.ts), rather than through tsx's loader, which compiled and
// resolved every module again in each worker thread and child process (seconds of CPU a start).
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { bundleForTests } from './helpers/test-bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of the bundled CLI (see test/helpers/cli.ts). */
    cliBundle: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = await bundleForTests();
  project.provide('cliBundle', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
