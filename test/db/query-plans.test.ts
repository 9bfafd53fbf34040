// The lookups the hot paths repeat per row (export clusters, the records grid, events, presets,
// re-mapping) must each be an index search, never a scan: a dropped or renamed index would turn a
// 300k-row export quadratic without any test noticing the time.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBookmarks } from '../../electron/engine/baseline/grid-bookmarks.js';
import { gridTuning, householdsPage, peoplePage } from '../../electron/engine/baseline/grids.js';
import type { Db } from '../../electron/engine/store/database.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

const HOT_LOOKUPS: Array<[sql: string, plan: RegExp]> = [
  ['SELECT * FROM record WHERE source_id = 1', /SEARCH record USING INDEX record_source/],
  ['SELECT * FROM event WHERE record_id = 1', /SEARCH event USING INDEX event_record/],
  ["SELECT * FROM mapping_preset WHERE partner = 'p' AND kind = 'school'", /SEARCH mapping_preset USING INDEX mapping_preset_partner_kind/],
  ['SELECT * FROM raw_row WHERE source_id = 1 AND sheet_ordinal = 0 AND row_number = 5', /SEARCH raw_row USING INDEX \S+ \(source_id=\? AND sheet_ordinal=\? AND row_number=\?\)/],
  ['SELECT * FROM raw_row WHERE id = 1', /SEARCH raw_row USING INTEGER PRIMARY KEY/],
  ['SELECT * FROM run_record_person WHERE run_id = 1 AND record_id = 3', /SEARCH run_record_person USING PRIMARY KEY \(run_id=\? AND record_id=\?\)/],
  ['SELECT * FROM run_person_household WHERE run_id = 1 AND person_id = 3', /SEARCH run_person_household USING PRIMARY KEY \(run_id=\? AND person_id=\?\)/],
  ['SELECT * FROM link_decision WHERE record_b = 2', /SEARCH link_decision USING INDEX link_decision_b/],
];

