// How a Run's one transaction is written: a million-record Run writes some five million rows
// (assignments, pairs, IDs) and about 300 MB of log. Two costs there buy nothing:
// - per-row foreign-key checks: every row a Run writes points (run_id, created_run) at the
//   link_run row inserted first in the same transaction, so each check only costs time;
// - folding the log into the store file at COMMIT (decrypting and re-encrypting every page), a
//   fifth of the write: as after a large import (store/background-checkpoint.ts), a worker does
//   it on its own connection once the Run is committed.
// Both come back as they were whether the write succeeds or fails.
import type { Store } from '../store/store.js';

/** From this many bytes written, the log is folded in on a worker; a smaller fold costs less than starting one. */
export const BACKGROUND_CHECKPOINT_BYTES = 8 << 20;

/** Log bytes a Run writes per record (its assignment, its person's and household's) and per stored pair, roughly. */
const BYTES_PER_RECORD = 60;
const BYTES_PER_PAIR = 110;

/** Roughly how many bytes a Run of `records` records and `pairs` stored pairs writes to the log. */
export const runBytes = (records: number, pairs: number): number => records * BYTES_PER_RECORD + pairs * BYTES_PER_PAIR;

/**
 * Runs `write` (which opens and commits its own transaction) with the writer's foreign-key checks
 * off and, when it writes `bytes` or more, hands the fold of the log to a worker after it.
 * Foreign keys are a pragma that cannot change inside a transaction, hence around it.
 * `onOwnConnection`: the transaction is a worker's (run-write-thread.ts), which sets its own
 * pragmas; the writer's automatic checkpoint is still held off until the fold.
 */
export function bulkWrite<T>(store: Store, bytes: number, write: () => T, options: { onOwnConnection?: boolean } = {}): T {
  const db = store.writer;
  const foreignKeys = options.onOwnConnection ? 0 : (db.pragma('foreign_keys', { simple: true }) as number);
  const autocheckpoint = bytes >= BACKGROUND_CHECKPOINT_BYTES ? store.checkpoints.holdAutomatic() : null;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  let result: T;
  try {
    result = write();
  } catch (error) {
    if (autocheckpoint !== null) store.checkpoints.release(autocheckpoint);
    throw error;
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  if (autocheckpoint !== null) store.checkpoints.start(store.dataKey, autocheckpoint);
  return result;
}
