// Gives a store its aggregates store: at the first analyst sign-in (or when a store is made) the
// aggregates key is created and wrapped under the audit key, the aggregates file is made, and any
// co-ordinator slot that still holds the whole store's key is removed (re-issued: its passphrase
// is not known here, so it cannot be re-wrapped). Each analyst session also folds co-ordinators'
// journalled audit events into the sealed trail, as the co-ordinators who acted.
import type { SlotOwner } from '../store/keyslots.js';
import { readKeyFile, writeKeyFile } from '../store/keyslots.js';
import { withoutSlots } from '../store/key-hierarchy.js';
import type { AuditPayload } from '../store/audit.js';
import type { AuditAction } from '../../../shared/ipc/audit-actions.js';
import type { Db } from '../store/database.js';
import { aggregatesKeyOf, withNewAggregatesKey } from './key.js';
import { rmSync } from 'node:fs';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { aggregatesPath, openAggregates } from './db.js';

/** What an analyst store needs of the Store class here (kept narrow to avoid a cycle). */
export interface AnalystStore {
  readonly path: string;
  readonly keyPath: string;
  readonly auditKey: Buffer | null;
  readonly readOnly: boolean;
  readonly writer: Db;
  readonly session: SlotOwner;
  audit(actor: string, action: AuditAction, payload: AuditPayload): void;
}

export interface AggregatesSetup {
  key: Buffer;
  /** Co-ordinators whose slots held the data key and were removed: to be added again. */
  reissued: SlotOwner[];
  /** Whether the key (and so the aggregates store) was made just now. */
  created: boolean;
}

/** Ensures the key, the file and co-ordinators' slots; null for sessions without the audit key. */
export function ensureAggregates(store: AnalystStore, options: { newStore?: boolean } = {}): AggregatesSetup | null {
  if (!store.auditKey || store.readOnly) return null;
  let keyFile = readKeyFile(store.keyPath);
  let key = aggregatesKeyOf(keyFile, store.auditKey);
  const created = key === null;
  if (!key) {
    const made = withNewAggregatesKey(keyFile, store.auditKey);
    keyFile = made.keyFile;
    key = made.key;
  }
  // A co-ordinator's slot from before holds the data key: it must go, whatever else it holds.
  const stale = keyFile.slots.filter((s) => s.role === 'co-ordinator' && (s.v !== 2 || (s.holds ?? []).includes('data')));
  if (stale.length > 0) keyFile = withoutSlots(keyFile, stale.map((s) => s.id));
  if (created || stale.length > 0) writeKeyFile(store.keyPath, keyFile);
  // A new store is made with it (its creation is the event); an older store records when it gained it.
  if ((created && !options.newStore) || stale.length > 0) store.audit(store.session.user, 'aggregates-key-made', { created, coordinatorsRemoved: stale.length });
  const db = openOrRemake(store.path, key);
  try {
    foldJournal(store, db);
  } finally {
    db.close();
  }
  return { key, created, reissued: stale.map((s) => ({ user: s.user, role: s.role, organisation: s.organisation })) };
}

/**
 * An aggregates file this key cannot open belongs to another key file (a store restored over an
 * older one): it is unreadable here, so it is replaced by an empty one, which the session fills.
 */
function openOrRemake(storePath: string, key: Buffer): Db {
  try {
    return openAggregates(storePath, key, { create: true });
  } catch (error) {
    if (!(error instanceof WorkbenchError) || error.kind !== 'bad-input') throw error;
    for (const f of [aggregatesPath(storePath), `${aggregatesPath(storePath)}-wal`, `${aggregatesPath(storePath)}-shm`]) rmSync(f, { force: true });
    return openAggregates(storePath, key, { create: true });
  }
}

/** Appends a co-ordinator's audit event to the aggregates store's journal. */
export function journal(db: Db, actor: string, action: AuditAction, payload: AuditPayload): void {
  db.prepare('INSERT INTO agg_journal(at, actor, action, payload_json) VALUES (?, ?, ?, ?)').run(new Date().toISOString(), actor, action, JSON.stringify(payload));
}

/**
 * Moves journalled events into the sealed trail (each keeps its actor; the payload gains when it
 * happened, in milliseconds since 1970, as the trail holds numbers), then empties the journal.
 */
function foldJournal(store: AnalystStore, db: Db): void {
  const rows = db.prepare('SELECT id, at, actor, action, payload_json FROM agg_journal ORDER BY id').all() as Array<{ id: number; at: string; actor: string; action: string; payload_json: string }>;
  if (rows.length === 0) return;
  store.writer.transaction(() => {
    for (const row of rows) {
      let payload: AuditPayload;
      try {
        payload = JSON.parse(row.payload_json) as AuditPayload;
      } catch {
        payload = {};
      }
      store.audit(row.actor, row.action as AuditAction, { ...payload, journalledAt: Date.parse(row.at) });
    }
  })();
  db.prepare('DELETE FROM agg_journal WHERE id <= ?').run(rows[rows.length - 1]?.id ?? 0);
}
