// After a large write (an import of a few hundred thousand rows leaves ~150 MB in the
// write-ahead log), folding the log into the store file decrypts and re-encrypts every page it
// wrote: about a seventh of the import's time on the engine's thread when SQLite does it at
// COMMIT. The writer's automatic checkpoint is off while a worker does it on its own connection;
// the engine's thread is free as soon as the rows are committed. A checkpoint is only ever a
// copy of committed pages, so it is safe to stop at any point (the log is kept and replayed).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';
import { EarlyFlush } from './early-flush.js';

/** How long closing the store waits for a checkpoint still running. */
const CLOSE_WAIT_MS = 120_000;

/** The SQLite binding, by absolute path: the worker below loads nothing else, so needs no loader. */
const SQLITE = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');

/**
 * The worker: its own connection, PASSIVE checkpoints (each copies what no reader still needs and
 * never blocks the engine's writer), close. It reads and writes encrypted pages only, never the rows. A
 * failure loses nothing: the log stays, and the next checkpoint (the engine's own, or closing)
 * folds it in. Plain script, not a module of ours, so starting it compiles nothing.
 */
const WORKER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const flag = new Int32Array(workerData.done);
try {
  const db = new Database(workerData.path, { fileMustExist: true });
  try {
    db.pragma('key="x' + "'" + Buffer.from(workerData.key).toString('hex') + "'" + '"');
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    // Again while the last pass found frames committed after the one before it (an import
    // commits its indexes while the first pass runs), a few passes at most.
    let seen = -1;
    for (let pass = 0; pass < 4; pass++) {
      const [r] = db.pragma('wal_checkpoint(PASSIVE)');
      if (!r || r.log === seen || r.log < 0) break;
      seen = r.log;
    }
  } finally {
    db.close();
  }
} catch {
} finally {
  workerData.key.fill(0);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
`;

export class BackgroundCheckpoint {
  private running: { flag: Int32Array; restore: number } | null = null;
  /** Syncing the log ahead of SQLite's own sync (early-flush.ts). */
  private flush: EarlyFlush | null = null;

  constructor(private readonly writer: Db, private readonly path: string) {}

  /**
   * Stops the writer checkpointing at COMMIT (call before a large write); returns the setting to
   * restore. With `flush`, the log is written to disk while the write fills it and while the
   * worker folds it in, so the fold's sync of the log does not wait for it all at the end.
   */
  holdAutomatic(options: { flush?: boolean } = {}): number {
    const was = this.running ? this.running.restore : (this.writer.pragma('wal_autocheckpoint', { simple: true }) as number);
    this.writer.pragma('wal_autocheckpoint = 0');
    if (options.flush) this.flush ??= EarlyFlush.start(this.path);
    return was;
  }

  /** Restores the writer's own checkpointing (after a write that failed: nothing new to fold in). */
  release(was: number): void {
    if (this.running) return;
    this.stopFlush();
    if (this.writer.open) this.writer.pragma(`wal_autocheckpoint = ${was}`);
  }

  /** Whether the log is being synced ahead of SQLite (for tests). */
  get flushing(): EarlyFlush | null {
    return this.flush;
  }

  private stopFlush(): void {
    this.flush?.stop();
    this.flush = null;
  }

  /** Starts folding the log in on a worker; the writer's automatic checkpoint comes back when it ends. */
  start(dataKey: Buffer, was: number): void {
    if (this.running) return;
    const done = new SharedArrayBuffer(4);
    const flag = new Int32Array(done);
    this.running = { flag, restore: was };
    const finish = (): void => {
      this.running = null;
      this.stopFlush();
      if (this.writer.open) this.writer.pragma(`wal_autocheckpoint = ${was}`);
    };
    try {
      const worker = new Worker(WORKER, { eval: true, workerData: { sqlite: SQLITE, path: this.path, key: new Uint8Array(dataKey), done } });
      worker.unref();
      worker.on('exit', finish);
      worker.on('error', () => {});
    } catch {
      finish();
    }
  }

  /** Waits (bounded) for a checkpoint still running: closing the store then leaves a folded-in log. */
  wait(): void {
    const running = this.running;
    if (running) Atomics.wait(running.flag, 0, 0, CLOSE_WAIT_MS);
    this.running = null;
    this.stopFlush();
  }
}
