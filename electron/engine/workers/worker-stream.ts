// Runs a reader in a worker thread and hands its messages back in order, so a large or hostile
// file is parsed away from the engine's thread (the app stays responsive, and a reader that runs
// out of memory kills only its worker). The worker may run a few batches ahead of the consumer
// and then waits: memory stays bounded however large the file.
import { Worker } from 'node:worker_threads';
import { WorkbenchError, type ErrorKind } from '../../../shared/ipc/result.js';
import { workerBootstrap } from './bootstrap.js';

/** What a worker posts besides its own messages: a failure, as a kind and a message for people. */
export type WorkerFailure = { type: 'error'; error: { kind: ErrorKind; message: string } };

export interface WorkerStream<M> extends AsyncIterable<M> {
  /** The consumer has finished with a counted message: the worker may send another. */
  release(): void;
  /** Stop the worker (cancelled, or the rows are not wanted). */
  stop(): void;
}

export interface WorkerStreamOptions<M> {
  /** The worker module's URL (a sibling of the caller: `new URL('./x-worker.js', import.meta.url)`). */
  module: URL;
  /** Passed to the worker as `workerData.input`. */
  input: unknown;
  /** The file's name, for messages. */
  name: string;
  /** Heap limit for the worker. */
  heapMb: number;
  /** Counted messages the worker may post before the consumer releases one. */
  maxInFlight: number;
  /** The message after which the worker has nothing more to say. */
  isLast(message: M): boolean;
  signal?: AbortSignal;
  /** What to say when the signal aborts. */
  cancelled?: string;
}

export function workerStream<M>(options: WorkerStreamOptions<M>): WorkerStream<M> {
  const { name, signal } = options;
  const flow = new SharedArrayBuffer(8);
  const state = new Int32Array(flow);
  const worker = new Worker(workerBootstrap(options.module), {
    eval: true,
    workerData: { input: options.input, flow, maxInFlight: options.maxInFlight },
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb, maxYoungGenerationSizeMb: 64 },
  });
  const queue: M[] = [];
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
  const onAbort = (): void => fail(new WorkbenchError('cancelled', options.cancelled ?? 'Cancelled; nothing was changed.'));
  signal?.addEventListener('abort', onAbort);
  worker.on('message', (reply: M | WorkerFailure) => {
    const failed = (reply as WorkerFailure).type === 'error' ? (reply as WorkerFailure) : null;
    if (failed) {
      fail(failed.error.message ? new WorkbenchError(failed.error.kind, failed.error.message) : new WorkbenchError('bad-input', `${name}: the file could not be read (the reader failed on its contents).`));
      return;
    }
    const message = reply as M;
    if (options.isLast(message)) finished = true;
    queue.push(message);
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
          if (next !== undefined) {
            yield next;
            if (options.isLast(next)) return;
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
