// Purging a source (issue 6 §3): its raw rows, records and everything derived from them go, and
// the audit trail says what was removed by counts, never by content.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { scrubRunHistory } from './purge-history.js';
import { markRelinkNeeded } from './relink-mark.js';
import type { Store } from './store.js';

export interface PurgeSummary {
  sourceId: number;
  fileName: string;
  removed: Record<string, number>;
}

const count = (store: Store, sql: string, id: number): number => (store.writer.prepare(sql).get(id) as { n: number }).n;

// What a source's records reach, counted before the cascade removes them.
const DERIVED: Array<[string, string]> = [
  ['rawRows', 'SELECT count(*) AS n FROM raw_row WHERE source_id = ?'],
  ['records', 'SELECT count(*) AS n FROM record WHERE source_id = ?'],
];
const IF_TABLE: Array<[string, string, string]> = [
  ['linkPairs', 'link_pair', 'WITH r AS (SELECT id FROM record WHERE source_id = ?) SELECT count(*) AS n FROM link_pair WHERE record_a IN r OR record_b IN r'],
  ['decisions', 'link_decision', 'WITH r AS (SELECT id FROM record WHERE source_id = ?) SELECT count(*) AS n FROM link_decision WHERE record_a IN r OR record_b IN r'],
  ['personAssignments', 'run_record_person', 'WITH r AS (SELECT id FROM record WHERE source_id = ?) SELECT count(*) AS n FROM run_record_person WHERE record_id IN r'],
];

/**
 * Removes the linkage rows of the records `recordIdsSql` selects (with its one parameter), before
 * those records go. Linkage rows for a million records carry no foreign key (for speed), so they
 * go by hand; decisions would cascade, but go here too so the caller needs no foreign-key pragma.
 */
export function removeRecordLinkage(db: Store['writer'], recordIdsSql: string, param: number | string): void {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
  if (tables.has('link_pair')) db.prepare(`WITH r AS (${recordIdsSql}) DELETE FROM link_pair WHERE record_a IN r OR record_b IN r`).run(param);
  if (tables.has('link_decision')) db.prepare(`WITH r AS (${recordIdsSql}) DELETE FROM link_decision WHERE record_a IN r OR record_b IN r`).run(param);
  if (tables.has('run_record_person')) db.prepare(`DELETE FROM run_record_person WHERE record_id IN (${recordIdsSql})`).run(param);
}

export function purgeSource(store: Store, sourceId: number): PurgeSummary {
  if (store.session.role !== 'analyst') throw new WorkbenchError('forbidden', 'Only an analyst can purge a source.');
  const source = store.writer.prepare('SELECT file_name FROM source WHERE id = ?').get(sourceId) as { file_name: string } | undefined;
  if (!source) throw new WorkbenchError('not-found', `There is no source ${sourceId}.`);
  const tables = new Set((store.writer.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
  const removed: Record<string, number> = {};
  store.writer.transaction(() => {
    for (const [key, sql] of DERIVED) removed[key] = count(store, sql, sourceId);
    for (const [key, table, sql] of IF_TABLE) if (tables.has(table)) removed[key] = count(store, sql, sourceId);
    removeRecordLinkage(store.writer, 'SELECT id FROM record WHERE source_id = ?', sourceId);
    store.writer.prepare('DELETE FROM source WHERE id = ?').run(sourceId);
    const runs = scrubRunHistory(store.writer, sourceId);
    // People and households still rest on the purged rows until the next link run clears this.
    if (runs > 0) markRelinkNeeded(store.writer, `source ${sourceId} purged`);
    store.audit(store.session.user, 'source-purged', { sourceId, ...removed });
  })();
  // secure_delete zeroes freed pages in the database; the WAL still holds the old page images
  // until a checkpoint, so fold it back in and truncate it now.
  store.writer.pragma('wal_checkpoint(TRUNCATE)');
  return { sourceId, fileName: source.file_name, removed };
}
