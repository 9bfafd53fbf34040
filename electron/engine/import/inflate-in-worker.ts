// The reader's side of inflate-worker.ts: starts the worker for one large entry and hands each
// inflated chunk on, synchronously, as the worker fills the ring. The chunks are views of the
// shared ring, valid only during the call (the scanner copies what it keeps).
import { Worker } from 'node:worker_threads';
import { workerBootstrap } from '../workers/bootstrap.js';
import { DAMAGED, FAILED, FINISHED, HEAD, RING_SLOTS, RUNNING, SLOT_BYTES, STATE, STOPPED, TAIL, newRing, type InflateJob } from './inflate-ring.js';

// If the worker cannot start, it says so in the ring, so the reader never waits on it.
const bootstrap = workerBootstrap(
  new URL('./inflate-worker.js', import.meta.url),
  `() => { const c = new Int32Array(require('node:worker_threads').workerData.ring.control); Atomics.store(c, ${STATE}, ${FAILED}); Atomics.notify(c, ${HEAD}); }`,
);

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
 * One entry's inflating in a worker. The worker starts at once and fills the ring while this
 * thread does other work (the workbook's small parts); `run` then reads it to the end.
 */
export class WorkerInflater {
  private readonly control: Int32Array;
  private readonly data: Uint8Array;
  private readonly meta: Float64Array;
  private readonly worker: Worker;

  constructor(path: string, start: number, length: number) {
    const job: InflateJob = { path, start, length, ring: newRing() };
    this.control = new Int32Array(job.ring.control);
    this.data = new Uint8Array(job.ring.data);
    this.meta = new Float64Array(job.ring.meta);
    this.worker = new Worker(bootstrap, { eval: true, workerData: job, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } });
    // Its failures are read from the ring; the event would otherwise be an uncaught error later.
    this.worker.on('error', () => {});
  }

  /**
   * Calls `onData` with each inflated chunk and the compressed bytes read so far. An exception
   * from `onData` stops the worker and passes through; damaged data throws InflateFailed.
   */
  run(onData: (chunk: Uint8Array, consumed: number) => void): void {
    const { control, data, meta } = this;
    let tail = 0;
    try {
      for (;;) {
        const head = Atomics.load(control, HEAD);
        if (head === tail) {
          const state = Atomics.load(control, STATE);
          if (state === FINISHED && Atomics.load(control, HEAD) === tail) return;
          if (state === DAMAGED) throw new InflateFailed('damaged');
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
      this.stop();
    }
  }

  /** Done, or the reader stopped: either way the worker has nothing more to do. */
  stop(): void {
    Atomics.compareExchange(this.control, STATE, RUNNING, STOPPED);
    Atomics.notify(this.control, TAIL);
    void this.worker.terminate();
  }
}