describe('hot queries use their indexes', () => {
  it.each(HOT_LOOKUPS)('%s', (sql, plan) => {
    const store = Store.openWithKey(join(tempDir(), 'plans.db'), randomBytes(32), true);
    try {
      const detail = (store.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      expect(detail).toMatch(plan);
      expect(detail).not.toMatch(/\bSCAN\b/);
    } finally {
      store.close();
    }
  });
});

// The baseline grids' own SQL, caught as the grid code prepares it: a page after a cursor is an
// index search on the sort's own index (keyset), never a scan from the top or a sort of the table.
describe('baseline grid pages are keyset index searches', () => {
  const cursor = (key: string | number, id: number): string => Buffer.from(JSON.stringify([key, id])).toString('base64url');
  const plansOf = (run: (db: Db) => void, people = 0): Array<{ sql: string; plan: string }> => {
    const store = Store.openWithKey(join(tempDir(), 'grid-plans.db'), randomBytes(32), true);
    try {
      if (people > 0) {
        const add = store.writer.prepare("INSERT INTO baseline_person(person_id, surname, dob, records, record_ids, source_ids, source_bits, sources_json) VALUES (?, ?, ?, 1, '[]', ',1,', 2, '[]')");
        for (let i = 1; i <= people; i++) add.run(`P${i}`, `S${i % 17}`, `19${50 + (i % 50)}-01-01`);
        writeBookmarks(store.writer, 100);
      }
      const seen: string[] = [];
      const spy = new Proxy(store.reader, {
        get(target, prop) {
          if (prop === 'prepare') return (sql: string) => (seen.push(sql), target.prepare(sql));
          const v = Reflect.get(target, prop) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      run(spy);
      return seen
        .filter((sql) => /ORDER BY/.test(sql) && !/row_number/.test(sql))
        .map((sql) => {
          const params = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], 1]));
          return { sql, plan: (store.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ') };
        });
    } finally {
      store.close();
    }
  };
  const SORTS: Array<[colId: string, index: string]> = [
    ['surname', 'baseline_person_sort_surname'],
    ['dob', 'baseline_person_sort_dob'],
    ['age', 'baseline_person_sort_dob'],
    ['postcode', 'baseline_person_sort_postcode'],
    ['records', 'baseline_person_sort_records'],
  ];
  it.each(SORTS)('people sorted by %s walk %s from the cursor', (colId, index) => {
    const plans = plansOf((db) => {
      peoplePage(db, { startRow: 100, endRow: 200, sort: [{ colId, sort: 'asc' }], filters: {}, after: cursor(colId === 'records' ? 2 : 'M', 5) }, '2025-03-31', 'v');
    });
    expect(plans.length).toBeGreaterThanOrEqual(2);
    for (const p of plans) {
      expect(p.plan, p.sql).toMatch(new RegExp(`SEARCH baseline_person USING INDEX ${index} \\(`));
      expect(p.plan, p.sql).not.toMatch(/TEMP B-TREE/);
    }
  });
  it('a filter picking few people leads, and the source filter is an index search', () => {
    const lsoa = plansOf((db) => {
      peoplePage(db, { startRow: 0, endRow: 100, sort: [{ colId: 'surname', sort: 'desc' }], filters: { lsoa: 'E01000001' } }, '2025-03-31', 'v');
    });
    expect(lsoa[0]?.plan).toMatch(/SEARCH baseline_person USING (COVERING )?INDEX baseline_person_sort_lsoa \(lsoa=\?\)/);
    const source = plansOf((db) => {
      householdsPage(db, { startRow: 0, endRow: 100, sort: [{ colId: 'members', sort: 'asc' }], filters: { sourceId: 2 } }, 'v');
    });
    expect(source[0]?.plan).toMatch(/SEARCH baseline_household_source USING PRIMARY KEY \(source_id=\?\)/);
    expect(source[0]?.plan).not.toMatch(/SCAN baseline_household\b(?! USING)/);
    // beside an LSOA, the LSOA leads and the source is its bit, never the source's whole list
    const both = plansOf((db) => {
      householdsPage(db, { startRow: 0, endRow: 100, sort: [{ colId: 'members', sort: 'asc' }], filters: { lsoa: 'E01000001', sourceId: 2 } }, 'v');
    });
    expect(both[0]?.plan).toMatch(/SEARCH baseline_household USING (COVERING )?INDEX baseline_household_sort_lsoa \(lsoa=\?\)/);
    expect(both[0]?.sql).not.toMatch(/baseline_household_source/);
  });
  it('a jump down the scroll bar seeks the nearest bookmark, then steps along the sort index alone (covering), reading no rows', () => {
    const plans = plansOf((db) => {
      peoplePage(db, { startRow: 350, endRow: 400, sort: [{ colId: 'surname', sort: 'desc' }], filters: {} }, '2025-03-31', 'v');
    }, 500);
    expect(plans.find((p) => /FROM baseline_bookmark/.test(p.sql))?.plan).toMatch(/SEARCH baseline_bookmark USING PRIMARY KEY \(grid=\? AND sort=\? AND position[<>]\?\)/);
    const steps = plans.filter((p) => /AS k, id FROM/.test(p.sql));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(step.plan).toMatch(/(SEARCH|SCAN) baseline_person USING COVERING INDEX baseline_person_sort_surname/);
  });
  it('a jump in ID order steps along the ID index, not the table', () => {
    const plans = plansOf((db) => {
      peoplePage(db, { startRow: 350, endRow: 400, sort: [], filters: {} }, '2025-03-31', 'v');
    }, 500);
    const steps = plans.filter((p) => /AS k, id FROM/.test(p.sql));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(step.plan).toMatch(/(SEARCH|SCAN) baseline_person USING COVERING INDEX baseline_person_sort_id/);
  });
  it('a jump in a view with several filters walks the sort index alone once for its own bookmarks, then steps along it', () => {
    const both = { ageBand: '25-64', sourceId: 1 } as const;
    gridTuning.sampleEvery = 50;
    gridTuning.filterDrivesBelow = 0;
    try {
      const plans = plansOf((db) => {
        peoplePage(db, { startRow: 120, endRow: 150, sort: [{ colId: 'surname', sort: 'desc' }], filters: both }, '2025-03-31', 'v');
        peoplePage(db, { startRow: 60, endRow: 90, sort: [{ colId: 'surname', sort: 'desc' }], filters: both }, '2025-03-31', 'v');
      }, 500);
      const walks = plans.filter((p) => /baseline_grid_sample/.test(p.sql));
      expect(walks).toHaveLength(1);
      expect(walks[0]?.plan).toMatch(/SCAN baseline_person USING COVERING INDEX baseline_person_sort_surname/);
      expect(walks[0]?.plan).not.toMatch(/TEMP B-TREE/);
      // from the view's own bookmark (a seek), never from the top
      const steps = plans.filter((p) => /AS k, id FROM/.test(p.sql) && !/baseline_grid_sample/.test(p.sql));
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) expect(step.plan, step.sql).toMatch(/SEARCH baseline_person USING COVERING INDEX baseline_person_sort_surname \(surname/);
    } finally {
      gridTuning.sampleEvery = 1_000;
      gridTuning.filterDrivesBelow = 20_000;
    }
  });
  it('a text view lists its IDs in one scan, once, and reads each page by ID', () => {
    const seen: string[] = [];
    const store = Store.openWithKey(join(tempDir(), 'text-plans.db'), randomBytes(32), true);
    try {
      const add = store.writer.prepare("INSERT INTO baseline_person(person_id, surname, records, record_ids, source_ids, sources_json) VALUES (?, ?, 1, '[]', ',1,', '[]')");
      for (let i = 1; i <= 300; i++) add.run(`P${i}`, `S${i % 17}`);
      const spy = new Proxy(store.reader, {
        get(target, prop) {
          if (prop === 'prepare') return (sql: string) => (seen.push(sql), target.prepare(sql));
          const v = Reflect.get(target, prop) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      for (const startRow of [0, 40, 10, 60]) peoplePage(spy, { startRow, endRow: startRow + 20, sort: [{ colId: 'surname', sort: 'asc' }], filters: { text: 's1' } }, '2025-03-31', 'v');
      const plan = (sql: string): string => (store.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ text: '%s1%', ids: '[1,2]' }) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      const lists = seen.filter((sql) => /^SELECT id FROM/.test(sql));
      expect(lists).toHaveLength(1);
      expect(seen.filter((sql) => /count\(\*\)/.test(sql))).toEqual([]);
      const reads = seen.filter((sql) => /json_each\(@ids\)/.test(sql));
      expect(reads).toHaveLength(4);
      for (const sql of reads) expect(plan(sql)).toMatch(/SEARCH baseline_person USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    } finally {
      store.close();
    }
  });
  it('an exact search key is a primary-key search', () => {
    const store = Store.openWithKey(join(tempDir(), 'key-plans.db'), randomBytes(32), true);
    try {
      const plan = (store.reader.prepare("EXPLAIN QUERY PLAN SELECT id FROM baseline_person_key WHERE key = 'S612AB'").all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/SEARCH baseline_person_key USING PRIMARY KEY \(key=\?\)/);
    } finally {
      store.close();
    }
  });
});
