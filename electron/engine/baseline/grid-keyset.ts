// Keyset steps along one grid view's order: the rows after a cursor (sort key, row ID) as up to
// three index seeks, and the row so many places after a cursor. Shared by the grid's pages and
// by the bookmarks written when the baseline is built, so both walk the one order.
import type { Db } from '../store/database.js';

export type Cursor = [key: string | number | null, id: number];
export type Params = Record<string, string | number | bigint | null>;

/** The SQL of one view: its rows, their order, and the direction the keyset compares. */
export interface ViewPlan {
  /** the table, with the index to walk */
  from: string;
  /** the view's filter (may be empty) */
  where: string;
  order: string;
  /** the sort column ('NULL' for the ID order) */
  keyExpr: string;
  /** '+' when a filter leads, so the planner does not walk the sort index */
  lead: string;
  cmp: '>' | '<';
}

/**
 * The rows after `cursor` (all rows for null) as index seeks in order: the rest of the cursor's
 * key (by ID), the keys after it, and the rows without a value (SQLite puts NULL first going up,
 * last going down).
 */
export function segmentsAfter(p: ViewPlan, cursor: Cursor | null): Array<[where: string, order: string]> {
  const dir = p.cmp === '<' ? 'DESC' : 'ASC';
  const col = `${p.lead}${p.keyExpr}`;
  if (cursor === null) return [['', p.order]];
  if (p.keyExpr === 'NULL') return [[`id ${p.cmp} @afterId`, p.order]];
  if (cursor[0] === null) {
    const segments: Array<[string, string]> = [[`${col} IS NULL AND id ${p.cmp} @afterId`, `id ${dir}`]];
    if (dir === 'ASC') segments.push([`${col} IS NOT NULL`, p.order]);
    return segments;
  }
  const segments: Array<[string, string]> = [
    [`${col} = @afterKey AND id ${p.cmp} @afterId`, `id ${dir}`],
    [`${col} ${p.cmp} @afterKey`, p.order],
  ];
  if (dir === 'DESC') segments.push([`${col} IS NULL`, `id ${dir}`]);
  return segments;
}

export const seekParams = (cursor: Cursor | null): Params => (cursor === null ? {} : { afterKey: cursor[0], afterId: cursor[1] });

const whereOf = (p: ViewPlan, extra: string): string => {
  const conditions = [p.where, extra].filter(Boolean).join(' AND ');
  return conditions ? `WHERE ${conditions}` : '';
};

/**
 * The row `steps` places after `cursor` (from the top when null; steps ≥ 1), or null past the
 * view's end: SQLite skips along the sort's index (which holds the filters' columns, so no row
 * is read), one segment at a time.
 */
export function stepFrom(db: Db, p: ViewPlan, params: Params, cursor: Cursor | null, steps: number): Cursor | null {
  let left = steps;
  for (const [extra, order] of segmentsAfter(p, cursor)) {
    const where = whereOf(p, extra);
    const bound = { ...params, ...seekParams(cursor) };
    const row = db
      .prepare(`SELECT ${p.keyExpr} AS k, id FROM ${p.from} ${where} ORDER BY ${order} LIMIT 1 OFFSET @skip`)
      .raw(true)
      .get({ ...bound, skip: left - 1 }) as [string | number | null, number] | undefined;
    if (row) return [row[0], row[1]];
    // this segment ends first: go on past its rows into the next
    left -= db.prepare(`SELECT count(*) FROM (SELECT 1 FROM ${p.from} ${where} LIMIT @left)`).pluck().get({ ...bound, left }) as number;
  }
  return null;
}

/** Up to `limit` rows after `cursor`, with their sort key and ID for the next cursor. */
export function rowsAfter<R>(db: Db, p: ViewPlan, columns: string, params: Params, cursor: Cursor | null, limit: number): Array<R & { _key: string | number | null; _id: number }> {
  let rows: Array<R & { _key: string | number | null; _id: number }> = [];
  for (const [extra, order] of segmentsAfter(p, cursor)) {
    if (rows.length >= limit) break;
    const found = db
      .prepare(`SELECT ${columns}, ${p.keyExpr} AS _key, id AS _id FROM ${p.from} ${whereOf(p, extra)} ORDER BY ${order} LIMIT @limit`)
      .all({ ...params, ...seekParams(cursor), limit: limit - rows.length }) as Array<R & { _key: string | number | null; _id: number }>;
    rows = [...rows, ...found];
  }
  return rows;
}

/** Rows the sampling function has counted in the walk under way (a walk runs to its end before another starts: one thread). */
let sampled = 0;
const sampling = new WeakSet<Db>();

/**
 * Up to `limit` rows of a view, one in every `every`: from the top (`after` null) the rows at
 * positions 0, every, 2·every…; after a cursor, the rows every, 2·every… places after it. One walk
 * of the view's order inside SQLite, stopping at the last row wanted: a function counts the rows as
 * they come out of the ordered walk and lets through one in `every`, so only those cross into
 * JavaScript (each row crossing cost three times the walk itself). The ordered walk is a subquery
 * with a LIMIT, so SQLite neither flattens it nor pushes the sampling test into it: the function
 * sees exactly the view's rows, in order.
 */
export function sampleView(db: Db, p: ViewPlan, params: Params, every: number, after: Cursor | null, limit: number): Cursor[] {
  if (!sampling.has(db)) {
    db.function('baseline_grid_sample', { deterministic: false }, (n: unknown) => (sampled++ % Number(n) === 0 ? 1 : 0));
    sampling.add(db);
  }
  // from the top the first row is wanted; after a cursor, the every-th row after it
  sampled = after === null ? 0 : 1;
  const marks: Cursor[] = [];
  for (const [extra, order] of segmentsAfter(p, after)) {
    if (marks.length >= limit) break;
    const found = db
      .prepare(`SELECT k, id FROM (SELECT ${p.keyExpr} AS k, id FROM ${p.from} ${whereOf(p, extra)} ORDER BY ${order} LIMIT -1) WHERE baseline_grid_sample(@every) LIMIT @limit`)
      .raw(true)
      .all({ ...params, ...seekParams(after), every, limit: limit - marks.length }) as Cursor[];
    marks.push(...found);
  }
  return marks;
}

/** The same view in the opposite order (SQLite's NULLs go first going up, last going down, so they reverse too). */
export function reversed(p: ViewPlan): ViewPlan {
  return { ...p, order: p.order.replace(/\b(ASC|DESC)\b/g, (d) => (d === 'ASC' ? 'DESC' : 'ASC')), cmp: p.cmp === '>' ? '<' : '>' };
}
