// Worker entry: folds the store's write-ahead log back into the store file on its own
// connection, off the engine's thread (see background-checkpoint.ts). Reads and writes the
// encrypted pages only; never the rows.
import Database from 'better-sqlite3-multiple-ciphers';
import { workerData } from 'node:worker_threads';

const { path, key, done } = workerData as { path: string; key: Uint8Array; done: SharedArrayBuffer };
const flag = new Int32Array(done);
try {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    // PASSIVE: copies what no reader still needs and never blocks the engine's writer.
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
  }
} catch {
  // Nothing lost: the log stays, and the next checkpoint (the engine's own, or closing) folds it in.
} finally {
  key.fill(0);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
