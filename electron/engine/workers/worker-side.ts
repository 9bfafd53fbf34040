// The worker's half of a worker stream: its input, and a `post` that holds a counted message
// back while the consumer is too far behind (so memory stays bounded) and stops when told to.
import { parentPort, workerData } from 'node:worker_threads';
import { WorkbenchError } from '../../../shared/ipc/result.js';

const { input, flow, maxInFlight } = workerData as { input: unknown; flow: SharedArrayBuffer; maxInFlight: number };
/** [0] counted messages posted and not yet released; [1] set to 1 by the consumer to stop. */
const state = new Int32Array(flow);

/** Thrown by `post` when the consumer has stopped the worker: nothing more to say. */
export class Stopped extends Error {}

export function workerInput<T>(): T {
  return input as T;
}

/** Posts a message; a counted one waits until the consumer has room for it. */
export function post(message: unknown, counted: boolean): void {
  if (counted) {
    for (;;) {
      if (Atomics.load(state, 1) !== 0) throw new Stopped();
      const inFlight = Atomics.load(state, 0);
      if (inFlight < maxInFlight) break;
      Atomics.wait(state, 0, inFlight, 1000);
    }
    Atomics.add(state, 0, 1);
  }
  parentPort?.postMessage(message);
}

/** Reports how the work ended: a stop says nothing; a WorkbenchError its kind and message; anything else only that it failed. */
export function reportFailure(error: unknown): void {
  if (error instanceof Stopped) return;
  if (error instanceof WorkbenchError) parentPort?.postMessage({ type: 'error', error: { kind: error.kind, message: error.message } });
  else parentPort?.postMessage({ type: 'error', error: { kind: 'bad-input', message: '' } });
}
