// Shared pieces of the linkage benchmark: importing files, reading CSV and FEBRL ground truth.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importFile } from '../../../electron/engine/import/import-file.js';
import { silentJob } from '../../../electron/engine/jobs/job-context.js';
import type { Store } from '../../../electron/engine/store/store.js';
import { readCsv } from '../../helpers/csv.js';

export { readCsv };

export const FEBRL_DIR = new URL('../../../../shared/data/febrl/', import.meta.url).pathname;

export async function importAll(store: Store, files: string[]): Promise<void> {
  for (const f of files) await importFile(store, f, { user: 'bench' }, silentJob());
}

export const rowKey = (file: string, sheet: string, row: number): string => `${file}\u0000${sheet}\u0000${row}`;

/** FEBRL truth: the `cluster` column, keyed like export rows (CSV row number = ordinal + 1). */
export function febrlTruth(files: string[]): Map<string, string> {
  const truth = new Map<string, string>();
  for (const f of files) {
    const rows = readCsv(f);
    const header = rows[0] ?? [];
    const col = header.indexOf('cluster');
    for (let r = 1; r < rows.length; r++) truth.set(rowKey(basename(f), '', r + 1), rows[r]?.[col] ?? '');
  }
  return truth;
}
