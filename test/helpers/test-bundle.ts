// The engine's worker threads (and the CLI) compiled once for a test run, by vitest's global setup
// (test/global-setup.ts) and Playwright's (test/e2e/global-setup.ts). From sources each worker
// thread would register tsx's loader and compile its imports again (each import's parse worker,
// each link's comparison workers); from here it starts as built code does. esbuild is the
// compiler tsx uses. Packages stay external and resolve from node_modules, as the CLI's do.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

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

/** Bundles the CLI and the engine's workers into a new folder under the repo's ignored dist/, and returns it. */
export async function bundleForTests(): Promise<string> {
  // Inside the repo, so the bundle's packages resolve from node_modules.
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
  return dir;
}
