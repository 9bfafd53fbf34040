// Bookmarks along each grid sort (migration 0210): the (sort key, row ID) of every BOOKMARK_EVERY-th
// row of the unfiltered view, going up. Written when the baseline tables are built, cleared when
// they go stale, so a jump to any depth of an unfiltered view is a seek to the nearest bookmark
// and a step of fewer than BOOKMARK_EVERY index entries: going down, the order is the same one
// reversed (sort key, then ID, both descending), so one set of bookmarks serves both directions.
import type { Db } from '../store/database.js';
import { BANDS, bandBounds, type KnownAgeBand } from './age-bands.js';
import { stepFrom, type Cursor, type Params, type ViewPlan } from './grid-keyset.js';

export const BOOKMARK_EVERY = 1_000;

export type Grid = 'baseline_person' | 'baseline_household';

/** The plan of an unfiltered view in ascending order of `sort` ('id': the default order). */
function ascending(grid: Grid, sort: string, index: string): ViewPlan {
  const keyExpr = sort === 'id' ? 'NULL' : sort;
  return { from: `${grid} INDEXED BY ${index}`, where: '', order: sort === 'id' ? 'id ASC' : `${sort} ASC, id ASC`, keyExpr, lead: '', cmp: '>' };
}

/** Every sort index of the grids' tables with the column it starts with. */
function sortIndexes(db: Db): Array<{ grid: Grid; sort: string; index: string }> {
  const indexes = db
    .prepare("SELECT tbl_name AS grid, name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('baseline_person', 'baseline_household') AND name LIKE '%\\_sort\\_%' ESCAPE '\\' ORDER BY name")
    .all() as Array<{ grid: Grid; name: string }>;
  return indexes.map(({ grid, name }) => {
    const first = db.prepare('SELECT name FROM pragma_index_info(?) WHERE seqno = 0').pluck().get(name) as string;
    return { grid, sort: first, index: name };
  });
}

/** Writes the bookmarks of every sort (inside the build's transaction, after the indexes), and the views' counts. */
export function writeBookmarks(db: Db, every = BOOKMARK_EVERY, asOf: string | null = null): number {
  clearBookmarks(db);
  const insert = db.prepare('INSERT INTO baseline_bookmark(grid, sort, position, key, id, counts) VALUES (?, ?, ?, ?, ?, ?)');
  let written = 0;
  let totals: Map<string, number> | null = null;
  for (const { grid, sort, index } of sortIndexes(db)) {
    const plan = ascending(grid, sort, index);
    if (grid === 'baseline_person' && asOf !== null) {
      // one walk of the (covering) index counts every single filter and pair of filters as it goes
      const counted = countedMarks(db, plan, every, asOf);
      for (const mark of counted.marks) {
        insert.run(grid, sort, mark.position, mark.key, mark.id, mark.counts);
        written++;
      }
      // every sort holds the same rows: the first one's totals serve all
      totals ??= counted.totals;
      continue;
    }
    let cursor = stepFrom(db, plan, {}, null, 1);
    for (let position = 0; cursor !== null; position += every) {
      insert.run(grid, sort, position, cursor[0], cursor[1], null);
      written++;
      cursor = stepFrom(db, plan, {}, cursor, every);
    }
  }
  writeViewCounts(db, totals);
  return written;
}

/**
 * The views' counts: people's unfiltered and counted filters (from the bookmarks' walk), households'
 * unfiltered and by source alone (the household–source table, grouped).
 */
function writeViewCounts(db: Db, people: Map<string, number> | null): void {
  const insert = db.prepare('INSERT INTO baseline_view_count(grid, filter_key, n) VALUES (?, ?, ?)');
  if (people !== null) for (const [key, n] of people) insert.run('baseline_person', key, n);
  insert.run('baseline_household', '', db.prepare('SELECT count(*) FROM baseline_household').pluck().get() as number);
  for (const r of db.prepare('SELECT source_id AS s, count(*) AS n FROM baseline_household_source GROUP BY source_id').all() as Array<{ s: number; n: number }>) {
    insert.run('baseline_household', `s:${r.s}`, r.n);
  }
}

