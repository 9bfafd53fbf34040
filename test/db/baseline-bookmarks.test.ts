// Grid jumps from bookmarks, on a real encrypted store: the bookmarks written with the baseline
// tables give, for every sort and both directions, the rows that SQL's OFFSET gives at the same
// depth; filtered views (no bookmarks) give them too; an erasure clears the bookmarks and the
// next build writes them again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKMARK_EVERY } from '../../electron/engine/baseline/grid-bookmarks.js';
import { gridTuning } from '../../electron/engine/baseline/grids.js';
import { ensureBaselineIndex } from '../../electron/engine/baseline/index-build.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { Store } from '../../electron/engine/store/store.js';
import { seedBaseline } from '../helpers/baseline-seed.js';

const N = 2_600;
let dir: string;
let store: Store;
let engine: Engine;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bw-bookmarks-'));
  store = Store.create(join(dir, 'b.db'), 'bookmarks test passphrase');
  seedBaseline(store, N);
  engine = createEngine({ storePath: join(dir, 'b.db'), host: 'browser', version: 't' });
  engine.adoptStore(store);
  ensureBaselineIndex(store);
}, 60_000);

afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

type Page = { rows: Array<{ personId?: string; householdId: string }>; lastRow: number };
async function page(channel: 'baseline:people' | 'baseline:households', request: Record<string, unknown>): Promise<Page> {
  const r = await engine.invoke(channel, request);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Page;
}

/** The same view by SQL's OFFSET: the answer a jump must give. */
function byOffset(table: string, idColumn: string, order: string, where: string, offset: number, limit: number): string[] {
  return store.reader.prepare(`SELECT ${idColumn} FROM ${table} ${where ? `WHERE ${where}` : ''} ORDER BY ${order} LIMIT ? OFFSET ?`).pluck().all(limit, offset) as string[];
}

const DEPTHS = [1, 37, BOOKMARK_EVERY - 1, BOOKMARK_EVERY, BOOKMARK_EVERY + 1, 1_777, 2 * BOOKMARK_EVERY + 5, N - 40, N - 1];

