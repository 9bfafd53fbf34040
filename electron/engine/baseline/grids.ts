// The people and households grids: pages of the baseline tables, filtered and sorted in SQL, so
// the grid scrolls hundreds of thousands of rows with one small query per page. Pages are found by
// keyset (the sort key and the row ID of the row before the page), never by OFFSET: each sort has
// its own index holding the columns filters test (migration 0150), so a page is an index range
// read without touching the encrypted rows it skips. A page that does not follow a known one (a
// jump down the scroll bar) starts from the bookmarks written with the baseline (grid-bookmarks.ts),
// or, in a view they do not count (three filters, an LSOA, a cohort, the households' filters),
// from the view's own bookmarks: every so many rows of it, read in one walk on its first jump and
// kept until the baseline changes. A view's count is the one the build kept for it when there is
// one (baseline_view_count), else counted once and kept in memory. A text filter tests columns no
// sort index holds, so such a view's row IDs are read once, in order, from the rows the trigram
// index finds, and its pages are cut from them.
import type { GridFilters, HouseholdRow, PeopleRow } from '../../../shared/ipc/channels/baseline.js';
import type { Db } from '../store/database.js';
import { bandBounds } from './age-bands.js';
import { BOOKMARK_EVERY, filteredRowAt, keptViewCount, rowAt, type CountedMarks } from './grid-bookmarks.js';
import { reversed, rowsAfter, sampleView, stepFrom, type Cursor, type Params, type ViewPlan } from './grid-keyset.js';
import { ageOn, SOURCE_BITS_MAX } from './index-build.js';

export type AgeBand = '0-4' | '5-10' | '11-15' | '16-17' | '18-24' | '25-64' | '65+' | 'unknown';
export interface GridRequest {
  startRow: number;
  endRow: number;
  sort: ReadonlyArray<{ colId: string; sort: 'asc' | 'desc' }>;
  filters: GridFilters;
  /** the `next` cursor of the page before this one */
  after?: string | undefined;
}

export interface GridPage<R> {
  rows: R[];
  lastRow: number;
  /** where the page after this one starts: pass as `after` */
  next: string | null;
}

const PAGE_MAX = 500;
/**
 * Below `filterDrivesBelow` matching rows a filter drives the query (then sorts); above it the sort
 * index does. A view's own bookmarks are every `sampleEvery` rows (tests make it small).
 */
export const gridTuning = { filterDrivesBelow: 20_000, sampleEvery: BOOKMARK_EVERY };

interface SortKey {
  /** the column the sort index starts with */
  expr: string;
  index: string;
}
interface Table {
  name: 'baseline_person' | 'baseline_household';
  sorts: Record<string, SortKey>;
  /** the column that sorts like the row ID (the default order) */
  idColumn: string;
  /** the index of the ID order with the filters' columns */
  idIndex: string;
}
const key = (column: string, index: string): SortKey => ({ expr: column, index });
const PEOPLE: Table = {
  name: 'baseline_person',
  idColumn: 'personId',
  idIndex: 'baseline_person_sort_id',
  sorts: {
    forename: key('forename', 'baseline_person_sort_forename'),
    surname: key('surname', 'baseline_person_sort_surname'),
    dob: key('dob', 'baseline_person_sort_dob'),
    age: key('dob', 'baseline_person_sort_dob'),
    sex: key('sex', 'baseline_person_sort_sex'),
    householdId: key('household_id', 'baseline_person_sort_household'),
    postcode: key('postcode', 'baseline_person_sort_postcode'),
    lsoa: key('lsoa', 'baseline_person_sort_lsoa'),
    records: key('records', 'baseline_person_sort_records'),
    imdDecile: key('imd_decile', 'baseline_person_sort_imd'),
  },
};
const HOUSEHOLDS: Table = {
  name: 'baseline_household',
  idColumn: '',
  idIndex: 'baseline_household_sort_id',
  sorts: {
    householdId: key('household_id', 'baseline_household_sort_household'),
    members: key('members', 'baseline_household_sort_members'),
    adults: key('adults', 'baseline_household_sort_adults'),
    children: key('children', 'baseline_household_sort_children'),
    postcode: key('postcode', 'baseline_household_sort_postcode'),
    address: key('address', 'baseline_household_sort_address'),
    lsoa: key('lsoa', 'baseline_household_sort_lsoa'),
    imdDecile: key('imd_decile', 'baseline_household_sort_imd'),
  },
};

