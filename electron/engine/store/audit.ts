// The audit trail: append-only, each event chained to the one before it. In a sealed store each
// event an analyst's session writes is an HMAC under the audit key, which only analysts hold, so
// the data key alone cannot rewrite the trail; the newest event is also kept in the key file,
// outside the store, with a MAC, so a truncated or rebuilt chain is detected. A checkpoint (an
// event's hash, printed on every audit export and kept elsewhere) proves that nobody, even with
// the audit key, rewrote the trail up to it.
import { createHash, createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Db } from './database.js';
import { headMac, sameHex, sealCheck, sealedHead } from './key-hierarchy.js';
import { readKeyFile, writeKeyFile, type KeyFile } from './keyslots.js';

export type AuditPayload = Record<string, string | number | boolean | null>;

const GENESIS = '0'.repeat(64);

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  payload_json: string;
  prev_hash: string;
  hash: string;
}

// The audit key travels with the store's connections, so whatever appends to or verifies the
// trail through a connection uses the key of the session that opened it.
const AUDIT_KEYS = new WeakMap<Db, Buffer>();

export function useAuditKey(db: Db, auditKey: Buffer): void {
  AUDIT_KEYS.set(db, auditKey);
}

const material = (prevHash: string, at: string, actor: string, action: string, payloadJson: string): string => `${prevHash}\n${at}\n${actor}\n${action}\n${payloadJson}`;
const plainHash = (m: string): string => createHash('sha256').update(m).digest('hex');
const keyedHash = (key: Buffer, m: string): string => createHmac('sha256', key).update(m).digest('hex');

/** The hash of event `id` (the genesis value for 0), or undefined when the trail has no such event. */
function hashAt(db: Db, id: number): string | undefined {
  if (id === 0) return GENESIS;
  return (db.prepare('SELECT hash FROM audit_event WHERE id = ?').get(id) as { hash: string } | undefined)?.hash;
}

