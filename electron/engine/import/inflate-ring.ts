// The shared memory between a zip reader and its inflate worker (inflate-in-worker.ts,
// inflate-worker.ts): a ring of slots the worker fills with inflated bytes and the reader empties,
// and a few counters. One writer, one reader; each side only moves its own counter.

/** Slots in the ring, and the bytes each holds (node:zlib's output chunk size). */
export const RING_SLOTS = 8;
export const SLOT_BYTES = 256 * 1024;

/** Int32 fields of the control array. */
export const HEAD = 0; // slots filled by the worker (counts up)
export const TAIL = 1; // slots emptied by the reader (counts up)
export const STATE = 2;

/** STATE values. */
export const RUNNING = 0;
export const FINISHED = 1; // the stream ended; every filled slot is still to be read
export const DAMAGED = 2; // the compressed data does not inflate (or ends early)
export const STOPPED = 3; // the reader wants no more
export const FAILED = 4; // the worker could not start or read the file

export interface InflateRing {
  /** Int32: HEAD, TAIL, STATE. */
  control: SharedArrayBuffer;
  /** RING_SLOTS × SLOT_BYTES of inflated bytes. */
  data: SharedArrayBuffer;
  /** Float64 per slot: bytes in it, and compressed bytes read when it was filled. */
  meta: SharedArrayBuffer;
}

export function newRing(): InflateRing {
  return {
    control: new SharedArrayBuffer(4 * 4),
    data: new SharedArrayBuffer(RING_SLOTS * SLOT_BYTES),
    meta: new SharedArrayBuffer(RING_SLOTS * 2 * 8),
  };
}

/** What the worker is told: the compressed bytes of one entry, by position in the file. */
export interface InflateJob {
  path: string;
  start: number;
  length: number;
  ring: InflateRing;
}
