// How a worker thread starts its module. Built code imports the built module beside its caller.
// From sources (tsx, vitest) the module is TypeScript and each worker registers tsx's loader and
// compiles its imports again; a test run instead names the folder where it bundled every worker
// once (test/helpers/test-bundle.ts, for vitest and Playwright) in BASELINE_TEST_WORKER_BUNDLE, and
// the worker starts from there.
// Built code never reads the variable.
import { basename, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ext = extname(fileURLToPath(import.meta.url));

/**
 * The code a Worker (eval: true) runs to start `module`, a sibling `./x-worker.js` of its caller.
 * `onFail` (a function's source) runs in the worker when the module cannot be loaded.
 */
export function workerBootstrap(module: URL, onFail?: string): string {
  const tail = onFail ? `.catch(${onFail});` : ';';
  if (ext !== '.ts') return `import(${JSON.stringify(module.href.replace(/\.(js|ts)$/, ext))})${tail}`;
  const bundle = process.env.BASELINE_TEST_WORKER_BUNDLE;
  if (bundle) return `import(${JSON.stringify(pathToFileURL(join(bundle, basename(fileURLToPath(module)).replace(/\.(js|ts)$/, '.mjs'))).href)})${tail}`;
  return `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(module.href.replace(/\.(js|ts)$/, '.ts'))}); })${tail}`;
}