export function appendAudit(db: Db, actor: string, action: string, payload: AuditPayload): void {
  // Reading the last event and appending after it must be one write transaction: outside one, a
  // process (a CLI backup) read the last event while another (an import) was committing its own,
  // then appended after the one it had read, and the chain forked.
  if (!db.inTransaction) {
    db.transaction(() => appendAudit(db, actor, action, payload)).immediate();
    return;
  }
  const prev = db.prepare('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = prev?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const payloadJson = JSON.stringify(payload);
  const key = AUDIT_KEYS.get(db);
  const m = material(prevHash, at, actor, action, payloadJson);
  db.prepare('INSERT INTO audit_event(at, actor, action, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)').run(
    at, actor, action, payloadJson, prevHash, key ? keyedHash(key, m) : plainHash(m),
  );
}

const lastEvent = (db: Db): { id: number; hash: string } | undefined =>
  db.prepare('SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;

/**
 * Records the chain head in the key file (only committed events, so after the work is done) and
 * returns it. In a sealed store only a session holding the audit key moves the head, and never
 * over a head the trail no longer contains: that is evidence, left for `audit verify` to report.
 */
export function syncAuditHead(store: { writer: Db; keyPath: string }): { id: number; hash: string } | null {
  if (!existsSync(store.keyPath) || !store.writer.open || store.writer.inTransaction) return null;
  const last = lastEvent(store.writer);
  if (!last) return null;
  const keyFile = readKeyFile(store.keyPath);
  const auditKey = AUDIT_KEYS.get(store.writer);
  if (keyFile.seal) {
    if (!auditKey || !sameHex(keyFile.seal.check, sealCheck(auditKey, keyFile.storeId))) return null;
    const head = keyFile.auditHead;
    // A missing, moved or unauthenticated head is evidence: never re-seal over it.
    if (!head?.mac || hashAt(store.writer, head.id) !== head.hash || !sameHex(head.mac, headMac(auditKey, keyFile.storeId, head))) return null;
    if (head.id === last.id && head.hash === last.hash) return last;
    writeKeyFile(store.keyPath, { ...keyFile, auditHead: sealedHead(auditKey, keyFile.storeId, last) });
    return last;
  }
  if (keyFile.auditHead?.id === last.id && keyFile.auditHead.hash === last.hash) return last;
  writeKeyFile(store.keyPath, { ...keyFile, auditHead: { id: last.id, hash: last.hash } });
  return last;
}

export interface AuditVerdict {
  ok: boolean;
  events: number;
  /** The first event that does not verify, and why. */
  problem: { id: number | null; reason: string } | null;
  /** The newest event: its hash is the checkpoint to keep outside the store. */
  head?: { id: number; hash: string } | null;
  /** Whether the checkpoint asked about is in the trail (absent when none was asked about). */
  checkpoint?: { hash: string; found: boolean; id: number | null };
}

const fail = (events: number, id: number | null, reason: string, extra: Partial<AuditVerdict> = {}): AuditVerdict => ({ ok: false, events, problem: { id, reason }, ...extra });

/**
 * Recomputes every hash and link, then checks the head kept outside the store (and, in a sealed
 * store, its MAC). With a checkpoint, also proves that event is still in the chain.
 */
export function verifyAudit(db: Db, keyPath: string | null, options: { auditKey?: Buffer; checkpoint?: string } = {}): AuditVerdict {
  const auditKey = options.auditKey ?? AUDIT_KEYS.get(db);
  const wanted = options.checkpoint?.trim().toLowerCase().replace(/^\d+:/, '');
  let checkpoint: AuditVerdict['checkpoint'] = wanted === undefined ? undefined : { hash: wanted, found: false, id: null };
  const keyFile: KeyFile | null = keyPath && existsSync(keyPath) ? readKeyFile(keyPath) : null;
  // Without the audit key (a non-analyst's session) a sealed trail's keyed events cannot be
  // recomputed: their links and the head are still checked.
  const contentsCheckable = auditKey !== undefined || !keyFile?.seal;
  let prevHash = GENESIS;
  let prevId = 0;
  let events = 0;
  for (const row of db.prepare('SELECT * FROM audit_event ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    events++;
    if (row.id !== prevId + 1) return fail(events, row.id, `events ${prevId + 1}–${row.id - 1} are missing`);
    if (row.prev_hash !== prevHash) return fail(events, row.id, 'its link to the previous event is broken');
    const m = material(row.prev_hash, row.at, row.actor, row.action, row.payload_json);
    // Sessions without the audit key (and stores from before sealing) chain plainly; the next
    // keyed event, or the sealed head, covers those events too.
    if (contentsCheckable && !(auditKey && keyedHash(auditKey, m) === row.hash) && plainHash(m) !== row.hash) {
      return fail(events, row.id, 'its contents were changed after it was written');
    }
    if (checkpoint && !checkpoint.found && row.hash === wanted) checkpoint = { ...checkpoint, found: true, id: row.id };
    prevHash = row.hash;
    prevId = row.id;
  }
  const head = prevId === 0 ? null : { id: prevId, hash: prevHash };
  if (keyFile) {
    const recorded = keyFile.auditHead;
    if (keyFile.seal && auditKey && !recorded) {
      return fail(events, null, 'the head of the trail is missing from the key file: it was removed, so the trail cannot be shown to be whole', { head });
    }
    if (recorded) {
      const hash = hashAt(db, recorded.id);
      if (hash === undefined) return fail(events, recorded.id, `the log ends before event ${recorded.id}, which the key file records: events were removed`, { head });
      if (hash !== recorded.hash) return fail(events, recorded.id, 'the log was rebuilt: it does not match the head recorded in the key file', { head });
      if (keyFile.seal && auditKey && !(recorded.mac && sameHex(recorded.mac, headMac(auditKey, keyFile.storeId, recorded)))) {
        return fail(events, recorded.id, 'the head recorded in the key file was not written by Baseline Workbench: the trail may have been cut short or rebuilt', { head });
      }
    }
  }
  if (checkpoint && !checkpoint.found) {
    return fail(events, null, `the checkpoint ${wanted} is not in the trail: the trail was rewritten or cut short after that checkpoint was taken`, { head, checkpoint });
  }
  return { ok: true, events, problem: null, head, ...(checkpoint ? { checkpoint } : {}) };
}
