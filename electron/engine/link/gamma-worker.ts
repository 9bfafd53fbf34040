// Worker entry: computes comparison levels for ranges of pairs, reading the shared Prepared
// columns and writing into a shared output buffer. The first message brings the data (the worker
// boots before it exists); then one task in, one reply out.
import { parentPort } from 'node:worker_threads';
import { compareRange, type Plan } from './compare.js';
import type { Prepared } from './prepare.js';

interface Task {
  id: number;
  a: Int32Array;
  b: Int32Array;
  from: number;
  to: number;
  /** K bytes per pair for pairs [from, to) */
  out: Uint8Array;
}

let data: { prepared: Prepared; plan: Plan } | null = null;

parentPort?.on('message', (message: { init: { prepared: Prepared; plan: Plan } } | Task) => {
  if ('init' in message) {
    data = message.init;
    return;
  }
  try {
    if (!data) throw new Error('no data');
    compareRange(data.prepared, data.plan, message.a, message.b, message.from, message.to, message.out);
    parentPort?.postMessage({ id: message.id, ok: true });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, ok: false, message: error instanceof Error ? error.name : 'error' });
  }
});
