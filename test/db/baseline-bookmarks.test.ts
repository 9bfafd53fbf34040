// Grid jumps from bookmarks, on a real encrypted store: the bookmarks written with the baseline
// tables give, for every sort and both directions, the rows that SQL's OFFSET gives at the same
// depth; filtered views (no bookmarks) give them too; an erasure clears the bookmarks and the
// next build writes them again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKMARK_EVERY } from '../../electron/engine/baseline/grid-bookmarks.js';
import { gridTuning, peoplePage, type GridRequest } from '../../electron/engine/baseline/grids.js';
import { decidePair } from '../../electron/engine/baseline/review-queue.js';
import type { Engine } from '../../electron/engine/engine.js';
import { Store } from '../../electron/engine/store/store.js';
import { seededBaselineStore, type SeededBaseline } from '../helpers/baseline-seed.js';

const N = 2_600;
let seeded: SeededBaseline;
let store: Store;
let engine: Engine;

beforeAll(() => {
  seeded = seededBaselineStore('bookmarks', N, (s) => {
    // a pair in the review band (0.5 to 0.9) between the two records of every sixth person, so some
    // people are in review when the baseline is built and a decision can take one out
    const twoRecords = s.reader.prepare("SELECT min(record_id) AS a, max(record_id) AS b FROM run_record_person GROUP BY person_id HAVING count(*) = 2 AND substr(person_id, 2) % 6 = 0").all() as Array<{ a: number; b: number }>;
    const pair = s.writer.prepare("INSERT INTO link_pair(run_id, record_a, record_b, probability, match_weight, levels, weights) VALUES (1, ?, ?, 0.7, 1, x'', x'')");
    for (const { a, b } of twoRecords) pair.run(a, b);
  });
  ({ store, engine } = seeded);
}, 60_000);

afterAll(() => seeded.close());

type Page = { rows: Array<{ personId?: string; householdId: string }>; lastRow: number };
async function page(channel: 'baseline:people' | 'baseline:households', request: Record<string, unknown>): Promise<Page> {
  const r = await engine.invoke(channel, request);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Page;
}

