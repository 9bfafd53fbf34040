// The people and households grids: pages of the baseline tables, filtered and sorted in SQL, so
// the grid scrolls tens of thousands of rows with one small query per page.
import type { HouseholdRow, PeopleRow } from '../../../shared/ipc/channels/baseline.js';
import type { Db } from '../store/database.js';
import { ageOn } from './index-build.js';

export type AgeBand = '0-4' | '5-10' | '11-15' | '16-17' | '18-24' | '25-64' | '65+' | 'unknown';
export interface GridRequest {
  startRow: number;
  endRow: number;
  sort: ReadonlyArray<{ colId: string; sort: 'asc' | 'desc' }>;
  filters: { lsoa?: string | undefined; sourceId?: number | undefined; ageBand?: AgeBand | undefined; flag?: 'in-review' | 'possible-twin' | 'no-dob' | undefined; text?: string | undefined };
}

const PAGE_MAX = 500;
const PEOPLE_SORT: Record<string, string> = {
  personId: 'person_id',
  forename: 'forename',
  surname: 'surname',
  dob: 'dob',
  age: 'dob',
  sex: 'sex',
  householdId: 'household_id',
  postcode: 'postcode',
  lsoa: 'lsoa',
  records: 'records',
};
const HOUSEHOLD_SORT: Record<string, string> = {
  householdId: 'household_id',
  members: 'members',
  adults: 'adults',
  children: 'children',
  postcode: 'postcode',
  address: 'address',
  lsoa: 'lsoa',
};

const BANDS: Record<Exclude<AgeBand, 'unknown'>, [number, number]> = {
  '0-4': [0, 4],
  '5-10': [5, 10],
  '11-15': [11, 15],
  '16-17': [16, 17],
  '18-24': [18, 24],
  '25-64': [25, 64],
  '65+': [65, 200],
};

/** The date `years` before the ISO date `on`. */
const yearsBefore = (on: string, years: number): string => `${String(Number(on.slice(0, 4)) - years).padStart(4, '0')}${on.slice(4)}`;

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function order(sort: GridRequest['sort'], columns: Record<string, string>, key: string): string {
  const parts = sort.filter((s) => columns[s.colId]).map((s) => {
    // age sorts the opposite way to date of birth
    const desc = s.colId === 'age' ? s.sort === 'asc' : s.sort === 'desc';
    return `${columns[s.colId]} ${desc ? 'DESC' : 'ASC'}`;
  });
  return [...parts, `${key} ASC`].join(', ');
}

export function peoplePage(db: Db, req: GridRequest, asOf: string): { rows: PeopleRow[]; lastRow: number } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  const f = req.filters;
  if (f.lsoa) {
    where.push('lsoa = @lsoa');
    params.lsoa = f.lsoa;
  }
  if (f.sourceId !== undefined) {
    where.push("instr(source_ids, @source) > 0");
    params.source = `,${f.sourceId},`;
  }
  if (f.ageBand === 'unknown') where.push('dob IS NULL');
  else if (f.ageBand) {
    const [lo, hi] = BANDS[f.ageBand];
    where.push('dob > @dobFrom AND dob <= @dobTo');
    params.dobFrom = yearsBefore(asOf, hi + 1);
    params.dobTo = yearsBefore(asOf, lo);
  }
  if (f.flag === 'in-review') where.push('in_review = 1');
  if (f.flag === 'possible-twin') where.push('possible_twin = 1');
  if (f.flag === 'no-dob') where.push('no_dob = 1');
  if (f.text) {
    where.push("(forename LIKE @text ESCAPE '\\' OR surname LIKE @text ESCAPE '\\' OR postcode LIKE @text ESCAPE '\\' OR person_id LIKE @text ESCAPE '\\')");
    params.text = `%${escapeLike(f.text)}%`;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = Math.max(0, Math.min(req.endRow - req.startRow, PAGE_MAX));
  const rows = db
    .prepare(
      `SELECT person_id AS personId, forename, surname, dob, sex, household_id AS householdId, postcode, lsoa, records, source_ids AS sourceIds,
              in_review AS review, possible_twin AS twin, no_dob AS noDob
       FROM baseline_person ${whereSql} ORDER BY ${order(req.sort, PEOPLE_SORT, 'person_id')} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit, offset: req.startRow }) as Array<Omit<PeopleRow, 'age' | 'sources' | 'flags'> & { sourceIds: string; review: number; twin: number; noDob: number }>;
  const lastRow = (db.prepare(`SELECT count(*) AS n FROM baseline_person ${whereSql}`).get(params) as { n: number }).n;
  return {
    rows: rows.map(({ sourceIds, review, twin, noDob, ...r }) => ({
      ...r,
      age: ageOn(r.dob, asOf),
      sources: sourceIds.split(',').filter(Boolean).length,
      flags: [...(review ? (['in-review'] as const) : []), ...(twin ? (['possible-twin'] as const) : []), ...(noDob ? (['no-dob'] as const) : [])],
    })),
    lastRow,
  };
}

export function householdsPage(db: Db, req: GridRequest): { rows: HouseholdRow[]; lastRow: number } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  const f = req.filters;
  if (f.lsoa) {
    where.push('lsoa = @lsoa');
    params.lsoa = f.lsoa;
  }
  if (f.sourceId !== undefined) {
    where.push('instr(source_ids, @source) > 0');
    params.source = `,${f.sourceId},`;
  }
  if (f.flag) {
    const column = f.flag === 'in-review' ? 'in_review' : f.flag === 'possible-twin' ? 'possible_twin' : 'no_dob';
    where.push(`household_id IN (SELECT household_id FROM baseline_person WHERE ${column} = 1)`);
  }
  if (f.text) {
    where.push("(address LIKE @text ESCAPE '\\' OR postcode LIKE @text ESCAPE '\\' OR household_id LIKE @text ESCAPE '\\')");
    params.text = `%${escapeLike(f.text)}%`;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = Math.max(0, Math.min(req.endRow - req.startRow, PAGE_MAX));
  const rows = db
    .prepare(
      `SELECT household_id AS householdId, members, adults, children, postcode, address, lsoa, source_ids AS sourceIds
       FROM baseline_household ${whereSql} ORDER BY ${order(req.sort, HOUSEHOLD_SORT, 'household_id')} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit, offset: req.startRow }) as Array<Omit<HouseholdRow, 'sources'> & { sourceIds: string }>;
  const lastRow = (db.prepare(`SELECT count(*) AS n FROM baseline_household ${whereSql}`).get(params) as { n: number }).n;
  return { rows: rows.map(({ sourceIds, ...r }) => ({ ...r, sources: sourceIds.split(',').filter(Boolean).length })), lastRow };
}
