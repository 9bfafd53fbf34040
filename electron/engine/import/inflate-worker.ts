// Worker entry: inflates one zip entry with node:zlib (several times faster than the pure-JS
// inflater) into a ring of shared memory, a few slots ahead of the reader that scans it, so
// decompression and reading run side by side. It never runs more than the ring ahead: the
// reader counts every byte against the zip-bomb limits and stops it (STOPPED) when they trip.
import { createReadStream } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { createInflateRaw } from 'node:zlib';
import { DAMAGED, FAILED, FINISHED, HEAD, RING_SLOTS, RUNNING, SLOT_BYTES, STATE, STOPPED, TAIL, type InflateJob } from './inflate-ring.js';

const job = workerData as InflateJob;
const control = new Int32Array(job.ring.control);
const data = new Uint8Array(job.ring.data);
const meta = new Float64Array(job.ring.meta);

const finish = (state: number): void => {
  Atomics.compareExchange(control, STATE, RUNNING, state);
  Atomics.notify(control, HEAD);
};

const input = createReadStream(job.path, { start: job.start, end: job.start + job.length - 1, highWaterMark: 64 * 1024 });
const inflater = createInflateRaw({ chunkSize: SLOT_BYTES });
const stop = (state: number): void => {
  finish(state);
  input.destroy();
  inflater.destroy();
};

inflater.on('data', (chunk: Buffer) => {
  let head = Atomics.load(control, HEAD);
  // Wait for a free slot; the reader wakes this when it empties one or stops.
  for (;;) {
    if (Atomics.load(control, STATE) !== RUNNING) {
      stop(STOPPED);
      return;
    }
    const tail = Atomics.load(control, TAIL);
    if (head - tail < RING_SLOTS) break;
    Atomics.wait(control, TAIL, tail, 1000);
  }
  const slot = head % RING_SLOTS;
  data.set(chunk, slot * SLOT_BYTES);
  meta[slot * 2] = chunk.length;
  meta[slot * 2 + 1] = inflater.bytesWritten;
  head++;
  Atomics.store(control, HEAD, head);
  Atomics.notify(control, HEAD);
});
inflater.on('end', () => finish(FINISHED));
inflater.on('error', () => stop(DAMAGED));
input.on('error', () => stop(FAILED));
input.pipe(inflater);
