// Bookmarks along each grid sort (migration 0210): the (sort key, row ID) of every BOOKMARK_EVERY-th
// row of the unfiltered view, going up. Written when the baseline tables are built, cleared when
// they go stale, so a jump to any depth of an unfiltered view is a seek to the nearest bookmark
// and a step of fewer than BOOKMARK_EVERY index entries: going down, the order is the same one
// reversed (sort key, then ID, both descending), so one set of bookmarks serves both directions.
import type { Db } from '../store/database.js';
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

/** Writes the bookmarks of every sort (inside the build's transaction, after the indexes). */
export function writeBookmarks(db: Db, every = BOOKMARK_EVERY): number {
  db.exec('DELETE FROM baseline_bookmark');
  const insert = db.prepare('INSERT INTO baseline_bookmark(grid, sort, position, key, id) VALUES (?, ?, ?, ?, ?)');
  let written = 0;
  for (const { grid, sort, index } of sortIndexes(db)) {
    const plan = ascending(grid, sort, index);
    let cursor = stepFrom(db, plan, {}, null, 1);
    for (let position = 0; cursor !== null; position += every) {
      insert.run(grid, sort, position, cursor[0], cursor[1]);
      written++;
      cursor = stepFrom(db, plan, {}, cursor, every);
    }
  }
  return written;
}

/** Stale baseline tables keep no bookmarks (they may hold an erased person's sort key). */
export function clearBookmarks(db: Db): void {
  db.exec('DELETE FROM baseline_bookmark');
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
