// The outcomes' compact copy of the baseline (outcome_frame): the same figures as reading the
// records and events, read instead of them while fresh, and never read once stale — after an
// import, a linkage run, a lookup, an erasure, or a change that adds no rows.
import { describe, expect, it } from 'vitest';
import { EVENT_KINDS } from '../../shared/domain/record-fields.js';
import { erasePerson } from '../../electron/engine/baseline/subject-rights.js';
import { loadEvents } from '../../electron/engine/outcomes/compute.js';
import { currentStamps, freshParts, readEvents, readFrame, storedParts } from '../../electron/engine/outcomes/frame-table.js';
import { loadFrame } from '../../electron/engine/outcomes/frame.js';
import { areaIndicatorSeries, keepOutcomeBaseline } from '../../electron/engine/outcomes/series.js';
import type { Db } from '../../electron/engine/store/database.js';
import { Store } from '../../electron/engine/store/store.js';
import { buildOutcomesFixture, FIXTURE_PASS } from '../helpers/outcomes-fixture.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

/** Every figure of every indicator, area and period, by quarter and by term. */
const everything = (db: Db, keep?: Db): string =>
  JSON.stringify((['quarter', 'term'] as const).flatMap((period) => areaIndicatorSeries(db, { period, disclosure: 'exact', ...(keep ? { keep } : {}) })));

function withStore<T>(path: string, work: (store: Store) => T): T {
  const store = Store.unlock(path, FIXTURE_PASS);
  try {
    return work(store);
  } finally {
    store.close();
  }
}

/** The figures read from the records and events alone (the copy cleared first). */
const fromRecords = (path: string): string =>
  withStore(path, (s) => {
    s.writer.prepare('DELETE FROM outcome_frame').run();
    return everything(s.reader);
  });

const fresh = (db: Db) => freshParts(currentStamps(db), storedParts(db));
const rows = (db: Db): number => db.prepare('SELECT count(*) FROM outcome_frame').pluck().get() as number;

