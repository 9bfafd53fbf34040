// The worker that writes a Run (run-write-thread.ts): its own connection to the store, one
// transaction from the first row to COMMIT. It writes the person stage's half at once, waits for
// the engine's thread to hand over the households, writes the rest, and commits only when told
// to (so a kill at the last step, or a failure on the engine's thread, leaves nothing). Any
// failure rolls back and is reported; the keys it was given are wiped once the store is open.
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { openDatabase, type Db } from '../store/database.js';
import { useAuditKey } from '../store/audit.js';
import { RunWriter, type HouseholdWrite, type PersonWrite } from './run-writer.js';
import { COMMAND, COMMIT, FAILED, COMMITTED, HOUSEHOLDS, STEP, type WriteReply } from './run-write-protocol.js';

/** The write's page cache (KiB). */
const CACHE_KB = 16_384;

const data = workerData as { path: string; key: Uint8Array; auditKey: Uint8Array | null; holdCheckpoint: boolean; input: PersonWrite; state: SharedArrayBuffer; port: MessagePort };
const state = new Int32Array(data.state);
const port = data.port;

const report = (step: number): void => {
  Atomics.store(state, STEP, step);
  Atomics.notify(state, STEP);
};

/** Waits for the engine's thread to move the command past `from`; returns the new command. */
function commandAfter(from: number): number {
  for (;;) {
    const now = Atomics.load(state, COMMAND);
    if (now !== from) return now;
    Atomics.wait(state, COMMAND, from);
  }
}

let db: Db | null = null;
try {
  const key = Buffer.from(data.key);
  data.key.fill(0);
  try {
    db = openDatabase(data.path, key, { create: false, migrate: false });
  } finally {
    key.fill(0);
  }
  if (data.auditKey) {
    useAuditKey(db, Buffer.from(data.auditKey));
    data.auditKey.fill(0);
  }
  // every row points at the link_run row this transaction inserts first (bulk-write.ts)
  db.pragma('foreign_keys = OFF');
  // The rows are appended in key order, so a few pages per B-tree are all the write touches
  // again; the engine connection's 64 MB cache (for imports) would be resident memory here while
  // the household stage runs beside it, at the Run's peak.
  db.pragma(`cache_size = -${CACHE_KB}`);
  // the log is folded in on another worker after COMMIT, not by this connection at COMMIT
  if (data.holdCheckpoint) db.pragma('wal_autocheckpoint = 0');
  db.exec('BEGIN IMMEDIATE');
  const writer = new RunWriter(db, data.input);
  writer.writePersons(report);
  if (commandAfter(0) !== HOUSEHOLDS) throw new Error('stopped before the households were written');
  const households = receiveMessageOnPort(port)?.message as HouseholdWrite | undefined;
  if (!households) throw new Error('the households did not arrive');
  const written = writer.writeHouseholds(households, report);
  if (commandAfter(HOUSEHOLDS) !== COMMIT) throw new Error('stopped before COMMIT');
  db.exec('COMMIT');
  port.postMessage({ ok: true, written, steps: writer.steps } satisfies WriteReply);
  report(COMMITTED);
} catch (error) {
  try {
    if (db?.inTransaction) db.exec('ROLLBACK');
  } catch {
    // closing the connection below rolls back what is still open
  }
  const e = error as { message?: string; code?: string };
  port.postMessage({ ok: false, message: String(e?.message ?? error), code: typeof e?.code === 'string' ? e.code : null } satisfies WriteReply);
  report(FAILED);
} finally {
  db?.close();
  port.close();
}