/** A view's count as the build wrote it, or undefined when it wrote none (or it was deleted since). */
export function keptViewCount(db: Db, grid: Grid, filterKey: string): number | undefined {
  return db.prepare('SELECT n FROM baseline_view_count WHERE grid = ? AND filter_key = ?').pluck().get(grid, filterKey) as number | undefined;
}

/**
 * Review decisions move the "in review" flag of a few people without a rebuild: every count the
 * build wrote for a view filtered by it is deleted (its views are then counted afresh, and their
 * jumps walk their own bookmarks, since the bookmarks' counts of the flag are out of date too).
 */
export function forgetReviewCounts(db: Db): void {
  db.prepare("DELETE FROM baseline_view_count WHERE grid = 'baseline_person' AND filter_key LIKE '%f:in-review%'").run();
}

// Counting slots: the age bands (then no date of birth), sources 0–62, the three flags, deciles 1–10.
const BAND_SLOTS = Object.keys(BANDS) as KnownAgeBand[];
const SOURCE_SLOT = BAND_SLOTS.length + 1;
const FLAG_SLOT = SOURCE_SLOT + 63;
const DECILE_SLOT = FLAG_SLOT + 3 - 1;
const SLOTS = DECILE_SLOT + 11;
const FLAGS = ['in-review', 'possible-twin', 'no-dob'] as const;

/** The filter key each slot counts, as `singleFilterKey` asks for it. */
function slotKeys(asOf: string): string[] {
  const keys: string[] = [...BAND_SLOTS.map((b) => `a:${b}:${asOf}`), `a:unknown:${asOf}`];
  for (let source = 0; source < 63; source++) keys.push(`s:${source}`);
  keys.push(...FLAGS.map((f) => `f:${f}`));
  for (let d = 1; d <= 10; d++) keys.push(`d:${d}`);
  return keys;
}

/**
 * What each row of a sort counts toward, read as two plain numbers a row (no strings: this reads
 * every row of every people sort): the age band (15: none), the flags, the decile and sources 0–30
 * packed in one, sources 31–62 in the other.
 */
function packedRows(db: Db, plan: ViewPlan, asOf: string): Array<[packed: number, high: number]> {
  const params: Record<string, string> = {};
  const cases = BAND_SLOTS.map((band, b) => {
    const { from, to } = bandBounds(band, asOf);
    params[`f${b}`] = from;
    params[`t${b}`] = to;
    return `WHEN dob > @f${b} AND dob <= @t${b} THEN ${b}`;
  });
  return db
    .prepare(
      `SELECT (CASE WHEN dob IS NULL THEN ${BAND_SLOTS.length} ${cases.join(' ')} ELSE 15 END) + 16 * in_review + 32 * possible_twin + 64 * no_dob
              + 128 * coalesce(imd_decile, 0) + 2048 * (source_bits & 2147483647), source_bits >> 31
       FROM ${plan.from} ORDER BY ${plan.order}`,
    )
    .raw(true)
    .all(params) as Array<[number, number]>;
}

/** Writes the slots a packed row counts toward into `hit`; returns how many. */
function rowSlots(packed: number, high: number, hit: Int32Array): number {
  const flags = packed % 2048;
  let h = 0;
  const band = flags & 15;
  if (band !== 15) hit[h++] = band;
  for (let bits = Math.floor(packed / 2048); bits !== 0; ) {
    const lowest = bits & -bits;
    hit[h++] = SOURCE_SLOT + 31 - Math.clz32(lowest);
    bits ^= lowest;
  }
  for (let bits = high; bits !== 0; ) {
    const lowest = bits & -bits;
    hit[h++] = SOURCE_SLOT + 31 + 31 - Math.clz32(lowest);
    bits = (bits ^ lowest) >>> 0;
  }
  if (flags & 16) hit[h++] = FLAG_SLOT;
  if (flags & 32) hit[h++] = FLAG_SLOT + 1;
  if (flags & 64) hit[h++] = FLAG_SLOT + 2;
  const imd = (flags >> 7) & 15;
  if (imd >= 1 && imd <= 10) hit[h++] = DECILE_SLOT + imd;
  return h;
}