/** The columns a grid sorts by (any other column is refused, not silently ignored). */
export function sortableColumns(kind: 'people' | 'households'): string[] {
  const table = kind === 'people' ? PEOPLE : HOUSEHOLDS;
  return [...(table.idColumn ? [table.idColumn] : []), ...Object.keys(table.sorts)];
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The people whose search keys hold a text, from the trigram index: every column the people's
 * text filter tests (names, postcode, person ID) is in the person's keys as it stands, upper-cased,
 * so this finds every row the LIKE test below it passes, and the LIKE test keeps only those: a few
 * thousand rows read by ID instead of every row of the table.
 */
const TRIGRAM_PEOPLE = 'SELECT rowid FROM baseline_person_fts WHERE baseline_person_fts MATCH @phrase';

/**
 * The text as one trigram phrase, or null when the index cannot stand in for LIKE: shorter than a
 * trigram, or not plain ASCII (upper-casing may change other letters' length, ß to SS, and LIKE
 * matches them only as typed).
 */
function trigramPhrase(text: string): string | null {
  if (text.length < 3 || !/^[\x20-\x7e]+$/.test(text)) return null;
  return `"${text.replace(/"/g, '""')}"`;
}

interface Where {
  sql: string;
  params: Record<string, string | number | bigint>;
  /** a cheaper count when the source is the only filter (the person–source index alone) */
  count?: string;
  /** the filter reads the rows themselves (text): the view's IDs are listed once, in order */
  listed?: boolean;
  /** what else tells this view from another with the same SQL and parameters (which cohort fills the cohort table) */
  key?: string;
}

function peopleWhere(f: GridFilters, asOf: string, cohortHouseholds: readonly string[] | null, cohort: number | null, drivenByFilter: boolean): Where {
  const where: string[] = [];
  const params: Where['params'] = {};
  if (f.lsoa) {
    where.push('lsoa = @lsoa');
    params.lsoa = f.lsoa;
  }
  if (f.sourceId !== undefined) where.push(sourceTest('baseline_person', f.sourceId, drivenByFilter && alone(f, cohortHouseholds), params));
  if (f.imdDecile !== undefined) {
    where.push('imd_decile = @imd');
    params.imd = f.imdDecile;
  }
  if (f.ageBand === 'unknown') where.push('dob IS NULL');
  else if (f.ageBand) {
    const { from, to } = bandBounds(f.ageBand, asOf);
    where.push('dob > @dobFrom AND dob <= @dobTo');
    params.dobFrom = from;
    params.dobTo = to;
  }
  if (f.flag === 'in-review') where.push('in_review = 1');
  if (f.flag === 'possible-twin') where.push('possible_twin = 1');
  if (f.flag === 'no-dob') where.push('no_dob = 1');
  if (cohort !== null) where.push(`household_id IN temp.${COHORT_TABLE}`);
  if (f.text) {
    const phrase = trigramPhrase(f.text);
    if (phrase !== null) {
      where.push(`id IN (${TRIGRAM_PEOPLE})`);
      params.phrase = phrase;
    }
    where.push("(forename LIKE @text ESCAPE '\\' OR surname LIKE @text ESCAPE '\\' OR postcode LIKE @text ESCAPE '\\' OR person_id LIKE @text ESCAPE '\\')");
    params.text = `%${escapeLike(f.text)}%`;
  }
  const onlySource = where.length === 1 && f.sourceId !== undefined;
  return { sql: where.join(' AND '), params, listed: Boolean(f.text), ...(cohort === null ? {} : { key: `cohort ${cohort}` }), ...(onlySource ? { count: 'SELECT count(*) AS n FROM baseline_person_source WHERE source_id = @source' } : {}) };
}

function householdWhere(f: GridFilters, cohortHouseholds: readonly string[] | null, cohort: number | null, drivenByFilter: boolean): Where {
  const where: string[] = [];
  const params: Where['params'] = {};
  if (f.lsoa) {
    where.push('lsoa = @lsoa');
    params.lsoa = f.lsoa;
  }
  if (f.sourceId !== undefined) where.push(sourceTest('baseline_household', f.sourceId, drivenByFilter && alone(f, cohortHouseholds), params));
  if (f.imdDecile !== undefined) {
    where.push('imd_decile = @imd');
    params.imd = f.imdDecile;
  }
  if (f.flag) {
    const column = f.flag === 'in-review' ? 'in_review' : f.flag === 'possible-twin' ? 'possible_twin' : 'no_dob';
    where.push(`household_id IN (SELECT household_id FROM baseline_person WHERE ${column} = 1)`);
  }
  if (cohort !== null) where.push(`household_id IN temp.${COHORT_TABLE}`);
  if (f.text) {
    // not through the trigram index: it finds people, and a common word ("close") finds so many
    // that reading them and their households cost twice the scan of the households (measured)
    where.push("(address LIKE @text ESCAPE '\\' OR postcode LIKE @text ESCAPE '\\' OR household_id LIKE @text ESCAPE '\\')");
    params.text = `%${escapeLike(f.text)}%`;
  }
  const onlySource = where.length === 1 && f.sourceId !== undefined;
  return { sql: where.join(' AND '), params, listed: Boolean(f.text), ...(cohort === null ? {} : { key: `cohort ${cohort}` }), ...(onlySource ? { count: 'SELECT count(*) AS n FROM baseline_household_source WHERE source_id = @source' } : {}) };
}

/**
 * The cohort filter's households, as a temporary table of the connection (in memory: temp_store is
 * MEMORY; household IDs only), filled when the cohort asked for changes. SQLite reads its index in
 * place; a JSON list was parsed into a fresh index by every statement (4–5 ms each, measured with a
 * tenth of 100,000 households), and a page takes up to three statements. Returns the number of
 * this filling, which keeps the views of different cohorts apart in the caches.
 */
const COHORT_TABLE = 'baseline_grid_cohort';
const cohortNumbers = new WeakMap<readonly string[], number>();
let cohortsSeen = 0;
const cohortIn = new WeakMap<Db, number>();
function fillCohort(db: Db, households: readonly string[]): number {
  const n = cohortNumbers.get(households) ?? (cohortNumbers.set(households, ++cohortsSeen), cohortsSeen);
  if (cohortIn.get(db) !== n) {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${COHORT_TABLE}(household_id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.${COHORT_TABLE};`);
    db.prepare(`INSERT OR IGNORE INTO temp.${COHORT_TABLE}(household_id) SELECT value FROM json_each(?)`).run(JSON.stringify(households));
    cohortIn.set(db, n);
  }
  return n;
}

/** The view has this one filter and no other. */
const alone = (f: GridFilters, cohortHouseholds: readonly string[] | null): boolean => Object.values(f).filter((v) => v !== undefined).length + (cohortHouseholds === null ? 0 : 1) === 1;

/**
 * The source filter: when the source's few rows lead, their list from the source table; otherwise
 * the source's bit, which every sort index holds (or, past 62 sources, a lookup per row in the
 * source table). The list leads only when the source is the view's only filter: beside an LSOA,
 * the planner drove a small view from a common source's list and read every row of the source.
 */
function sourceTest(table: 'baseline_person' | 'baseline_household', sourceId: number, drivenByFilter: boolean, params: Where['params']): string {
  params.source = sourceId;
  if (drivenByFilter) return `id IN (SELECT id FROM ${table}_source WHERE source_id = @source)`;
  if (sourceId <= SOURCE_BITS_MAX) {
    params.sourceBit = 1n << BigInt(sourceId);
    return '(source_bits & @sourceBit) != 0';
  }
  return `EXISTS (SELECT 1 FROM ${table}_source s WHERE s.source_id = @source AND s.id = ${table}.id)`;
}


interface Samples {
  marks: Cursor[];
  /** the walk reached the view's end */
  done: boolean;
}

/** Counts and bookmarks of the views asked for, per connection, while the baseline is unchanged. */
interface ViewCache {
  version: string;
  counts: Map<string, number>;
  /** page starts each view has shown */
  bookmarks: Map<string, Map<number, Cursor>>;
  /** a view's own bookmarks, from either end: its rows at positions 0, every, 2·every… (as far as walked) */
  samples: Map<string, Samples>;
  /** a listed view's row IDs, in its order */
  lists: Map<string, Int32Array>;
  /** the bookmarks' counts of a filter or pair along a sort, as read for a jump */
  counted: Map<string, CountedMarks | null>;
}
const caches = new WeakMap<Db, ViewCache>();
const VIEWS_KEPT = 16;
/** Page ends kept per view (a long scroll would otherwise keep one per page). */
const MARKS_KEPT = 2_000;

function viewCache(db: Db, version: string): ViewCache {
  const hit = caches.get(db);
  if (hit && hit.version === version) return hit;
  const fresh: ViewCache = { version, counts: new Map(), bookmarks: new Map(), samples: new Map(), lists: new Map(), counted: new Map() };
  caches.set(db, fresh);
  return fresh;
}

function remember<K, V>(map: Map<K, V>, k: K, v: V, kept = VIEWS_KEPT): V {
  if (map.size >= kept && !map.has(k)) map.delete(map.keys().next().value as K);
  map.set(k, v);
  return v;
}

export interface PageQuery {
  columns: string;
  table: Table;
  where: (drivenByFilter: boolean) => Where;
  sort: GridRequest['sort'];
  startRow: number;
  endRow: number;
  after: string | undefined;
  /** the baseline's version (the index key): caches are dropped when it moves */
  version: string;
  /** the view's filters as the build counts them (see countedFilterKey), or null */
  filterKey?: string | null;
  /** the date the view's age bands are on */
  filterAsOf?: string;
}

/**
 * The key the bookmarks count a people view's filters under, when they count it: one single filter
 * (a source, an age band, a flag, an IMD decile) or two of different kinds, named in that order and
 * joined with '&' ('' for no filter). Null for any other view (an LSOA, text, a cohort, three filters).
 */
export function countedFilterKey(f: GridFilters, asOf: string, cohortHouseholds: readonly string[] | null): string | null {
  const used = Object.values(f).filter((v) => v !== undefined).length;
  if (cohortHouseholds !== null || f.lsoa !== undefined || f.text !== undefined) return null;
  const parts: string[] = [];
  if (f.ageBand !== undefined) parts.push(`a:${f.ageBand}:${asOf}`);
  if (f.sourceId !== undefined) {
    if (f.sourceId > SOURCE_BITS_MAX) return null;
    parts.push(`s:${f.sourceId}`);
  }
  if (f.flag !== undefined) parts.push(`f:${f.flag}`);
  if (f.imdDecile !== undefined) parts.push(`d:${f.imdDecile}`);
  return parts.length === used && parts.length <= 2 ? parts.join('&') : null;
}

/** The key the build counts a households view under: unfiltered, or a source alone. */
function householdCountKey(f: GridFilters, cohortHouseholds: readonly string[] | null): string | null {
  const used = Object.values(f).filter((v) => v !== undefined).length;
  if (cohortHouseholds !== null) return null;
  if (used === 0) return '';
  return used === 1 && f.sourceId !== undefined ? `s:${f.sourceId}` : null;
}

/** The SQL of one view: its filter, its order and the direction the keyset compares. */
function plan(q: PageQuery, w: Where, drivenByFilter: boolean): ViewPlan {
  const first = q.sort.find((s) => q.table.sorts[s.colId] || s.colId === q.table.idColumn);
  const sortKey = first ? q.table.sorts[first.colId] : undefined;
  // age sorts the opposite way to date of birth
  const desc = first ? (first.colId === 'age' ? first.sort === 'asc' : first.sort === 'desc') : false;
  const dir = desc ? 'DESC' : 'ASC';
  const keyExpr = sortKey ? sortKey.expr : 'NULL';
  // a filter picking few rows leads; otherwise the sort's index is walked and the filter tested per row
  const from = drivenByFilter ? q.table.name : `${q.table.name} INDEXED BY ${sortKey?.index ?? q.table.idIndex}`;
  // "+" keeps the planner from walking the sort index when the filter is to lead
  const order = sortKey ? `${drivenByFilter ? '+' : ''}${sortKey.expr} ${dir}, id ${dir}` : `id ${dir}`;
  return { from, where: w.sql, order, keyExpr, lead: drivenByFilter ? '+' : '', cmp: desc ? '<' : '>' };
}

function encode(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}
function decode(s: string): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(c) && c.length === 2 && Number.isInteger(c[1]) && (c[0] === null || typeof c[0] === 'string' || typeof c[0] === 'number')) return c as Cursor;
  } catch {
    // a malformed cursor is treated as none: the page is found by its position
  }
  return null;
}

/**
 * The page cache of a connection the grids read through, in KiB. A sort index holds about 14 MB at
 * 300,000 people; SQLite's default cache (16 MB) held about one, so every count and walk in another
 * view decrypted its index's pages again (two thirds of a walk's time, measured). Raised when a grid
 * is first read, not when the store opens: a linkage run reading a million records never pays for it.
 */
const GRID_CACHE_KIB = 256 * 1024;
const widened = new WeakSet<Db>();
function widenCache(db: Db): void {
  if (widened.has(db)) return;
  const now = db.pragma('cache_size', { simple: true }) as number;
  // negative: KiB; positive: pages
  const kib = now < 0 ? -now : (now * (db.pragma('page_size', { simple: true }) as number)) / 1024;
  if (kib < GRID_CACHE_KIB) db.pragma(`cache_size = -${GRID_CACHE_KIB}`);
  widened.add(db);
}

/** One page of a view by keyset: the rows after `cursor` (or from the top), in the view's order. */
export function pageRows<R>(db: Db, q: PageQuery): GridPage<R> {
  widenCache(db);
  const cache = viewCache(db, q.version);
  const walked = q.where(false);
  const viewKey = `${q.table.name}|${JSON.stringify(walked.params, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}|${walked.sql}|${walked.key ?? ''}`;
  const whereSql = walked.sql ? `WHERE ${walked.sql}` : '';
  if (walked.listed) return listedPage<R>(db, q, walked, cache, viewKey);
  // the count the build wrote for the view (while it still holds), else the view's own, kept
  const kept = q.filterKey != null ? keptViewCount(db, q.table.name, q.filterKey) : undefined;
  const lastRow =
    cache.counts.get(viewKey) ??
    remember(cache.counts, viewKey, kept ?? (db.prepare(walked.count ?? `SELECT count(*) AS n FROM ${q.table.name} ${whereSql}`).get(walked.params) as { n: number }).n);
  const drivenByFilter = walked.sql !== '' && lastRow < gridTuning.filterDrivesBelow;
  const where = drivenByFilter ? q.where(true) : walked;
  const p = plan(q, where, drivenByFilter);
  const sortKey = `${viewKey}|${p.order}`;
  const limit = Math.max(0, Math.min(q.endRow - q.startRow, PAGE_MAX));
  const marks = cache.bookmarks.get(sortKey) ?? remember(cache.bookmarks, sortKey, new Map<number, Cursor>());

  let cursor: Cursor | null = q.after ? decode(q.after) : null;
  if (cursor === null && q.startRow > 0) {
    // a jump: the row before the page. Unfiltered, from the bookmarks written with the baseline;
    // with one or two counted filters, from the counts kept with them; otherwise from the view's own
    // bookmarks. Then a step of fewer than BOOKMARK_EVERY entries along the sort index in SQLite
    // (it holds the filters' columns, so no row is read). Kept for the view.
    const known = marks.get(q.startRow);
    if (known) cursor = known;
    else if (walked.sql === '') cursor = rowAt(db, q.table.name, sortName(q), p, q.startRow - 1, lastRow);
    else {
      // one or two counted filters (a source, an age band, a flag, a decile): from the counts kept
      // with the bookmarks, while the build's count of the view stands (it goes when they go stale)
      const counted =
        q.table.name === 'baseline_person' && q.filterKey && kept !== undefined
          ? filteredRowAt(db, sortName(q), p, where.params, q.filterKey, q.filterAsOf ?? '', q.startRow - 1, lastRow, cache.counted)
          : undefined;
      cursor = counted === undefined ? sampledRowAt(db, cache, sortKey, p, where.params, q.startRow - 1, lastRow) : counted;
    }
    if (cursor === null) return { rows: [], lastRow, next: null };
    remember(marks, q.startRow, cursor, MARKS_KEPT);
  }
  const rows = rowsAfter<R>(db, p, q.columns, where.params, cursor, limit);
  const last = rows.at(-1);
  const next: Cursor | null = last && rows.length === limit && q.startRow + limit < lastRow ? [last._key, last._id] : null;
  if (next) remember(marks, q.startRow + limit, next, MARKS_KEPT);
  return {
    rows: rows.map(({ _key, _id, ...r }) => r as unknown as R),
    lastRow,
    next: next ? encode(next) : null,
  };
}

/**
 * The row at 0-based `position` of a view the stored bookmarks do not count: from the view's own
 * bookmarks, walked from the end nearer the position (the top, or the bottom in the reversed order)
 * only as far as it, and kept for the view, then a step of fewer than `every` rows.
 */
function sampledRowAt(db: Db, cache: ViewCache, sortKey: string, p: ViewPlan, params: Params, position: number, total: number): Cursor | null {
  if (position < 0 || position >= total) return null;
  const every = gridTuning.sampleEvery;
  // the position counted from the bottom, and the bottom-up bookmark at or below it (read top-down)
  const fromEnd = total - 1 - position;
  const below = Math.ceil(fromEnd / every);
  if (fromEnd < position && below * every <= total - 1) {
    const mark = samplesTo(db, cache, `${sortKey}|${every}|fromBottom`, reversed(p), params, every, below)[below];
    if (mark === undefined) return null;
    const at = total - 1 - below * every;
    return at === position ? mark : stepFrom(db, p, params, mark, position - at);
  }
  const above = Math.floor(position / every);
  const mark = samplesTo(db, cache, `${sortKey}|${every}|fromTop`, p, params, every, above)[above];
  if (mark === undefined) return null;
  const rest = position - above * every;
  return rest === 0 ? mark : stepFrom(db, p, params, mark, rest);
}

/** A view's own bookmarks in the order of `plan`, walked on to at least the `need`-th. */
function samplesTo(db: Db, cache: ViewCache, key: string, plan: ViewPlan, params: Params, every: number, need: number): Cursor[] {
  const s = cache.samples.get(key) ?? remember(cache.samples, key, { marks: [], done: false });
  if (s.done || s.marks.length > need) return s.marks;
  const wanted = need + 1 - s.marks.length;
  const more = sampleView(db, plan, params, every, s.marks.at(-1) ?? null, wanted);
  s.marks.push(...more);
  s.done = more.length < wanted;
  return s.marks;
}

/**
 * A page of a listed view (its filter reads the rows, so neither a count nor a keyset walk is an
 * index read): its row IDs in order, read once by one scan and sort and kept for the view; each
 * page is the rows of its slice of them, found by ID.
 */
function listedPage<R>(db: Db, q: PageQuery, w: Where, cache: ViewCache, viewKey: string): GridPage<R> {
  const p = plan(q, w, true);
  const listKey = `${viewKey}|${p.order}`;
  const ids =
    cache.lists.get(listKey) ?? remember(cache.lists, listKey, Int32Array.from(db.prepare(`SELECT id FROM ${p.from} WHERE ${w.sql} ORDER BY ${p.order}`).pluck().all(w.params) as number[]));
  const start = Math.max(0, q.startRow);
  const slice = ids.subarray(start, Math.min(ids.length, start + Math.max(0, Math.min(q.endRow - q.startRow, PAGE_MAX))));
  const found = db
    .prepare(`SELECT ${q.columns}, ${p.keyExpr} AS _key, id AS _id FROM ${q.table.name} WHERE id IN (SELECT value FROM json_each(@ids))`)
    .all({ ids: JSON.stringify(Array.from(slice)) }) as Array<R & { _key: string | number | null; _id: number }>;
  const byId = new Map(found.map((r) => [r._id, r]));
  const rows = Array.from(slice, (id) => byId.get(id)).filter((r) => r !== undefined);
  const last = rows.at(-1);
  const next = last && start + slice.length < ids.length ? encode([last._key, last._id]) : null;
  return { rows: rows.map(({ _key, _id, ...r }) => r as unknown as R), lastRow: ids.length, next };
}

/** The column a view's bookmarks are kept under: its sort index's first column ('id': the default order). */
function sortName(q: PageQuery): string {
  const first = q.sort.find((s) => q.table.sorts[s.colId] || s.colId === q.table.idColumn);
  return (first && q.table.sorts[first.colId]?.expr) ?? 'id';
}

const PEOPLE_COLUMNS = `person_id AS personId, forename, surname, dob, sex, household_id AS householdId, postcode, lsoa, imd_decile AS imdDecile, records,
  source_ids AS sourceIds, in_review AS review, possible_twin AS twin, no_dob AS noDob`;
type PeopleSqlRow = Omit<PeopleRow, 'age' | 'sources' | 'flags'> & { sourceIds: string; review: number; twin: number; noDob: number };

export function peoplePage(db: Db, req: GridRequest, asOf: string, version: string, cohortHouseholds: readonly string[] | null = null): GridPage<PeopleRow> {
  const cohort = cohortHouseholds === null ? null : fillCohort(db, cohortHouseholds);
  const page = pageRows<PeopleSqlRow>(db, {
    columns: PEOPLE_COLUMNS,
    table: PEOPLE,
    where: (drivenByFilter) => peopleWhere(req.filters, asOf, cohortHouseholds, cohort, drivenByFilter),
    filterKey: countedFilterKey(req.filters, asOf, cohortHouseholds),
    filterAsOf: asOf,
    sort: req.sort,
    startRow: req.startRow,
    endRow: req.endRow,
    after: req.after,
    version,
  });
  return {
    ...page,
    rows: page.rows.map(({ sourceIds, review, twin, noDob, ...r }) => ({
      ...r,
      age: ageOn(r.dob, asOf),
      sources: sourceIds.split(',').filter(Boolean).length,
      flags: [...(review ? (['in-review'] as const) : []), ...(twin ? (['possible-twin'] as const) : []), ...(noDob ? (['no-dob'] as const) : [])],
    })),
  };
}

const HOUSEHOLD_COLUMNS = 'household_id AS householdId, members, adults, children, postcode, address, lsoa, imd_decile AS imdDecile, source_ids AS sourceIds';

export function householdsPage(db: Db, req: GridRequest, version: string, cohortHouseholds: readonly string[] | null = null): GridPage<HouseholdRow> {
  const cohort = cohortHouseholds === null ? null : fillCohort(db, cohortHouseholds);
  const page = pageRows<Omit<HouseholdRow, 'sources'> & { sourceIds: string }>(db, {
    columns: HOUSEHOLD_COLUMNS,
    table: HOUSEHOLDS,
    where: (drivenByFilter) => householdWhere(req.filters, cohortHouseholds, cohort, drivenByFilter),
    filterKey: householdCountKey(req.filters, cohortHouseholds),
    sort: req.sort,
    startRow: req.startRow,
    endRow: req.endRow,
    after: req.after,
    version,
  });
  return { ...page, rows: page.rows.map(({ sourceIds, ...r }) => ({ ...r, sources: sourceIds.split(',').filter(Boolean).length })) };
}
