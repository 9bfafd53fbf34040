import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkbenchError, type ErrorKind } from '../../../shared/ipc/result.js';
import type { PipelineMessage, PipelineOptions } from './pipeline.js';

/**
 * Heap limit for one parse. The streaming readers (csv, xlsx) stay near 100 MB at any size;
 * ods and xlsb still go through SheetJS's whole-workbook read, which needs ~1.5 GB at 300k rows.
 */
const PARSE_HEAP_MB = 3072;
/** Batches the worker may run ahead of the store (each ~2,000 rows). */
const MAX_IN_FLIGHT = 4;

const self = fileURLToPath(import.meta.url);
const workerModule = new URL(`./parse-worker${extname(self)}`, import.meta.url).href;
// From sources (tsx, vitest) the worker is TypeScript and needs tsx's loader; built code is JS.
const bootstrap = extname(self) === '.ts'
  ? `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerModule)}); });`
  : `import(${JSON.stringify(workerModule)});`;

type WorkerReply = PipelineMessage | { type: 'error'; error: { kind: ErrorKind; message: string } };

export interface ParseStream extends AsyncIterable<PipelineMessage> {
  /** Tell the worker a batch has been stored, so it may send another. */
  release(): void;
  /** Stop the worker (cancel, or the engine failed). */
  stop(): void;
}

/**
 * Parses a file in a worker with resource limits and yields its messages in order: row batches,
 * a summary per sheet, then `done`. A crash or an error in the worker ends the iteration with a
 * clear `bad-input` (or the worker's own error); an abort ends it with `cancelled`.
 */
export function parseInWorker(options: PipelineOptions, signal?: AbortSignal): ParseStream {
  const name = basename(options.path);
  const flow = new SharedArrayBuffer(8);
  const state = new Int32Array(flow);
  const worker = new Worker(bootstrap, {
    eval: true,
    workerData: { options, flow, maxInFlight: MAX_IN_FLIGHT },
    resourceLimits: { maxOldGenerationSizeMb: PARSE_HEAP_MB, maxYoungGenerationSizeMb: 64 },
  });
  const queue: PipelineMessage[] = [];
  let failure: WorkbenchError | null = null;
  let finished = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const stop = (): void => {
    Atomics.store(state, 1, 1);
    Atomics.notify(state, 0);
    void worker.terminate();
  };
  const fail = (error: WorkbenchError): void => {
    if (finished || failure) return;
    failure = error;
    stop();
    notify();
  };
  const onAbort = (): void => fail(new WorkbenchError('cancelled', 'The import was cancelled; nothing was changed.'));
  signal?.addEventListener('abort', onAbort);
  worker.on('message', (reply: WorkerReply) => {
    if (reply.type === 'error') {
      fail(reply.error.message ? new WorkbenchError(reply.error.kind, reply.error.message) : new WorkbenchError('bad-input', `${name}: the file could not be read (the reader failed on its contents).`));
      return;
    }
    if (reply.type === 'done') finished = true;
    queue.push(reply);
    notify();
  });
  worker.on('error', (error) => {
    const oom = /memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`);
    fail(new WorkbenchError('bad-input', oom ? `${name}: the file is too large or too complex to read within the memory limit.` : `${name}: the file could not be read.`));
  });
  worker.on('exit', (code) => {
    if (!finished) fail(new WorkbenchError('bad-input', `${name}: the reader stopped unexpectedly (code ${code}).`));
    notify();
  });

  return {
    release() {
      Atomics.sub(state, 0, 1);
      Atomics.notify(state, 0);
    },
    stop() {
      signal?.removeEventListener('abort', onAbort);
      stop();
    },
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (failure) throw failure;
          const next = queue.shift();
          if (next) {
            yield next;
            if (next.type === 'done') return;
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      } finally {
        signal?.removeEventListener('abort', onAbort);
        stop();
      }
    },
  };
}
