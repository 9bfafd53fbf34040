// A large write's pages go to disk while the work that writes them is still running, not all at
// the end. SQLite syncs the log before it folds it into the store file, and the store file after:
// after a 300k-row import that was ~150 MB twice, written out by the disk while both cores waited
// (0.6 s and 0.35 s of the checkpoint's 3 s, measured on this machine under load). A thread of
// its own asks for the same data to be written every 100 ms while the rows are stored (the log)
// and while they are folded in (the log and the store file), so SQLite's own syncs find little
// left to write. This adds syncs and removes none: what is durable when is unchanged or earlier.
import { Worker } from 'node:worker_threads';

/** Between two syncs. */
const INTERVAL_MS = 100;

/** [0] phase: LOG, STORE or STOP; [1] syncs done (for tests). */
const LOG = 0;
const STORE = 1;
const STOP = 2;

/**
 * Plain script, so starting it compiles nothing. It opens the files itself (read and write: a
 * sync needs a writable handle on Windows) and never reads or writes a byte of them. A file it
 * cannot open or sync is skipped: SQLite's own syncs still make everything durable.
 */
const WORKER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const state = new Int32Array(workerData.state);
const open = (path) => { try { return fs.openSync(path, 'r+'); } catch { return null; } };
const sync = (fd) => { if (fd === null) return; try { fs.fdatasyncSync(fd); Atomics.add(state, 1, 1); } catch {} };
let log = null;
let store = null;
try {
  for (;;) {
    const phase = Atomics.load(state, 0);
    if (phase === ${STOP}) break;
    log ??= open(workerData.path + '-wal');
    sync(log);
    if (phase === ${STORE}) sync(store ??= open(workerData.path));
    Atomics.wait(state, 0, phase, ${INTERVAL_MS});
  }
} finally {
  for (const fd of [log, store]) if (fd !== null) try { fs.closeSync(fd); } catch {}
}
`;

export class EarlyFlush {
  private readonly state = new Int32Array(new SharedArrayBuffer(8));

  private constructor(path: string) {
    const worker = new Worker(WORKER, { eval: true, workerData: { path, state: this.state.buffer } });
    worker.unref();
    worker.on('error', () => {});
  }

  /** Starts syncing the log of the store at `path` (a write is about to fill it); null if no thread could start. */
  static start(path: string): EarlyFlush | null {
    try {
      return new EarlyFlush(path);
    } catch {
      return null;
    }
  }

  /** The log is being folded into the store file: sync both from now on. */
  folding(): void {
    this.set(STORE);
  }

  stop(): void {
    this.set(STOP);
  }

  /** Syncs done so far. */
  get syncs(): number {
    return Atomics.load(this.state, 1);
  }

  private set(phase: number): void {
    if (Atomics.load(this.state, 0) === STOP) return;
    Atomics.store(this.state, 0, phase);
    Atomics.notify(this.state, 0);
  }
}
