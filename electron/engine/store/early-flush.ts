// A large write's log goes to disk while the work that writes it is still running, not all at
// the end. SQLite syncs the log before it folds it into the store file: after a 300k-row import
// that was ~150 MB, written out by the disk while both cores waited (0.6 s of the checkpoint's
// 3 s, measured on this machine under load). A thread of its own asks for the log to be written
// every 100 ms while the rows are stored and folded in, so SQLite's own sync finds little left to
// write. This adds syncs and removes none: what is durable when is unchanged or earlier.
//
// Only the log, never the store file: SQLite holds POSIX locks on the store file, and closing
// any other descriptor of that file in this process would drop them (SQLite's "How to corrupt"
// guide, "POSIX advisory locks canceled by a separate thread doing close()"). SQLite takes no
// lock on the log file itself (its locks live in the -shm file), so a descriptor of the log is
// safe to open and close.
import { Worker } from 'node:worker_threads';

/** Between two syncs. */
const INTERVAL_MS = 100;

/** [0] RUN or STOP; [1] syncs done and [2] 1 once the thread has stopped (for tests). */
const RUN = 0;
const STOP = 1;

/**
 * Plain script, so starting it compiles nothing. It opens the log itself (read and write: a sync
 * needs a writable handle on Windows) and never reads or writes a byte of it. A log it cannot
 * open or sync is skipped: SQLite's own syncs still make everything durable.
 */
const WORKER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const state = new Int32Array(workerData.state);
const open = (path) => { try { return fs.openSync(path, 'r+'); } catch { return null; } };
const sync = (fd) => { if (fd === null) return; try { fs.fdatasyncSync(fd); Atomics.add(state, 1, 1); } catch {} };
let log = null;
try {
  while (Atomics.load(state, 0) !== ${STOP}) {
    log ??= open(workerData.path + '-wal');
    sync(log);
    Atomics.wait(state, 0, ${RUN}, ${INTERVAL_MS});
  }
} finally {
  if (log !== null) try { fs.closeSync(log); } catch {}
  Atomics.store(state, 2, 1);
}
`;

export class EarlyFlush {
  private readonly state = new Int32Array(new SharedArrayBuffer(12));

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

  stop(): void {
    if (Atomics.load(this.state, 0) === STOP) return;
    Atomics.store(this.state, 0, STOP);
    Atomics.notify(this.state, 0);
  }

  /** Syncs done so far. */
  get syncs(): number {
    return Atomics.load(this.state, 1);
  }

  /**
   * Whether the thread has left its loop since stop(): a sync it had begun when told to stop still
   * finishes (and counts) first, which a slow disk can make last a while.
   */
  get stopped(): boolean {
    return Atomics.load(this.state, 2) === 1;
  }
}
