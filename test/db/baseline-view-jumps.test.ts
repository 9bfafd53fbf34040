// Grid jumps in every view the stored bookmarks do not count (several filters, an LSOA, a text
// filter, a cohort, the households grid's filters), on a real encrypted store: a jump to any depth
// gives the rows SQL's OFFSET gives, and the rows that paging down from the top (cursor after
// cursor) reaches at that depth, whether the filter or the sort index leads.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gridTuning, householdsPage, peoplePage, type GridRequest } from '../../electron/engine/baseline/grids.js';
import { baselineVersion } from '../../electron/engine/baseline/index-build.js';
import type { Engine } from '../../electron/engine/engine.js';
import { Store } from '../../electron/engine/store/store.js';
import { seededBaselineStore, type SeededBaseline } from '../helpers/baseline-seed.js';

const N = 1_500;
const AS_OF = '2025-03-31';
let seeded: SeededBaseline;
let store: Store;
let engine: Engine;

beforeAll(() => {
  seeded = seededBaselineStore('view-jumps', N, (s) => {
    // postcodes S60 1AA … S89 1AA in six LSOAs, so the LSOA filter picks about a sixth of people
    const db = s.writer;
    db.prepare("INSERT INTO geo_import(id, kind, file_name, sha256, size, layout, vintage, rows, lsoas, imported_at, imported_by) VALUES (1, 'lookup', 'l.csv', 'x', 0, 'test', 2021, 30, 6, '2025-01-01', 't')").run();
    for (let d = 60; d < 90; d++) db.prepare("INSERT INTO postcode_lsoa(postcode, vintage, lsoa, import_id) VALUES (?, 2021, ?, 1)").run(`S${d} 1AA`, `E0100000${d % 6}`);
    // forenames of two words: a text across the space is found in the trigram index only when the
    // whole name is among the person's keys
    db.prepare("UPDATE record SET forename = 'Mary Ann' WHERE id % 41 = 0").run();
  });
  ({ store, engine } = seeded);
}, 60_000);

afterAll(() => seeded.close());

afterEach(() => {
  gridTuning.filterDrivesBelow = 20_000;
  gridTuning.sampleEvery = 1_000;
});

type Row = { personId?: string; householdId: string };
type Grid = 'people' | 'households';
const idOf = (grid: Grid, r: Row): string => (grid === 'people' ? (r.personId as string) : r.householdId);

function fetch(grid: Grid, req: GridRequest, cohort: string[] | null): { ids: string[]; lastRow: number; next: string | null } {
  const version = baselineVersion(store);
  const page = grid === 'people' ? peoplePage(store.reader, req, AS_OF, version, cohort) : householdsPage(store.reader, req, version, cohort);
  return { ids: (page.rows as Row[]).map((r) => idOf(grid, r)), lastRow: page.lastRow, next: page.next };
}

