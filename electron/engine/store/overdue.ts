// Sources past their keep-until date, by file name, so a banner can name them at once.
import type { Db } from './database.js';

export function overdueSourceNames(db: Db, partner: string | null, today = new Date().toISOString().slice(0, 10)): string[] {
  const sql = 'SELECT file_name AS name FROM source WHERE retention_until < ?' + (partner === null ? '' : ' AND partner = ?') + ' ORDER BY retention_until, id';
  const params = partner === null ? [today] : [today, partner];
  return (db.prepare(sql).all(...params) as Array<{ name: string }>).map((r) => r.name);
}
