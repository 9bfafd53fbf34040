// A large import stores its rows without the secondary indexes of the tables it fills and builds
// them in a second, short transaction right after the rows commit. Building them is then off the
// path to the first COMMIT, and it runs while a worker folds the rows' pages into the store file
// (background-checkpoint.ts), on the other core. Between the two commits readers see every row of
// the import (queries are only slower); the indexes to build are written into `meta` in the first
// transaction and removed in the second, so a store closed or killed in between builds them when
// it is next opened for writing.
import type { Db } from './database.js';

const PENDING_KEY = 'import.pending_indexes';

interface IndexRow {
  name: string;
  sql: string;
}

/**
 * Drops the named tables' indexes that hold no constraint (UNIQUE ones are SQLite's own, with no
 * SQL, and stay live to check each row) and are not partial (those hold the few rows their WHERE
 * picks, cost nothing to keep, and a reader may name one in INDEXED BY), nor those whose first
 * column is in `keepLedBy`. Call inside a write transaction; notes them as pending in the same
 * transaction. Returns the dropped indexes' names.
 */
export function dropIndexesUntilCommitted(db: Db, tables: readonly string[], keepLedBy: ReadonlySet<string> = new Set()): string[] {
  const indexes = (db
    .prepare(
      `SELECT m.name, m.sql FROM sqlite_master m
       WHERE m.type = 'index' AND m.sql IS NOT NULL AND m.tbl_name IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM pragma_index_list(m.tbl_name) l WHERE l.name = m.name AND (l."unique" OR l.partial))
       ORDER BY m.name`,
    )
    .all(JSON.stringify(tables)) as IndexRow[]).filter((index) => {
    const first = db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno LIMIT 1').get(index.name) as { name: string | null } | undefined;
    return !(first?.name && keepLedBy.has(first.name));
  });
  if (indexes.length === 0) return [];
  const pending = [...readPending(db), ...indexes];
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(PENDING_KEY, JSON.stringify(pending));
  for (const index of indexes) db.exec(`DROP INDEX ${quoted(index.name)}`);
  return indexes.map((index) => index.name);
}

/**
 * Builds every pending index (those dropped by an import, or left by one that stopped between its
 * two commits) in one transaction, and clears the note. True when it built them. With `ifFree`
 * (opening a store) it does not wait for the write lock: another process holding it may be the
 * import itself, about to build them, and an open must not fail or stall on its account.
 */
export function buildPendingIndexes(db: Db, options: { ifFree?: boolean } = {}): boolean {
  if (readPending(db).length === 0) return false;
  if (!options.ifFree) {
    build(db);
    return true;
  }
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    build(db);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}

function build(db: Db): void {
  db.transaction(() => {
    for (const index of readPending(db)) {
      // An index of that name already there (built before a crash cut the note's removal short) is kept.
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(index.name) !== undefined;
      if (!exists) db.exec(index.sql);
    }
    db.prepare('DELETE FROM meta WHERE key = ?').run(PENDING_KEY);
  }).immediate();
}

function readPending(db: Db): IndexRow[] {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(PENDING_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as IndexRow[]) : [];
}

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;
