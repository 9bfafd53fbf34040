// "Re-link needed": a purge removes records in one transaction and links again afterwards. If the
// process dies between the two, people and households still rest on the purged rows, so the
// purge writes this mark inside its own transaction and only a finished link run clears it.
import type { Db } from './database.js';

const KEY = 'relink_needed';

/** Inside the purge's transaction: says why (a count, never a value). */
export function markRelinkNeeded(db: Db, reason: string): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, reason);
}

/** Inside a link run's transaction, when it commits its people and households. */
export function clearRelinkNeeded(db: Db): void {
  db.prepare('DELETE FROM meta WHERE key = ?').run(KEY);
}

export function relinkNeeded(db: Db): boolean {
  return db.prepare('SELECT 1 FROM meta WHERE key = ?').get(KEY) !== undefined;
}