/** A page read with a view cache of its own, so it reads the stored bookmarks and counts afresh. */
let fresh = 0;
const freshPage = (req: GridRequest): Page => peoplePage(store.reader, req, '2025-03-31', `fresh-${++fresh}`) as unknown as Page;

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
      // two filters of different kinds: the pair's counts
      [{ ageBand: '25-64', sourceId: 2 }, "dob > '1960-03-31' AND dob <= '2000-03-31' AND id IN (SELECT id FROM baseline_person_source WHERE source_id = 2)"],
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
      // a fresh view cache (the counts read for earlier jumps are kept while the baseline is unchanged)
      const got = freshPage({ startRow: depth, endRow: depth + 10, sort: [{ colId: 'surname', sort: 'asc' }], filters: { sourceId: 2 } });
      expect(got.rows.map((r) => r.personId)).toEqual(byOffset('baseline_person', 'person_id', 'surname ASC, id ASC', where, depth + 1, 10));
    } finally {
      db.prepare(`UPDATE baseline_bookmark SET counts = ? WHERE ${at}`).run(was, BOOKMARK_EVERY);
    }
  });

  it("starts a jump with two filters from the pair's counts: a count one short at a bookmark moves the page by one", async () => {
    const db = store.writer;
    const where = "no_dob = 1 AND id IN (SELECT id FROM baseline_person_source WHERE source_id = 1)";
    const key = 'a:unknown:2025-03-31&s:1';
    const at = "grid = 'baseline_person' AND sort = 'surname' AND position = ?";
    const was = db.prepare(`SELECT counts FROM baseline_bookmark WHERE ${at}`).pluck().get(BOOKMARK_EVERY) as string;
    const counts = JSON.parse(was) as Record<string, [number, number]>;
    const [before, upTo] = counts[key] as [number, number];
    const depth = upTo + 5;
    const total = store.reader.prepare(`SELECT count(*) FROM baseline_person WHERE ${where}`).pluck().get() as number;
    expect(depth + 10).toBeLessThan(total);
    const filters: GridRequest['filters'] = { ageBand: 'unknown', sourceId: 1 };
    const sort: GridRequest['sort'] = [{ colId: 'surname', sort: 'asc' }];
    db.prepare(`UPDATE baseline_bookmark SET counts = ? WHERE ${at}`).run(JSON.stringify({ ...counts, [key]: [before, upTo - 1] }), BOOKMARK_EVERY);
    try {
      const got = freshPage({ startRow: depth, endRow: depth + 10, sort, filters });
      expect(got.rows.map((r) => r.personId)).toEqual(byOffset('baseline_person', 'person_id', 'surname ASC, id ASC', where, depth + 1, 10));
    } finally {
      db.prepare(`UPDATE baseline_bookmark SET counts = ? WHERE ${at}`).run(was, BOOKMARK_EVERY);
    }
  });

  it("reads a view's count as the build kept it, and counts afresh the views a review decision changes", async () => {
    const version = (): string => `kept-counts-${Math.random()}`;
    const count = (where: string): number => store.reader.prepare(`SELECT count(*) FROM baseline_person WHERE ${where}`).pluck().get() as number;
    const first = (filters: GridRequest['filters']): number => peoplePage(store.reader, { startRow: 0, endRow: 10, sort: [{ colId: 'surname', sort: 'asc' }], filters }, '2025-03-31', version()).lastRow;
    const kept = (key: string): number | undefined => store.reader.prepare("SELECT n FROM baseline_view_count WHERE grid = 'baseline_person' AND filter_key = ?").pluck().get(key) as number | undefined;
    // the build counted the unfiltered grid, a filter and a pair; the first page reads them (a kept count one short shows one short)
    expect(kept('')).toBe(N);
    expect(kept('s:2')).toBe(count('id IN (SELECT id FROM baseline_person_source WHERE source_id = 2)'));
    const inReview = count('in_review = 1');
    expect(inReview).toBeGreaterThan(100);
    expect(kept('f:in-review')).toBe(inReview);
    expect(kept('f:in-review&d:3') ?? 0).toBe(0);
    store.writer.prepare("UPDATE baseline_view_count SET n = n - 1 WHERE grid = 'baseline_person' AND filter_key = 's:2'").run();
    try {
      expect(first({ sourceId: 2 })).toBe(count('id IN (SELECT id FROM baseline_person_source WHERE source_id = 2)') - 1);
    } finally {
      store.writer.prepare("UPDATE baseline_view_count SET n = n + 1 WHERE grid = 'baseline_person' AND filter_key = 's:2'").run();
    }
    // a decision takes a person out of review: every kept count of the flag goes, and the views count afresh
    const pairs = store.reader.prepare('SELECT record_a || \'-\' || record_b FROM link_pair ORDER BY record_a LIMIT 3').pluck().all() as string[];
    for (const id of pairs) decidePair(store, 'analyst', id, 'match');
    expect(count('in_review = 1')).toBe(inReview - 3);
    expect(store.reader.prepare("SELECT count(*) FROM baseline_view_count WHERE filter_key LIKE '%f:in-review%'").pluck().get()).toBe(0);
    expect(kept('s:2')).toBeDefined();
    const views: Array<[GridRequest['filters'], string]> = [
      [{ flag: 'in-review' }, 'in_review = 1'],
      [{ flag: 'in-review', sourceId: 2 }, 'in_review = 1 AND id IN (SELECT id FROM baseline_person_source WHERE source_id = 2)'],
    ];
    for (const [filters, where] of views) {
      expect(first(filters)).toBe(count(where));
      for (const depth of [1, 97, count(where) - 4]) {
        const got = await page('baseline:people', { startRow: depth, endRow: depth + 3, sort: [{ colId: 'surname', sort: 'desc' }], filters });
        expect(got.lastRow).toBe(count(where));
        expect(got.rows.map((r) => r.personId), `${JSON.stringify(filters)} at ${depth}`).toEqual(byOffset('baseline_person', 'person_id', 'surname DESC, id DESC', where, depth, 3));
      }
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
    expect(store.reader.prepare('SELECT count(*) FROM baseline_view_count').pluck().get()).toBe(0);
    const got = await page('baseline:people', { startRow: BOOKMARK_EVERY, endRow: BOOKMARK_EVERY + 30, sort: [{ colId: 'surname', sort: 'asc' }], filters: {} });
    expect(got.lastRow).toBe(N - 1);
    expect(got.rows.map((x) => x.personId)).toEqual(byOffset('baseline_person', 'person_id', 'surname ASC, id ASC', '', BOOKMARK_EVERY, 30));
    expect(got.rows.map((x) => x.personId)).not.toContain(victim);
    expect(store.reader.prepare("SELECT n FROM baseline_view_count WHERE grid = 'baseline_person' AND filter_key = ''").pluck().get()).toBe(N - 1);
    expect(store.reader.prepare("SELECT count(*) FROM baseline_bookmark WHERE grid = 'baseline_person' AND sort = 'surname'").pluck().get()).toBe(Math.ceil((N - 1) / BOOKMARK_EVERY));
  });
});
