// After a large write (an import of a few hundred thousand rows leaves ~150 MB in the
// write-ahead log), folding the log into the store file decrypts and re-encrypts every page it
// wrote: about a seventh of the import's time on the engine's thread when SQLite does it at
// COMMIT. The writer's automatic checkpoint is off while a worker does it on its own connection;
// the engine's thread is free as soon as the rows are committed. A checkpoint is only ever a
// copy of committed pages, so it is safe to stop at any point (the log is kept and replayed).
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';

/** How long closing the store waits for a checkpoint still running. */
const CLOSE_WAIT_MS = 120_000;

function bootstrap(): string {
  const ext = extname(fileURLToPath(import.meta.url));
  const href = new URL(`./checkpoint-worker${ext === '.ts' ? '.ts' : '.js'}`, import.meta.url).href;
  return ext === '.ts'
    ? `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(href)}); });`
    : `import(${JSON.stringify(href)});`;
}

export class BackgroundCheckpoint {
  private running: { flag: Int32Array; restore: number } | null = null;

  constructor(private readonly writer: Db, private readonly path: string) {}

  /** Stops the writer checkpointing at COMMIT (call before a large write); returns the setting to restore. */
  holdAutomatic(): number {
    const was = this.running ? this.running.restore : (this.writer.pragma('wal_autocheckpoint', { simple: true }) as number);
    this.writer.pragma('wal_autocheckpoint = 0');
    return was;
  }

  /** Restores the writer's own checkpointing (after a write that failed: nothing new to fold in). */
  release(was: number): void {
    if (!this.running && this.writer.open) this.writer.pragma(`wal_autocheckpoint = ${was}`);
  }

  /** Starts folding the log in on a worker; the writer's automatic checkpoint comes back when it ends. */
  start(dataKey: Buffer, was: number): void {
    if (this.running) return;
    const done = new SharedArrayBuffer(4);
    const flag = new Int32Array(done);
    this.running = { flag, restore: was };
    const finish = (): void => {
      this.running = null;
      if (this.writer.open) this.writer.pragma(`wal_autocheckpoint = ${was}`);
    };
    try {
      const worker = new Worker(bootstrap(), { eval: true, workerData: { path: this.path, key: new Uint8Array(dataKey), done } });
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
  }
}
