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
import { aggregatesExist, aggregatesPath, openAggregates } from './db.js';
import type { DisclosureSettings, SectionId } from '../../../shared/ipc/channels/packs.js';
import { saveTemplate } from '../packs/templates.js';

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
  const reissued = stale.map((s) => ({ user: s.user, role: s.role, organisation: s.organisation }));
  // Without a co-ordinator nobody reads the aggregates store: it is made when the first is added.
  // One left by co-ordinators since removed is still opened, so their events reach the trail.
  if (!keyFile.slots.some((s) => s.role === 'co-ordinator') && !aggregatesExist(store.path)) return { key, created, reissued };
  const db = openOrRemake(store.path, key);
  try {
    foldJournal(store, db);
    foldTemplates(store, db);
  } finally {
    db.close();
  }
  return { key, created, reissued };
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

/** Templates co-ordinators saved go into the main store, as whoever saved them. */
export function foldTemplates(store: Pick<AnalystStore, 'writer'>, db: Db): void {
  const rows = db.prepare('SELECT name, title, sections_json, disclosure_json, saved_by FROM pack_template ORDER BY saved_at').all() as Array<{ name: string; title: string; sections_json: string; disclosure_json: string; saved_by: string }>;
  if (rows.length === 0) return;
  for (const r of rows) {
    try {
      saveTemplate(store.writer, r.saved_by, { name: r.name, title: r.title, sections: JSON.parse(r.sections_json) as SectionId[], disclosure: JSON.parse(r.disclosure_json) as DisclosureSettings });
    } catch {
      // a template the main store refuses (the default's name) is dropped
    }
  }
  db.prepare('DELETE FROM pack_template').run();
}
