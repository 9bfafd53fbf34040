// The reader's side of inflate-worker.ts: starts the worker for one large entry and hands each
// inflated chunk on, synchronously, as the worker fills the ring. The chunks are views of the
// shared ring, valid only during the call (the scanner copies what it keeps).
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DAMAGED, FAILED, FINISHED, HEAD, RING_SLOTS, RUNNING, SLOT_BYTES, STATE, STOPPED, TAIL, newRing, type InflateJob } from './inflate-ring.js';

const self = fileURLToPath(import.meta.url);
const workerModule = new URL(`./inflate-worker${extname(self)}`, import.meta.url).href;
// From sources (tsx, vitest) the worker is TypeScript and needs tsx's loader; built code is JS.
// If the worker cannot start, it says so in the ring, so the reader never waits on it.
const bootstrap = `${
  extname(self) === '.ts'
    ? `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerModule)}); })`
    : `import(${JSON.stringify(workerModule)})`
}.catch(() => { const c = new Int32Array(require('node:worker_threads').workerData.ring.control); Atomics.store(c, ${STATE}, ${FAILED}); Atomics.notify(c, ${HEAD}); });`;

/** How the inflating ended, when it did not end well. */
export type InflateFailure = 'damaged' | 'unreadable' | 'stalled';

export class InflateFailed extends Error {
  constructor(readonly failure: InflateFailure) {
    super(failure);
  }
}

/** No new bytes for this long means the worker is gone (it cannot be heard from while this thread waits). */
const STALL_MS = 60_000;

/**
 * Inflates `length` compressed bytes at `start` of the file at `path`, calling `onData` with each
 * chunk and the compressed bytes read so far. An exception from `onData` stops the worker and
 * passes through; damaged data throws InflateFailed.
 */
export function inflateInWorker(path: string, start: number, length: number, onData: (chunk: Uint8Array, consumed: number) => void): void {
  const job: InflateJob = { path, start, length, ring: newRing() };
  const control = new Int32Array(job.ring.control);
  const data = new Uint8Array(job.ring.data);
  const meta = new Float64Array(job.ring.meta);
  const worker = new Worker(bootstrap, { eval: true, workerData: job, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } });
  // Its failures are read from the ring; the event would otherwise be an uncaught error later.
  worker.on('error', () => {});
  let tail = 0;
  try {
    for (;;) {
      const head = Atomics.load(control, HEAD);
      if (head === tail) {
        const state = Atomics.load(control, STATE);
        if (state === FINISHED && Atomics.load(control, HEAD) === tail) return;
        if (state === DAMAGED) throw new InflateFailed('damaged');
        if (state === FAILED) throw new InflateFailed('unreadable');
        if (state !== RUNNING && state !== FINISHED) throw new InflateFailed('unreadable');
        if (state === RUNNING && Atomics.wait(control, HEAD, head, STALL_MS) === 'timed-out' && Atomics.load(control, HEAD) === head) throw new InflateFailed('stalled');
        continue;
      }
      const slot = tail % RING_SLOTS;
      onData(data.subarray(slot * SLOT_BYTES, slot * SLOT_BYTES + (meta[slot * 2] ?? 0)), meta[slot * 2 + 1] ?? 0);
      tail++;
      Atomics.store(control, TAIL, tail);
      Atomics.notify(control, TAIL);
    }
  } finally {
    // Done, or the reader stopped: either way the worker has nothing more to do.
    Atomics.compareExchange(control, STATE, RUNNING, STOPPED);
    Atomics.notify(control, TAIL);
    void worker.terminate();
  }
}
