// A year of birth given alone. A burial register gives an age, a census "c. 1790", a partner
// extract "Mar 1802": the importer keeps such a year in record.dob_year (never inventing a month
// or a day), and here it becomes evidence. The year a record has — that of its full date, else
// the year given alone — is derived once (`birthYears`), and read by the date-of-birth comparison
// (`yearOnlyLevel`, where either side has no full date) and by the blocking keys on the year.
import type { CompiledComparison } from './compare.js';
import type { Prepared } from './prepare.js';
import { LEVEL_KINDS } from './spec.js';
import type { LinkRecord } from './types.js';

const YEAR_ONLY = LEVEL_KINDS.indexOf('yearOnly');
/**
 * Years this far apart are within what a year worked out from an age carries (an age at an event
 * before the birthday is one out): no evidence either way, as the full-date levels allow a year apart.
 */
const TOLERANCE_YEARS = 1;

/**
 * Per record, its year of birth (0 when none): the year of its full date (`dob` ≥ 0, `dobY`), else
 * the year given alone. Years before 1000 count as missing, as full dates do.
 */
export function birthYears(records: readonly LinkRecord[], dob: Int32Array, dobY: Int16Array): Int16Array {
  const n = records.length;
  // shared, like the other prepared columns, so comparison workers read it without a copy
  const out = (typeof SharedArrayBuffer === 'function' ? new Int16Array(new SharedArrayBuffer(Math.max(2, n * 2))) : new Int16Array(n)).subarray(0, n);
  for (let i = 0; i < n; i++) {
    if ((dob[i] as number) >= 0) out[i] = dobY[i] as number;
    else {
      const y = (records[i] as LinkRecord).dobYear;
      out[i] = typeof y === 'number' && Number.isInteger(y) && y >= 1000 && y <= 9999 ? y : 0;
    }
  }
  return out;
}

/**
 * The date-of-birth level for records i and j when either lacks a full date: the comparison's
 * "yearOnly" level when both years are known and equal, its "else" level when they differ by more
 * than a year, and "missing" (0) otherwise — also when the comparison has no such level (a model
 * saved before it existed scores as it was trained).
 */
export function yearOnlyLevel(p: Prepared, c: CompiledComparison, i: number, j: number): number {
  const years = p.birthYear;
  if (!years) return 0;
  const a = years[i] as number;
  const b = years[j] as number;
  if (a === 0 || b === 0) return 0;
  let level = -1;
  for (let l = 1; l < c.levelCount; l++) if (c.kinds[l] === YEAR_ONLY) level = l;
  if (level < 0) return 0;
  if (a === b) return level;
  return Math.abs(a - b) <= TOLERANCE_YEARS ? 0 : c.levelCount - 1;
}

/** The year blocking key of record i: its year of birth, −1 when it has none (no month is ever invented). */
export function birthYearKey(p: Pick<Prepared, 'birthYear' | 'dob' | 'dobY'>, i: number): number {
  const y = p.birthYear ? (p.birthYear[i] as number) : (p.dob[i] as number) >= 0 ? (p.dobY[i] as number) : 0;
  return y > 0 ? y : -1;
}

/**
 * Whether records i and j were born at least a generation apart (`days` between full dates;
 * where either has only a year, the years more than `years` apart, so a year given for any day
 * of it still leaves a generation between them). A year alone compared with a day count would
 * read as centuries.
 */
export function generationApart(p: Prepared, i: number, j: number, days: number, years: number): boolean {
  const a = p.dob[i] as number;
  const b = p.dob[j] as number;
  if (a >= 0 && b >= 0) return Math.abs(a - b) >= days;
  const ya = p.birthYear ? (p.birthYear[i] as number) : 0;
  const yb = p.birthYear ? (p.birthYear[j] as number) : 0;
  return ya > 0 && yb > 0 && Math.abs(ya - yb) > years;
}