/** Counting slots' kinds (a view has at most one filter of each kind): age band, source, flag, decile. */
const kindOf = (slot: number): number => (slot < SOURCE_SLOT ? 0 : slot < FLAG_SLOT ? 1 : slot < DECILE_SLOT + 1 ? 2 : 3);

/**
 * The bookmarks of one people sort with their counts, and what each filter and pair of filters
 * matches in all. A pair is two slots of different kinds, numbered `a * SLOTS + b` (a < b), and
 * named by its two filter keys in slot order joined with '&' (as `countedFilterKey` names a view).
 */
function countedMarks(db: Db, plan: ViewPlan, every: number, asOf: string): { marks: Array<{ position: number; key: string | number | null; id: number; counts: string }>; totals: Map<string, number> } {
  const keys = slotKeys(asOf);
  const running = new Float64Array(SLOTS);
  const pairs = new Float64Array(SLOTS * SLOTS);
  const pairName = (pair: number): string => `${keys[Math.floor(pair / SLOTS)] as string}&${keys[pair % SLOTS] as string}`;
  const hit = new Int32Array(SLOTS);
  const pairHit = new Int32Array(SLOTS * SLOTS);
  // the pairs any row has matched so far, in the order first met
  const seenPairs: number[] = [];
  const rows = packedRows(db, plan, asOf);
  const marks: Array<{ position: number; key: string | number | null; id: number; counts: string }> = [];
  let cursor = stepFrom(db, plan, {}, null, 1);
  for (let position = 0; position < rows.length; position++) {
    const [packed, high] = rows[position] as [number, number];
    const h = rowSlots(packed, high, hit);
    let ph = 0;
    for (let i = 0; i < h; i++) {
      for (let j = i + 1; j < h; j++) {
        const a = hit[i] as number;
        const b = hit[j] as number;
        // slots come out in ascending order; two of one kind (two sources, two flags) are never one view's filters
        if (kindOf(a) !== kindOf(b)) pairHit[ph++] = a * SLOTS + b;
      }
    }
    if (position % every === 0 && cursor !== null) {
      // [matching rows before this one, matching rows up to and including it], for every filter any row matched so far
      const counts: Record<string, string | [number, number]> = { asOf };
      for (let slot = 0; slot < SLOTS; slot++) if (running[slot]) counts[keys[slot] as string] = [running[slot] as number, running[slot] as number];
      for (const pair of seenPairs) counts[pairName(pair)] = [pairs[pair] as number, pairs[pair] as number];
      for (let i = 0; i < h; i++) {
        const slot = hit[i] as number;
        counts[keys[slot] as string] = [running[slot] as number, (running[slot] as number) + 1];
      }
      for (let i = 0; i < ph; i++) {
        const pair = pairHit[i] as number;
        counts[pairName(pair)] = [pairs[pair] as number, (pairs[pair] as number) + 1];
      }
      marks.push({ position, key: cursor[0], id: cursor[1], counts: JSON.stringify(counts) });
      cursor = stepFrom(db, plan, {}, cursor, every);
    }
    for (let i = 0; i < h; i++) {
      const slot = hit[i] as number;
      running[slot] = (running[slot] as number) + 1;
    }
    for (let i = 0; i < ph; i++) {
      const pair = pairHit[i] as number;
      if (pairs[pair] === 0) seenPairs.push(pair);
      pairs[pair] = (pairs[pair] as number) + 1;
    }
  }
  const totals = new Map<string, number>([['', rows.length]]);
  for (let slot = 0; slot < SLOTS; slot++) if (running[slot]) totals.set(keys[slot] as string, running[slot] as number);
  for (const pair of seenPairs) totals.set(pairName(pair), pairs[pair] as number);
  return { marks, totals };
}

/** Stale baseline tables keep no bookmarks (they may hold an erased person's sort key). */
export function clearBookmarks(db: Db): void {
  db.exec('DELETE FROM baseline_bookmark; DELETE FROM baseline_view_count');
}

