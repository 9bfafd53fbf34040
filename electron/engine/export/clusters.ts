import type { Db } from '../store/database.js';
import { writeCsvFile } from './csv-writer.js';

export const CLUSTERS_HEADER = ['file', 'sheet', 'row_number', 'person_id', 'household_id'] as const;

function latestRun(db: Db): number | null {
  const hasRuns = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'link_run'").get() as { n: number }).n > 0;
  if (!hasRuns) return null;
  return (db.prepare('SELECT max(id) AS id FROM link_run').get() as { id: number | null }).id;
}

/**
 * Writes `export clusters` (DESIGN §4): one line per imported row that became a Record, with the
 * person and household of the latest linkage Run (the household at the Run's latest as-of date).
 * Before any Run every record is its own person and household (`P<recordId>`/`H<recordId>`);
 * a record imported after the latest Run is not linked yet (`PR<recordId>`/`HR<recordId>`).
 */
export function exportClusters(db: Db, outPath: string): { rows: number; run: number | null } {
  const run = latestRun(db);
  const stmt =
      run === null
        ? db.prepare(
            `SELECT s.file_name AS file, sh.sheet AS sheet, w.row_number AS rowNumber, r.id AS recordId, NULL AS personId, NULL AS householdId
             FROM record r
             JOIN raw_row w ON w.id = r.raw_row_id
             JOIN source s ON s.id = r.source_id
             JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal
             ORDER BY s.id, w.sheet_ordinal, w.row_number`,
          )
        : db.prepare(
            `SELECT s.file_name AS file, sh.sheet AS sheet, w.row_number AS rowNumber, r.id AS recordId,
                    rp.person_id AS personId, ph.household_id AS householdId
             FROM record r
             JOIN raw_row w ON w.id = r.raw_row_id
             JOIN source s ON s.id = r.source_id
             JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal
             LEFT JOIN run_record_person rp ON rp.record_id = r.id AND rp.run_id = $run
             LEFT JOIN run_person_household ph ON ph.run_id = $run AND ph.person_id = rp.person_id
             ORDER BY s.id, w.sheet_ordinal, w.row_number`,
          );
  const iter = (run === null ? stmt.iterate() : stmt.iterate({ run })) as IterableIterator<{
    file: string;
    sheet: string;
    rowNumber: number;
    recordId: number;
    personId: string | null;
    householdId: string | null;
  }>;
  function* lines(): Generator<Array<string | number>> {
    yield [...CLUSTERS_HEADER];
    for (const row of iter) {
      const person = run === null ? `P${row.recordId}` : (row.personId ?? `PR${row.recordId}`);
      const household = run === null ? `H${row.recordId}` : (row.householdId ?? `HR${row.recordId}`);
      yield [row.file, row.sheet, row.rowNumber, person, household];
    }
  }
  return { rows: writeCsvFile(outPath, lines()) - 1, run };
}