describe("the outcomes' compact copy of the baseline", () => {
  it('holds exactly what the records and events give, and a question gives the same figures from it', () => {
    const path = buildOutcomesFixture(tempDir(), { pupils: true });
    const expected = fromRecords(path);
    // A question without the writer reads the records and keeps nothing.
    withStore(path, (s) => {
      everything(s.reader);
      expect(rows(s.reader)).toBe(0);
      expect(keepOutcomeBaseline(s.reader, s.writer)).toBeGreaterThan(0);
      expect(fresh(s.reader)).toEqual({ frame: true, events: true });
      const live = loadFrame(s.reader);
      const kept = readFrame(s.reader);
      expect({ ...kept, placedOn: null, denominatorsOn: null }).toEqual({ ...live, placedOn: null, denominatorsOn: null });
      expect(readEvents(s.reader)).toEqual(loadEvents(s.reader, live, EVENT_KINDS));
    });
    withStore(path, (s) => expect(everything(s.reader)).toBe(expected));
  });

  it('is what a question reads while it is fresh', () => {
    const path = buildOutcomesFixture(tempDir(), { pupils: true });
    const absence = (db: Db) => areaIndicatorSeries(db, { indicator: 'persistent-absence', period: 'term', disclosure: 'exact' })[0]?.areas.find((a) => a.name === 'Target')?.series.map((p) => p.count);
    const before = withStore(path, (s) => {
      keepOutcomeBaseline(s.reader, s.writer);
      return absence(s.reader);
    });
    expect(before?.some((c) => (c ?? 0) > 0)).toBe(true);
    // Dates of birth blanked in the copy alone: the pupils fall out of the school-age band.
    withStore(path, (s) => {
      s.writer.prepare("UPDATE outcome_frame SET data = zeroblob(length(data)) WHERE part = 'frame' AND name = 'dob'").run();
      expect(absence(s.reader)).not.toEqual(before);
    });
  });

  it('goes stale with an import, a linkage run or a lookup, and the next question writes it again', () => {
    const path = buildOutcomesFixture(tempDir(), { pupils: true });
    withStore(path, (s) => keepOutcomeBaseline(s.reader, s.writer));
    const changes: Array<[string, (db: Db) => void, { frame: boolean; events: boolean }]> = [
      [
        'an event imported since',
        (db) => {
          const raw = db.prepare("INSERT INTO raw_row(source_id, sheet_ordinal, row_number, cells_json, status) VALUES (2, 0, 9999, '[]', 'record')").run().lastInsertRowid;
          const rec = db.prepare("INSERT INTO record(raw_row_id, source_id, event_date) VALUES (?, 2, '2024-08-21')").run(raw).lastInsertRowid;
          db.prepare("INSERT INTO event(record_id, source_id, kind, category, start_date) VALUES (?, 2, 'asb-incident', 'ASB - Nuisance', '2024-08-21')").run(rec);
        },
        { frame: true, events: false },
      ],
      [
        'a new linkage run',
        (db) => {
          db.prepare("INSERT INTO link_run(id, started_at, finished_at, run_by, spec_json, threshold, prior, sources_json, records, candidate_pairs, stored_pairs, persons, households, blocking_json, training_json, summary_json) VALUES (2, 'x', 'x', 'analyst', '{}', 0.9, 0.001, '[]', 0, 0, 0, 0, 0, '{}', '{}', '{}')").run();
          db.prepare('INSERT INTO run_record_person(run_id, record_id, person_id) SELECT 2, record_id, person_id FROM run_record_person WHERE run_id = 1').run();
          db.prepare("INSERT INTO run_person_household(run_id, person_id, household_id) SELECT 2, person_id, CASE household_id WHEN 'H5' THEN 'H4' ELSE household_id END FROM run_person_household WHERE run_id = 1").run();
        },
        { frame: false, events: false },
      ],
      [
        'a postcode lookup',
        (db) => {
          const geo = db.prepare("INSERT INTO geo_import(kind, file_name, sha256, size, layout, rows, lsoas, imported_at, imported_by) VALUES ('lookup', 'pc2.csv', 'y', 1, 'postcode', 1, 1, 'x', 'analyst')").run().lastInsertRowid;
          db.prepare("INSERT OR REPLACE INTO postcode_lsoa(postcode, vintage, lsoa, import_id) VALUES ('S3 3CC', 2021, 'E01000002', ?)").run(geo);
        },
        { frame: false, events: false },
      ],
    ];
    for (const [what, change, after] of changes) {
      // The question after the change reads the records (the copy is stale) and writes the copy again.
      const expected = withStore(path, (s) => {
        change(s.writer);
        expect(fresh(s.reader), what).toEqual(after);
        const figures = everything(s.reader, s.writer);
        expect(fresh(s.reader), what).toEqual({ frame: true, events: true });
        return figures;
      });
      withStore(path, (s) => expect(everything(s.reader), what).toBe(expected));
    }
    expect(withStore(path, (s) => everything(s.reader))).toBe(fromRecords(path));
  });

  it('is cleared by an erasure and by changes that add no rows', () => {
    const path = buildOutcomesFixture(tempDir(), { pupils: true });
    const clears: Array<[string, (s: Store) => void]> = [
      [
        'erasing a person',
        (s) => {
          // The fixture writes no sheets; erasure finds a person's records through them.
          s.writer.prepare("INSERT INTO source_sheet(source_id, ordinal, sheet, headers_json, roles_json) SELECT id, 0, '', '[]', '[]' FROM source").run();
          expect(erasePerson(s, 'analyst', 'P1', 'P1').deleted.records).toBeGreaterThan(0);
        },
      ],
      ['a record corrected in place', (s) => s.writer.prepare("UPDATE record SET postcode = 'S2 2BB' WHERE id = (SELECT min(id) FROM record WHERE postcode = 'S1 1AA')").run()],
      ['an event deleted', (s) => s.writer.prepare('DELETE FROM event WHERE id = (SELECT max(id) FROM event)').run()],
      ["a partner's name changed", (s) => s.writer.prepare("UPDATE source SET partner = 'Police force' WHERE partner = 'Police'").run()],
      ["an extract's date changed", (s) => s.writer.prepare("UPDATE source SET as_of = '2024-09-29' WHERE partner = 'Housing'").run()],
    ];
    withStore(path, (s) => keepOutcomeBaseline(s.reader, s.writer));
    for (const [what, change] of clears) {
      const expected = withStore(path, (s) => {
        expect(rows(s.reader), what).toBeGreaterThan(0);
        change(s);
        expect(rows(s.reader), what).toBe(0);
        return everything(s.reader, s.writer);
      });
      withStore(path, (s) => expect(everything(s.reader), what).toBe(expected));
    }
    expect(withStore(path, (s) => everything(s.reader))).toBe(fromRecords(path));
    // The erased person's events are gone from the figures too: P1 had the A&E attendances.
    withStore(path, (s) => {
      const ae = areaIndicatorSeries(s.reader, { indicator: 'ae-attendances', period: 'quarter', disclosure: 'exact' })[0];
      expect(ae?.areas.flatMap((a) => a.series.map((p) => p.count ?? 0)).reduce((n, c) => n + c, 0)).toBe(0);
    });
  });
});
