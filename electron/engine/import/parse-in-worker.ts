import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkbenchError, type ErrorKind } from '../../../shared/ipc/result.js';
import type { WorkbookData } from './sheet.js';

/** Heap for one parse: SheetJS needs ~1.5 GB for 300k rows × 13 columns (STACK.md). */
const PARSE_HEAP_MB = 3072;

const self = fileURLToPath(import.meta.url);
const workerModule = new URL(`./parse-worker${extname(self)}`, import.meta.url).href;
// From sources (tsx, vitest) the worker is TypeScript and needs tsx's loader; built code is JS.
const bootstrap = extname(self) === '.ts'
  ? `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerModule)}); });`
  : `import(${JSON.stringify(workerModule)});`;

type Reply = { ok: true; workbook: WorkbookData } | { ok: false; error: { kind: ErrorKind; message: string } };

/** Reads a workbook in a worker with resource limits; a crash there becomes a clear `bad-input`. */
export function readWorkbookInWorker(path: string, signal?: AbortSignal): Promise<WorkbookData> {
  const name = basename(path);
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: { path },
      resourceLimits: { maxOldGenerationSizeMb: PARSE_HEAP_MB, maxYoungGenerationSizeMb: 64 },
    });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = (): void => settle(() => reject(new WorkbenchError('cancelled', 'The import was cancelled; nothing was changed.')));
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (reply: Reply) =>
      settle(() => {
        if (reply.ok) resolve(reply.workbook);
        else if (reply.error.message) reject(new WorkbenchError(reply.error.kind, reply.error.message));
        else reject(new WorkbenchError('bad-input', `${name}: the file could not be read (the reader failed on its contents).`));
      }),
    );
    worker.on('error', (error) =>
      settle(() => {
        const oom = /memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`);
        reject(new WorkbenchError('bad-input', oom ? `${name}: the file is too large or too complex to read within the memory limit.` : `${name}: the file could not be read.`));
      }),
    );
    worker.on('exit', (code) => settle(() => reject(new WorkbenchError('bad-input', `${name}: the reader stopped unexpectedly (code ${code}).`))));
  });
}