/**
 * The row at 0-based `position` of an unfiltered view of `total` rows, from the nearest bookmark
 * before it in the view's direction; without bookmarks (a store not rebuilt yet), from the top.
 */
export function rowAt(db: Db, grid: Grid, sort: string, p: ViewPlan, position: number, total: number): Cursor | null {
  if (position < 0 || position >= total) return null;
  const up = p.cmp === '>';
  // going down, position p is position total-1-p going up
  const target = up ? position : total - 1 - position;
  const mark = db
    .prepare(`SELECT position, key, id FROM baseline_bookmark WHERE grid = @grid AND sort = @sort AND position ${up ? '<=' : '>='} @target ORDER BY position ${up ? 'DESC' : 'ASC'} LIMIT 1`)
    .get({ grid, sort, target }) as { position: number; key: string | number | null; id: number } | undefined;
  const params: Params = {};
  if (!mark) return stepFrom(db, p, params, null, position + 1);
  const at = up ? mark.position : total - 1 - mark.position;
  const cursor: Cursor = [mark.key, mark.id];
  return at === position ? cursor : stepFrom(db, p, params, cursor, position - at);
}

/**
 * The row at 0-based `position` of a people view filtered by one counted filter or pair (`filterKey`),
 * from the bookmark whose counts place it just before; null when the bookmarks hold no counts
 * for the filter (the caller then steps from its own page ends).
 */
export interface CountedMarks {
  marks: Array<{ key: string | number | null; id: number }>;
  /** [matching rows before the bookmark's row, matching rows up to and including it] */
  counts: Array<[number, number]>;
}

/** One sort's bookmarks with their counts of one filter or pair, or null when they hold none for this date. */
function countedMarksOf(db: Db, sort: string, filterKey: string, asOf: string): CountedMarks | null {
  const marks = db
    .prepare("SELECT key, id, json_extract(counts, '$.asOf') AS asOf, json_extract(counts, @path) AS n FROM baseline_bookmark WHERE grid = 'baseline_person' AND sort = @sort ORDER BY position")
    .all({ sort, path: `$."${filterKey}"` }) as Array<{ key: string | number | null; id: number; asOf: string | null; n: string | null }>;
  if (marks.length === 0 || marks.some((m) => m.asOf !== asOf)) return null;
  return { marks, counts: marks.map((m) => (m.n === null ? [0, 0] : (JSON.parse(m.n) as [number, number]))) };
}

export function filteredRowAt(
  db: Db,
  sort: string,
  p: ViewPlan,
  params: Params,
  filterKey: string,
  asOf: string,
  position: number,
  total: number,
  /** the counts read so far, kept by the caller while the baseline is unchanged (reading them is a JSON parse of every bookmark) */
  memo?: Map<string, CountedMarks | null>,
): Cursor | null | undefined {
  if (position < 0 || position >= total) return null;
  const memoKey = `${sort}|${filterKey}|${asOf}`;
  let counted = memo?.get(memoKey);
  if (counted === undefined) {
    counted = countedMarksOf(db, sort, filterKey, asOf);
    memo?.set(memoKey, counted);
  }
  if (counted === null) return undefined;
  const { marks, counts } = counted;
  if (p.cmp === '>') {
    // going up: the last bookmark with no more than `position` matches up to it, then step on
    let best = -1;
    for (let i = 0; i < marks.length; i++) if ((counts[i] as [number, number])[1] <= position) best = i;
    if (best < 0) return stepFrom(db, p, params, null, position + 1);
    const m = marks[best] as (typeof marks)[number];
    return stepFrom(db, p, params, [m.key, m.id], position + 1 - (counts[best] as [number, number])[1]);
  }
  // going down: the rows from a bookmark's row upwards come first; the first bookmark with no more
  // than `position` of those, then step on down
  let best = -1;
  for (let i = marks.length - 1; i >= 0; i--) if (total - (counts[i] as [number, number])[0] <= position) best = i;
  if (best < 0) return stepFrom(db, p, params, null, position + 1);
  const m = marks[best] as (typeof marks)[number];
  return stepFrom(db, p, params, [m.key, m.id], position + 1 - (total - (counts[best] as [number, number])[0]));
}
