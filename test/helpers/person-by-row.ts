import { readFileSync } from 'node:fs';
import { exportClusters } from '../../electron/engine/export/clusters.js';
import type { Db } from '../../electron/engine/store/database.js';

/** The latest Run's person of each row, by "file:row", as the clusters export writes them to `out`. */
export function personByRow(db: Db, out: string): Map<string, string | undefined> {
  exportClusters(db, out);
  return new Map(
    readFileSync(out, 'utf8')
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(','))
      .map(([file, , row, id]) => [`${file}:${row}`, id]),
  );
}
