// A year of birth given alone. A burial register gives an age, a census "c. 1790", a partner
// extract "Mar 1802": the importer keeps such a year in record.dob_year (never inventing a month
// or a day), and here it becomes evidence; so does an age at the row's event where the date of
// birth is blank (`birthFromAge`, at load). The year a record has — that of its full date, else
// the year given alone — is derived once (`birthYears`), and read by the date-of-birth comparison
// (`yearOnlyLevel`, where either side has no full date) and by the blocking keys on the year.
import { yearsTransposed, type CompiledComparison } from './compare.js';
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
 * What an age in years on a day (ISO) says of a birth: the last day it can have been on (the day,
 * that many years back; ISO) and the year of birth it most likely gives (that day's year, one less
 * when the day falls in the first half of its year: the birthday is then more likely still to
 * come). Null for an age that is not a whole number up to 130, or no day. A police extract's age
 * at the occurrence, on a row whose date of birth was left blank, tells a child from the parent
 * of the same name.
 */
export function birthFromAge(age: number | null, on: string | null): { bornBy: string; year: number } | null {
  if (age === null || !Number.isInteger(age) || age < 0 || age > 130 || !on || !/^\d{4}-\d{2}-\d{2}/.test(on)) return null;
  const year = Number(on.slice(0, 4)) - age;
  const month = Number(on.slice(5, 7));
  if (year < 1000 || !(month >= 1 && month <= 12)) return null;
  // 29 February in a year without one is the 28th
  const day = Math.min(Number(on.slice(8, 10)), new Date(Date.UTC(year, month, 0)).getUTCDate());
  return { bornBy: `${String(year).padStart(4, '0')}-${on.slice(5, 7)}-${String(day).padStart(2, '0')}`, year: year - (month <= 6 ? 1 : 0) };
}

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

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1000, 0, 1);

/** An ISO date (yyyy-mm-dd…) as days since 1 January 1000, as prepared dates of birth are; −1 when it is not one. */
export function daysOf(iso: string | null | undefined): number {
  const t = iso ? Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) : Number.NaN;
  return Number.isFinite(t) ? Math.round((t - EPOCH) / DAY_MS) : -1;
}

/**
 * Per record, the last day (days since 1 January 1000, as prepared dates of birth) an age at an
 * event lets its birth fall on, −1 when it has none; undefined when no record has one (partner
 * data without ages pays nothing).
 */
export function bornByDays(records: readonly LinkRecord[]): Int32Array | undefined {
  const n = records.length;
  let out: Int32Array | undefined;
  for (let i = 0; i < n; i++) {
    const iso = (records[i] as LinkRecord).bornBy;
    if (!iso) continue;
    if (!out) out = (typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(Math.max(4, n * 4))) : new Int32Array(n)).subarray(0, n).fill(-1);
    out[i] = daysOf(iso);
  }
  return out;
}

/** An age's year of birth runs from a year before its last day (exclusive) to that day. */
const AGE_SPAN_DAYS = 366;

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
  // years a keying error of the full date apart (1964 keyed 1946) are no evidence either way
  if (Math.abs(a - b) > TOLERANCE_YEARS && yearsTransposed(a, b)) return 0;
  // an age against a full date: the date inside the age's year is agreement, more than a year
  // outside it a different person, and between the two no evidence, as a year a year out is
  const by = p.bornBy;
  if (by) {
    const wi = by[i] as number;
    const wj = by[j] as number;
    const di = p.dob[i] as number;
    const dj = p.dob[j] as number;
    const window = wi >= 0 && dj >= 0 ? wi : wj >= 0 && di >= 0 ? wj : -1;
    if (window >= 0) {
      const day = wi >= 0 && dj >= 0 ? dj : di;
      if (day <= window && day > window - AGE_SPAN_DAYS) return level;
      return day > window + AGE_SPAN_DAYS || day <= window - 2 * AGE_SPAN_DAYS ? c.levelCount - 1 : 0;
    }
  }
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
