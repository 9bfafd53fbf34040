// A demo borough imported into a fresh store and "linked" with its TRUE persons and households
// (truth.csv), so cohort tests measure the programme rules alone, not linkage.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDemoBorough } from '../../electron/engine/demo/index.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { parseCsv } from './csv.js';

export { parseCsv };

/** Each record's spreadsheet row as the truth files name it, `file|sheet|row`, by record ID. */
export function recordRowKeys(db: Store['writer']): Map<number, string> {
  const rows = db
    .prepare(
      `SELECT s.file_name AS file, sh.sheet AS sheet, w.row_number AS row, r.id AS id FROM record r JOIN raw_row w ON w.id = r.raw_row_id
       JOIN source s ON s.id = r.source_id JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal`,
    )
    .all() as Array<{ file: string; sheet: string; row: number; id: number }>;
  return new Map(rows.map((r) => [r.id, `${r.file}|${r.sheet}|${r.row}`]));
}

/** Writes a linkage Run whose persons and households are the truth's. */
export function applyTruthLinkage(store: Store, truthPath: string): number {
  const db = store.writer;
  const recordOf = new Map([...recordRowKeys(db)].map(([id, key]) => [key, id]));
  const [, ...lines] = parseCsv(readFileSync(truthPath, 'utf8'));
  const now = new Date().toISOString();
  const run = Number(
    db
      .prepare(
        `INSERT INTO link_run(started_at, finished_at, run_by, spec_json, threshold, prior, sources_json, as_of, records, candidate_pairs, stored_pairs, persons, households, blocking_json, training_json, summary_json)
         VALUES (?, ?, 'truth', '{}', 0.9, 0, '[]', '2025-03-31', ?, 0, 0, 0, 0, '{}', '{}', '{}')`,
      )
      .run(now, now, lines.length).lastInsertRowid,
  );
  const person = db.prepare('INSERT OR IGNORE INTO run_record_person(run_id, record_id, person_id) VALUES (?, ?, ?)');
  const home = db.prepare('INSERT OR IGNORE INTO run_person_household(run_id, person_id, household_id) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const [file, sheet, row, personId, householdId] of lines) {
      const id = recordOf.get(`${file}|${sheet}|${row}`);
      if (id === undefined) throw new Error(`truth row ${file}|${sheet}|${row} is not a record`);
      person.run(run, id, personId);
      home.run(run, personId, householdId);
    }
  })();
  return run;
}

/** A demo borough imported (not linked) into a new store in `dir`, then given its true linkage. */
export async function demoWithTruthLinkage(dir: string, households: number, seed: number): Promise<{ store: Store; outDir: string }> {
  const outDir = join(dir, 'demo');
  const demo = writeDemoBorough({ households, seed, outDir });
  const store = Store.openWithKey(join(dir, 'demo.db'), randomBytes(32), true);
  for (const file of demo.files) await importFile(store, file, { user: 't', today: '2025-03-31' }, silentJob());
  applyTruthLinkage(store, demo.truthPath);
  return { store, outDir };
}
