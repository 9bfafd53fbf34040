// A Run's one transaction on a worker thread with its own connection (run-write-worker.ts), so
// the person stage's half of the write (IDs, assignments, some ten million pair rows at a
// million records) runs on the second core while the household stage runs here. Started as soon
// as the person stage returns; `finish` hands over the households and waits for COMMIT.
//
// SQLite has one writer: from the worker's BEGIN to its COMMIT the engine's connection must not
// write. So the engine's thread never yields in between (the household stage is synchronous, and
// `finish` waits on shared memory, not on the event loop): no other request can run and write,
// as when the whole write ran here. The worker commits only when told to, after the engine's
// thread has reported the last saving step, so a kill at any step (the crash tests) leaves
// nothing; a failure on either side rolls the transaction back.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { fileFault } from '../store/files.js';
import type { Store } from '../store/store.js';
import { workerBootstrap } from '../workers/bootstrap.js';
import { COMMAND, COMMIT, COMMITTED, FAILED, HOUSEHOLDS, ROLLBACK, STEP, type WriteReply } from './run-write-protocol.js';
import type { HouseholdWrite, PersonWrite, RunWritten } from './run-writer.js';

/** A worker that cannot load its module says so through the shared state, as any other failure. */
const ON_LOAD_FAILURE = `(e) => {
  const { workerData } = require('node:worker_threads');
  workerData.port.postMessage({ ok: false, message: 'its module could not be loaded: ' + String(e && e.message), code: null });
  const s = new Int32Array(workerData.state);
  Atomics.store(s, ${STEP}, ${FAILED});
  Atomics.notify(s, ${STEP});
}`;

const bootstrap = workerBootstrap(new URL('./run-write-worker.js', import.meta.url), ON_LOAD_FAILURE);

/** Records from which a Run is written on a worker: below, starting one costs more than the overlap gains. */
export const WRITE_WORKER_FROM = 20_000;

/** How long the engine waits without a step from the worker before giving up on it. */
const STALL_MS = 10 * 60_000;

export class RunWriteThread {
  private readonly worker: Worker;
  private readonly state: Int32Array;
  private readonly port: MessagePort;
  private ended = false;
  /** the worker's own step timings (BASELINE_LINK_DEBUG) */
  steps: Record<string, number> = {};

  /**
   * Starts the write: the worker opens the store with copies of the data key and (in an
   * analyst's session) the audit key, handed over in memory only and wiped on both sides.
   * `holdCheckpoint`: the worker's COMMIT leaves the log for a background checkpoint.
   */
  constructor(store: Store, input: PersonWrite, holdCheckpoint: boolean) {
    const shared = new SharedArrayBuffer(8);
    this.state = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const key = new Uint8Array(store.requireDataKey());
    const auditKey = store.auditKey ? new Uint8Array(store.auditKey) : null;
    try {
      this.worker = new Worker(bootstrap, {
        eval: true,
        workerData: { path: store.path, key, auditKey, holdCheckpoint, input, state: shared, port: port2 },
        transferList: [port2],
      });
    } finally {
      // workerData is copied when the worker is created
      key.fill(0);
      auditKey?.fill(0);
    }
    // failures come back through the shared state and the port (see `wait`)
    this.worker.on('error', () => {});
  }

  /**
   * Hands the households to the worker and waits for the Run to be committed; `onStep(n)` is
   * called here for each saving step the worker has done, the last before COMMIT.
   */
  finish(households: HouseholdWrite, onStep: (done: number) => void): RunWritten {
    this.port.postMessage(households);
    this.command(HOUSEHOLDS);
    let reported = 0;
    const reply = this.wait((step) => {
      while (reported < Math.min(step, 4)) onStep(++reported);
      if (step === 4 && Atomics.load(this.state, COMMAND) === HOUSEHOLDS) this.command(COMMIT);
    });
    return reply.written;
  }

  /** Rolls the worker's transaction back (a failure or cancellation here) and waits until it has. */
  abandon(): void {
    if (this.ended) return;
    this.command(ROLLBACK);
    try {
      this.wait(() => {});
    } catch {
      // rolled back: the reason is the caller's
    }
  }

  private command(value: number): void {
    Atomics.store(this.state, COMMAND, value);
    Atomics.notify(this.state, COMMAND);
  }

  /** Waits on shared memory (never on the event loop) until the worker commits or fails. */
  private wait(onProgress: (step: number) => void): Extract<WriteReply, { ok: true }> {
    let last = -2;
    let since = Date.now();
    for (;;) {
      const step = Atomics.load(this.state, STEP);
      if (step === COMMITTED || step === FAILED) break;
      if (step !== last) {
        last = step;
        since = Date.now();
        onProgress(step);
      } else if (Date.now() - since > STALL_MS) {
        this.ended = true;
        void this.worker.terminate();
        throw new WorkbenchError('internal', 'The Run could not be saved: its writer thread stopped answering. Nothing was saved; the previous Run is unchanged.');
      }
      Atomics.wait(this.state, STEP, step, 1000);
    }
    this.ended = true;
    const reply = receiveMessageOnPort(this.port)?.message as WriteReply | undefined;
    this.port.close();
    if (reply?.ok) {
      this.steps = reply.steps;
      return reply;
    }
    const reason = reply ? reply.message : 'it ended without a reply';
    // a full disk or a read-only folder reads as one, as when the write ran on this thread
    const fault = reply?.code ? fileFault(Object.assign(new Error(reason), { code: reply.code }), 'The Run was not saved') : null;
    if (fault instanceof WorkbenchError) throw fault;
    throw new WorkbenchError('internal', `The Run could not be saved (its writer thread failed: ${reason}). Nothing was saved; the previous Run is unchanged.`);
  }
}
