// Once per test run, before any test file: the CLI compiled for the tests that run it. Those tests
// used to start the CLI from source through tsx's loader, which compiled and resolved every module
// again in each worker thread and child process (seconds of CPU a start, and again for each
// import's parse worker). esbuild (the compiler tsx uses) bundles the same source once, with the
// worker entry points beside it under the names the engine starts them by, so the CLI runs as
// built code does. Packages stay external and resolve from node_modules, as the CLI's do.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of the bundled CLI (see test/helpers/cli.ts). */
    cliBundle: string;
  }
}

const REPO = fileURLToPath(new URL('..', import.meta.url));

/**
 * The CLI, the test worker that runs its commands, and every engine worker: the engine starts
 * each worker as `<name>-worker` beside its own module (workers/worker-stream.ts,
 * link/gamma-pool.ts), which in the bundle is this folder. Workers are found by that name, so a
 * new one is bundled without a change here.
 */
function entries(): Record<string, string> {
  const found: Record<string, string> = { main: join(REPO, 'test/helpers/cli-main.ts'), 'cli-worker': join(REPO, 'test/helpers/cli-worker.ts') };
  for (const file of readdirSync(join(REPO, 'electron/engine'), { recursive: true, encoding: 'utf8' })) {
    const name = basename(file, '.ts');
    // x-worker.ts is a worker's own module; x-in-worker.ts the engine's side that starts it.
    if (!file.endsWith('-worker.ts') || file.endsWith('-in-worker.ts')) continue;
    if (found[name]) throw new Error(`two engine workers are named ${name}: the bundle needs one of each name`);
    found[name] = join(REPO, 'electron/engine', file);
  }
  return found;
}

export default async function setup(project: TestProject): Promise<() => void> {
  // Inside the repo (its ignored dist/), so the bundle's packages resolve from node_modules.
  mkdirSync(join(REPO, 'dist'), { recursive: true });
  const dir = mkdtempSync(join(REPO, 'dist', 'test-cli-'));
  // Readable by everyone, as the sources are: the read-only test runs the CLI as another user.
  chmodSync(dir, 0o755);
  await build({
    entryPoints: entries(),
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: dir,
    // Code split at the engine's dynamic imports (packs' ExcelJS and pdfkit, subject-access PDFs):
    // one bundle would hoist their packages' imports to its top, and every CLI process and worker
    // would load ExcelJS and its zip libraries at start (about 1 s of CPU a process, two thirds of
    // a `link`). Chunks sit beside the entries, so each module's own folder is still the bundle's.
    splitting: true,
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  project.provide('cliBundle', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
