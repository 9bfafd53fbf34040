import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import type { Db } from '../store/database.js';
import { csvLine } from './csv-writer.js';

export const CLUSTERS_HEADER = ['file', 'sheet', 'row_number', 'person_id', 'household_id'] as const;

/**
 * Writes `export clusters` (DESIGN §4): one line per imported row that became a Record. Until a
 * linkage Run exists every record is its own person and household.
 */
export function exportClusters(db: Db, outPath: string): { rows: number } {
  const tmp = `${outPath}.partial`;
  const fd = openSync(tmp, 'w');
  let rows = 0;
  try {
    writeSync(fd, csvLine([...CLUSTERS_HEADER]));
    const stmt = db.prepare(
      `SELECT s.file_name AS file, sh.sheet AS sheet, w.row_number AS rowNumber, r.id AS recordId
       FROM record r
       JOIN raw_row w ON w.id = r.raw_row_id
       JOIN source s ON s.id = r.source_id
       JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal
       ORDER BY s.id, w.sheet_ordinal, w.row_number`,
    );
    let buffer = '';
    for (const row of stmt.iterate() as IterableIterator<{ file: string; sheet: string; rowNumber: number; recordId: number }>) {
      buffer += csvLine([row.file, row.sheet, row.rowNumber, `P${row.recordId}`, `H${row.recordId}`]);
      rows++;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, outPath);
  return { rows };
}