/** The view by SQL's OFFSET: the answer a jump must give. */
function byOffset(grid: Grid, order: string, where: string, offset: number, limit: number): string[] {
  const [table, id] = grid === 'people' ? ['baseline_person', 'person_id'] : ['baseline_household', 'household_id'];
  return store.reader.prepare(`SELECT ${id} FROM ${table} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).pluck().all(limit, offset) as string[];
}

const cohort = Array.from({ length: 200 }, (_, i) => `H${String(2 + i * 2).padStart(7, '0')}`);
const VIEWS: Array<{ name: string; grid: Grid; filters: GridRequest['filters']; where: string; cohort?: string[] }> = [
  { name: 'age band and source', grid: 'people', filters: { ageBand: '25-64', sourceId: 2 }, where: "dob > '1960-03-31' AND dob <= '2000-03-31' AND id IN (SELECT id FROM baseline_person_source WHERE source_id = 2)" },
  { name: 'LSOA', grid: 'people', filters: { lsoa: 'E01000003' }, where: "lsoa = 'E01000003'" },
  { name: 'LSOA and no date of birth', grid: 'people', filters: { lsoa: 'E01000001', flag: 'no-dob' }, where: "lsoa = 'E01000001' AND no_dob = 1" },
  {
    name: 'text',
    grid: 'people',
    filters: { text: 'name1' },
    where: "(forename LIKE '%name1%' OR surname LIKE '%name1%' OR postcode LIKE '%name1%' OR person_id LIKE '%name1%')",
  },
  { name: 'text across a space in a name', grid: 'people', filters: { text: 'y an' }, where: "(forename LIKE '%y an%' OR surname LIKE '%y an%' OR postcode LIKE '%y an%' OR person_id LIKE '%y an%')" },
  { name: 'text and source', grid: 'people', filters: { text: 's7', sourceId: 1 }, where: "(forename LIKE '%s7%' OR surname LIKE '%s7%' OR postcode LIKE '%s7%' OR person_id LIKE '%s7%') AND id IN (SELECT id FROM baseline_person_source WHERE source_id = 1)" },
  { name: 'cohort', grid: 'people', filters: {}, cohort, where: `household_id IN (${cohort.map((h) => `'${h}'`).join(',')})` },
  { name: 'households: source', grid: 'households', filters: { sourceId: 2 }, where: 'id IN (SELECT id FROM baseline_household_source WHERE source_id = 2)' },
  { name: 'households: LSOA and source', grid: 'households', filters: { lsoa: 'E01000003', sourceId: 1 }, where: "lsoa = 'E01000003' AND id IN (SELECT id FROM baseline_household_source WHERE source_id = 1)" },
  { name: 'households: flag', grid: 'households', filters: { flag: 'no-dob' }, where: 'household_id IN (SELECT household_id FROM baseline_person WHERE no_dob = 1)' },
  { name: 'households: text', grid: 'households', filters: { text: '1 high' }, where: "(address LIKE '%1 high%' OR postcode LIKE '%1 high%' OR household_id LIKE '%1 high%')" },
];
const SORTS: Record<Grid, Array<[colId: string, sort: 'asc' | 'desc', order: string]>> = {
  people: [
    ['surname', 'asc', 'surname ASC, id ASC'],
    ['age', 'asc', 'dob DESC, id DESC'],
    ['personId', 'desc', 'id DESC'],
  ],
  households: [
    ['members', 'desc', 'members DESC, id DESC'],
    ['postcode', 'asc', 'postcode ASC, id ASC'],
  ],
};

describe('grid jumps in views the stored bookmarks do not count', () => {
  it.each(VIEWS)('$name: a jump gives the rows OFFSET gives, at every depth, whichever leads', ({ grid, filters, where, cohort: households }) => {
    gridTuning.sampleEvery = 23;
    const total = store.reader.prepare(`SELECT count(*) FROM ${grid === 'people' ? 'baseline_person' : 'baseline_household'} WHERE ${where}`).pluck().get() as number;
    expect(total).toBeGreaterThan(30);
    for (const drives of [20_000, 0]) {
      gridTuning.filterDrivesBelow = drives;
      for (const [colId, sort, order] of SORTS[grid]) {
        // out of order, on a bookmark's row, just before and after one, the last rows, and deeper
        // from the bottom again (its bookmarks walked on from where the last jump left them)
        for (const depth of [Math.floor(total / 2), 1, 22, 23, 24, 46, 47, total - 5, total - 1, total - 30, total - 24, total - 70].filter((d) => d > 0)) {
          const got = fetch(grid, { startRow: depth, endRow: depth + 12, sort: [{ colId, sort }], filters }, households ?? null);
          expect(got.lastRow).toBe(total);
          expect(got.ids, `${colId} ${sort} at ${depth}${drives ? '' : ' (sort index leads)'}`).toEqual(byOffset(grid, order, where, depth, 12));
        }
        expect(fetch(grid, { startRow: total, endRow: total + 10, sort: [{ colId, sort }], filters }, households ?? null).ids).toEqual([]);
      }
    }
  });

  it('gives on a jump the rows paging down from the top reaches at the same depth', () => {
    gridTuning.sampleEvery = 17;
    for (const { grid, filters, cohort: households } of VIEWS.filter((v) => ['age band and source', 'text and source', 'households: LSOA and source'].includes(v.name))) {
      const sort = [{ colId: SORTS[grid][0]![0], sort: SORTS[grid][0]![1] }];
      const stepped: string[] = [];
      let after: string | null = null;
      do {
        const page = fetch(grid, { startRow: stepped.length, endRow: stepped.length + 25, sort, filters, ...(after ? { after } : {}) }, households ?? null);
        stepped.push(...page.ids);
        after = page.next;
      } while (after !== null);
      for (const depth of [stepped.length - 3, 5, 17, 34, 51, Math.floor(stepped.length / 3)]) {
        expect(fetch(grid, { startRow: depth, endRow: depth + 25, sort, filters }, households ?? null).ids, `${grid} ${JSON.stringify(filters)} at ${depth}`).toEqual(stepped.slice(depth, depth + 25));
      }
    }
  });

  it('keeps two cohorts apart: asked for in turn, each view gives its own rows and count', () => {
    const other = cohort.slice(0, 60);
    for (const households of [cohort, other, cohort, other]) {
      const where = `household_id IN (${households.map((h) => `'${h}'`).join(',')})`;
      for (const grid of ['people', 'households'] as const) {
        const total = store.reader.prepare(`SELECT count(*) FROM ${grid === 'people' ? 'baseline_person' : 'baseline_household'} WHERE ${where}`).pluck().get() as number;
        const [colId, sort, order] = SORTS[grid][0]!;
        const got = fetch(grid, { startRow: 20, endRow: 40, sort: [{ colId, sort }], filters: {} }, households);
        expect(got.lastRow, `${grid}, ${households.length} households`).toBe(total);
        expect(got.ids).toEqual(byOffset(grid, order, where, 20, 20));
      }
    }
  });

  it('reaches the views through the engine as the grid asks for them', async () => {
    const r = await engine.invoke('baseline:people', { startRow: 100, endRow: 130, sort: [{ colId: 'surname', sort: 'desc' }], filters: { lsoa: 'E01000003', sourceId: 1 } });
    if (!r.ok) throw new Error(r.error.message);
    const where = "lsoa = 'E01000003' AND id IN (SELECT id FROM baseline_person_source WHERE source_id = 1)";
    expect(((r.value as { rows: Row[] }).rows).map((x) => x.personId)).toEqual(byOffset('people', 'surname DESC, id DESC', where, 100, 30));
  });
});
