// A baseline of n people in one linkage run, written straight into the tables a run writes (no
// import, no linker): some without surname, date of birth or postcode, many sharing them, so
// sort keys tie and NULLs sit at either end of an order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBaselineIndex } from '../../electron/engine/baseline/index-build.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { Store } from '../../electron/engine/store/store.js';

export interface SeededBaseline {
  dir: string;
  store: Store;
  engine: Engine;
  close(): void;
}

/**
 * A real encrypted store seeded with n people, with `adjust` run on it before the baseline is
 * built, adopted by an engine (for the tests that go through the front door too).
 */
export function seededBaselineStore(name: string, n: number, adjust: (store: Store) => void = () => undefined): SeededBaseline {
  const dir = mkdtempSync(join(tmpdir(), `bw-${name}-`));
  const path = join(dir, `${name}.db`);
  const store = Store.create(path, `${name} test passphrase`);
  seedBaseline(store, n);
  adjust(store);
  const engine = createEngine({ storePath: path, host: 'browser', version: 't' });
  engine.adoptStore(store);
  ensureBaselineIndex(store);
  return {
    dir,
    store,
    engine,
    close: () => {
      engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function seedBaseline(s: Store, n: number): void {
  const db = s.writer;
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const id of [1, 2]) {
      db.prepare(`INSERT INTO source(id, file_name, sha256, size, format, partner, kind, as_of, imported_at, imported_by, mapping_json) VALUES (?, ?, ?, 0, 'csv', ?, 'other', '2025-03-31', ?, 't', '{}')`).run(id, `s${id}.csv`, `sha${id}`, `Partner ${id}`, now);
      db.prepare(`INSERT INTO source_sheet(source_id, ordinal, sheet, header_row, headers_json, roles_json) VALUES (?, 0, '', 1, '[]', '[]')`).run(id);
    }
    db.prepare(`INSERT INTO link_run(id, started_at, finished_at, run_by, spec_json, threshold, prior, sources_json, as_of, records, candidate_pairs, stored_pairs, persons, households, blocking_json, training_json, summary_json)
                VALUES (1, ?, ?, 't', '{}', 0.9, 0.0001, '[]', '2025-03-31', 0, 0, 0, ?, 0, '{}', '{}', '{}')`).run(now, now, n);
    const raw = db.prepare(`INSERT INTO raw_row(source_id, sheet_ordinal, row_number, cells_json, status) VALUES (?, 0, ?, '[]', 'record')`);
    const rec = db.prepare('INSERT INTO record(raw_row_id, source_id, forename, surname, dob, address, postcode, addr_street) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (let i = 1; i <= n; i++) {
      const person = `P${String(i).padStart(7, '0')}`;
      const household = `H${String(Math.ceil(i / 3)).padStart(7, '0')}`;
      db.prepare('INSERT INTO person(id, created_run) VALUES (?, 1)').run(person);
      if (i % 3 === 1) db.prepare('INSERT INTO household(id, created_run) VALUES (?, 1)').run(household);
      db.prepare('INSERT INTO run_person_household(run_id, person_id, household_id) VALUES (1, ?, ?)').run(person, household);
      // few distinct values, so keys tie across bookmarks; every 9th without a surname, every 7th without a DOB
      const surname = i % 9 === 0 ? null : `SURNAME${(i * 7919) % 40}`;
      const dob = i % 7 === 0 ? null : `19${String(50 + (i % 50)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
      const postcode = i % 11 === 0 ? null : `S${60 + (i % 30)} 1AA`;
      // the first 50 households on one street, the rest a few to a lane
      const street = i <= 150 ? 'HIGH STREET' : `LANE ${Math.ceil(i / 3) % 20}`;
      for (let k = 0; k < 1 + (i % 3 === 0 ? 1 : 0); k++) {
        const source = 1 + ((i + k) % 2);
        const rawId = Number(raw.run(source, i * 2 + k).lastInsertRowid);
        const recordId = Number(rec.run(rawId, source, `Forename${i % 13}`, surname, dob, `${i} High Street`, postcode, street).lastInsertRowid);
        db.prepare('INSERT INTO run_record_person(run_id, record_id, person_id) VALUES (1, ?, ?)').run(recordId, person);
      }
    }
  })();
}

