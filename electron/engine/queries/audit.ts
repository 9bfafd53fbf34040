import type { AuditRow } from '../../../shared/ipc/contract.js';
import type { Db } from '../store/database.js';

/** Newest first, filtered by action and actor; payloads are IDs and counts only. */
export function auditPage(db: Db, req: { startRow: number; endRow: number; action?: string; actor?: string }): { rows: AuditRow[]; total: number; actions: string[]; actors: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  if (req.action) {
    where.push('action = ?');
    params.push(req.action);
  }
  if (req.actor) {
    where.push('actor = ?');
    params.push(req.actor);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = Math.min(req.endRow - req.startRow, 1000);
  const rows = (db.prepare(`SELECT id, at, actor, action, payload_json FROM audit_event ${whereSql} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...params, limit, req.startRow) as Array<{
    id: number;
    at: string;
    actor: string;
    action: string;
    payload_json: string;
  }>).map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, payload: JSON.parse(r.payload_json) as AuditRow['payload'] }));
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_event ${whereSql}`).get(...params) as { n: number }).n;
  const actions = (db.prepare('SELECT DISTINCT action FROM audit_event ORDER BY action').all() as Array<{ action: string }>).map((r) => r.action);
  const actors = (db.prepare('SELECT DISTINCT actor FROM audit_event ORDER BY actor').all() as Array<{ actor: string }>).map((r) => r.actor);
  return { rows, total, actions, actors };
}
