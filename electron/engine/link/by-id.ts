// Stored rows laid onto the loaded records by record id, both in id order (the loader's passes
// over tenancies and person details).
import type { LinkRecord } from './types.js';

/**
 * Calls `fill` for each row (ordered by its first value, a record id) whose record is in `records`
 * (ordered by id): one walk of both in step, no map of a million ids.
 */
export function forEachById<R extends readonly [number, ...unknown[]]>(records: LinkRecord[], rows: Iterable<R>, fill: (record: LinkRecord, row: R) => void): void {
  let k = 0;
  for (const row of rows) {
    const id = row[0];
    while (k < records.length && records[k]!.id < id) k++;
    const record = records[k];
    if (record && record.id === id) fill(record, row);
  }
}