describe('grid jumps from bookmarks', () => {
  it('writes a bookmark every so many rows of each sort when the baseline is built', () => {
    const per = store.reader.prepare("SELECT sort, count(*) AS n, min(position) AS first FROM baseline_bookmark WHERE grid = 'baseline_person' GROUP BY sort").all() as Array<{ sort: string; n: number; first: number }>;
    expect(per.map((p) => p.sort).sort()).toEqual(['dob', 'forename', 'household_id', 'id', 'imd_decile', 'lsoa', 'postcode', 'records', 'sex', 'surname']);
    for (const p of per) expect(p, p.sort).toEqual({ sort: p.sort, n: Math.ceil(N / BOOKMARK_EVERY), first: 0 });
    expect(store.reader.prepare("SELECT count(DISTINCT sort) FROM baseline_bookmark WHERE grid = 'baseline_household'").pluck().get()).toBe(9);
  });

  it('gives the rows OFFSET gives, for every depth, sort and direction of the unfiltered people grid', async () => {
    const sorts: Array<[colId: string, sort: 'asc' | 'desc', order: string]> = [
      ['surname', 'asc', 'surname ASC, id ASC'],
      ['surname', 'desc', 'surname DESC, id DESC'],
      ['dob', 'asc', 'dob ASC, id ASC'],
      ['age', 'asc', 'dob DESC, id DESC'],
      ['postcode', 'desc', 'postcode DESC, id DESC'],
      ['records', 'asc', 'records ASC, id ASC'],
      ['personId', 'desc', 'id DESC'],
    ];
    for (const [colId, dir, order] of sorts) {
      for (const depth of DEPTHS) {
        const got = await page('baseline:people', { startRow: depth, endRow: depth + 30, sort: [{ colId, sort: dir }], filters: {} });
        expect(got.rows.map((r) => r.personId), `${colId} ${dir} at ${depth}`).toEqual(byOffset('baseline_person', 'person_id', order, '', depth, 30));
      }
    }
  });

  it('does the same for households, and for filtered views (no bookmarks: stepped from the nearest page end seen)', async () => {
    for (const depth of [1, 400, 866]) {
      const got = await page('baseline:households', { startRow: depth, endRow: depth + 20, sort: [{ colId: 'members', sort: 'desc' }], filters: {} });
      expect(got.rows.map((r) => r.householdId)).toEqual(byOffset('baseline_household', 'household_id', 'members DESC, id DESC', '', depth, 20));
    }
    // a source filter over most rows walks the sort index; the jumps come in any order
    for (const depth of [1_500, 300, 1_200, 1_201, 40]) {
      const got = await page('baseline:people', { startRow: depth, endRow: depth + 25, sort: [{ colId: 'surname', sort: 'desc' }], filters: { sourceId: 2 } });
      expect(got.rows.map((r) => r.personId), `source 2 at ${depth}`).toEqual(
        byOffset('baseline_person', 'person_id', 'surname DESC, id DESC', 'id IN (SELECT id FROM baseline_person_source WHERE source_id = 2)', depth, 25),
      );
    }
  });

  it('gives the rows OFFSET gives in views with one filter, from the counts kept with the bookmarks, whether the filter or the sort index leads', async () => {
    const views: Array<[filters: Record<string, unknown>, where: string]> = [
      [{ sourceId: 2 }, 'id IN (SELECT id FROM baseline_person_source WHERE source_id = 2)'],
      [{ ageBand: '25-64' }, "dob > '1960-03-31' AND dob <= '2000-03-31'"],
      [{ flag: 'no-dob' }, 'no_dob = 1'],
    ];
    const sorts: Array<[colId: string, sort: 'asc' | 'desc', order: string]> = [
      ['surname', 'desc', 'surname DESC, id DESC'],
      ['surname', 'asc', 'surname ASC, id ASC'],
      ['age', 'asc', 'dob DESC, id DESC'],
      ['personId', 'asc', 'id ASC'],
    ];
    try {
      for (const drives of [20_000, 0]) {
        gridTuning.filterDrivesBelow = drives;
        for (const [filters, where] of views) {
          const total = store.reader.prepare(`SELECT count(*) FROM baseline_person WHERE ${where}`).pluck().get() as number;
          for (const [colId, dir, order] of sorts) {
            for (const depth of [1, 150, 333, 871, 1_234, total - 3].filter((d) => d > 0 && d < total)) {
              const got = await page('baseline:people', { startRow: depth, endRow: depth + 20, sort: [{ colId, sort: dir }], filters });
              expect(got.lastRow).toBe(total);
              expect(got.rows.map((r) => r.personId), `${JSON.stringify(filters)} ${colId} ${dir} at ${depth}${drives ? '' : ' (sort index leads)'}`).toEqual(byOffset('baseline_person', 'person_id', order, where, depth, 20));
            }
          }
        }
      }
    } finally {
      gridTuning.filterDrivesBelow = 20_000;
    }
  });

  it('starts a filtered jump from the counts: a count one short at a bookmark moves the page by one', async () => {
    const db = store.writer;
    const where = 'id IN (SELECT id FROM baseline_person_source WHERE source_id = 2)';
    const at = "grid = 'baseline_person' AND sort = 'surname' AND position = ?";
    const was = db.prepare(`SELECT counts FROM baseline_bookmark WHERE ${at}`).pluck().get(BOOKMARK_EVERY) as string;
    const counts = JSON.parse(was) as Record<string, [number, number]>;
    const [before, upTo] = counts['s:2'] as [number, number];
    // the page starts past the bookmark's matches, short of the next bookmark's
    const depth = upTo + 40;
    db.prepare(`UPDATE baseline_bookmark SET counts = ? WHERE ${at}`).run(JSON.stringify({ ...counts, 's:2': [before, upTo - 1] }), BOOKMARK_EVERY);
    try {
      const got = await page('baseline:people', { startRow: depth, endRow: depth + 10, sort: [{ colId: 'surname', sort: 'asc' }], filters: { sourceId: 2 } });
      expect(got.rows.map((r) => r.personId)).toEqual(byOffset('baseline_person', 'person_id', 'surname ASC, id ASC', where, depth + 1, 10));
    } finally {
      db.prepare(`UPDATE baseline_bookmark SET counts = ? WHERE ${at}`).run(was, BOOKMARK_EVERY);
    }
  });

  it('starts from the bookmark: a bookmark moved on by one row moves the page by one', async () => {
    const db = store.writer;
    const order = 'surname ASC, id ASC';
    const next = store.reader.prepare(`SELECT surname, id FROM baseline_person ORDER BY ${order} LIMIT 1 OFFSET ?`).raw(true).get(BOOKMARK_EVERY + 1) as [string | null, number];
    const was = db.prepare("SELECT key, id FROM baseline_bookmark WHERE grid = 'baseline_person' AND sort = 'surname' AND position = ?").raw(true).get(BOOKMARK_EVERY) as [string | null, number];
    db.prepare("UPDATE baseline_bookmark SET key = ?, id = ? WHERE grid = 'baseline_person' AND sort = 'surname' AND position = ?").run(next[0], next[1], BOOKMARK_EVERY);
    try {
      const got = await page('baseline:people', { startRow: BOOKMARK_EVERY + 10, endRow: BOOKMARK_EVERY + 20, sort: [{ colId: 'surname', sort: 'asc' }], filters: {} });
      expect(got.rows.map((r) => r.personId)).toEqual(byOffset('baseline_person', 'person_id', order, '', BOOKMARK_EVERY + 11, 10));
    } finally {
      db.prepare("UPDATE baseline_bookmark SET key = ?, id = ? WHERE grid = 'baseline_person' AND sort = 'surname' AND position = ?").run(was[0], was[1], BOOKMARK_EVERY);
    }
  });

  it('clears the bookmarks when a person is erased, and the next read writes them again for what is left', async () => {
    const victim = store.reader.prepare("SELECT person_id FROM baseline_person ORDER BY surname, id LIMIT 1 OFFSET ?").pluck().get(BOOKMARK_EVERY) as string;
    const r = await engine.invoke('baseline:erase', { personId: victim, confirm: victim });
    expect(r.ok).toBe(true);
    expect(store.reader.prepare('SELECT count(*) FROM baseline_bookmark').pluck().get()).toBe(0);
    const got = await page('baseline:people', { startRow: BOOKMARK_EVERY, endRow: BOOKMARK_EVERY + 30, sort: [{ colId: 'surname', sort: 'asc' }], filters: {} });
    expect(got.lastRow).toBe(N - 1);
    expect(got.rows.map((x) => x.personId)).toEqual(byOffset('baseline_person', 'person_id', 'surname ASC, id ASC', '', BOOKMARK_EVERY, 30));
    expect(got.rows.map((x) => x.personId)).not.toContain(victim);
    expect(store.reader.prepare("SELECT count(*) FROM baseline_bookmark WHERE grid = 'baseline_person' AND sort = 'surname'").pluck().get()).toBe(Math.ceil((N - 1) / BOOKMARK_EVERY));
  });
});
