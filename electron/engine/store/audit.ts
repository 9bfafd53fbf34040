// The audit trail: append-only, each event hashed with the one before it. The newest event's
// id and hash are also kept in the key file, outside the store, so a truncated or rebuilt chain
// is detected, not just an edited row.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Db } from './database.js';
import { readKeyFile, writeKeyFile } from './keyslots.js';

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

const eventHash = (prevHash: string, at: string, actor: string, action: string, payloadJson: string): string =>
  createHash('sha256').update(`${prevHash}\n${at}\n${actor}\n${action}\n${payloadJson}`).digest('hex');

export function appendAudit(db: Db, actor: string, action: string, payload: AuditPayload): void {
  const prev = db.prepare('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = prev?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const payloadJson = JSON.stringify(payload);
  db.prepare('INSERT INTO audit_event(at, actor, action, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)').run(
    at, actor, action, payloadJson, prevHash, eventHash(prevHash, at, actor, action, payloadJson),
  );
}

/** Records the chain head in the key file (only committed events, so after the work is done). */
export function syncAuditHead(store: { writer: Db; keyPath: string }): void {
  if (!existsSync(store.keyPath) || !store.writer.open || store.writer.inTransaction) return;
  const last = store.writer.prepare('SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  if (!last) return;
  const keyFile = readKeyFile(store.keyPath);
  if (keyFile.auditHead?.id === last.id && keyFile.auditHead.hash === last.hash) return;
  writeKeyFile(store.keyPath, { ...keyFile, auditHead: { id: last.id, hash: last.hash } });
}

export interface AuditVerdict {
  ok: boolean;
  events: number;
  /** The first event that does not verify, and why. */
  problem: { id: number | null; reason: string } | null;
}

/** Recomputes every hash and link, then checks the head kept outside the store. */
export function verifyAudit(db: Db, keyPath: string | null): AuditVerdict {
  let prevHash = GENESIS;
  let prevId = 0;
  let events = 0;
  for (const row of db.prepare('SELECT * FROM audit_event ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    events++;
    if (row.id !== prevId + 1) return { ok: false, events, problem: { id: row.id, reason: `events ${prevId + 1}–${row.id - 1} are missing` } };
    if (row.prev_hash !== prevHash) return { ok: false, events, problem: { id: row.id, reason: 'its link to the previous event is broken' } };
    if (eventHash(row.prev_hash, row.at, row.actor, row.action, row.payload_json) !== row.hash) {
      return { ok: false, events, problem: { id: row.id, reason: 'its contents were changed after it was written' } };
    }
    prevHash = row.hash;
    prevId = row.id;
  }
  if (keyPath && existsSync(keyPath)) {
    const head = readKeyFile(keyPath).auditHead;
    if (head) {
      const row = db.prepare('SELECT hash FROM audit_event WHERE id = ?').get(head.id) as { hash: string } | undefined;
      if (!row) return { ok: false, events, problem: { id: head.id, reason: `the log ends before event ${head.id}, which the key file records: events were removed` } };
      if (row.hash !== head.hash) return { ok: false, events, problem: { id: head.id, reason: 'the log was rebuilt: it does not match the head recorded in the key file' } };
    }
  }
  return { ok: true, events, problem: null };
}
