// The population frame outcomes are counted over: the latest linkage Run's persons, their
// households, and where each household lived over time. A household's address history is read
// from its members' records — each record's postcode placed on an LSOA by the imported
// postcode lookup, dated by the record's event date, else its Source's as-of date. A household
// lives at date t in the LSOA of its latest placed record dated on or before t (before its first
// record: that record's LSOA). Loaded once per question and shared by every indicator; dates are
// kept as YYYYMMDD numbers (read from the ISO text digit by digit) so ages cost a subtraction
// (see ageAt) and histories are typed arrays, not an array per household.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Vintage } from '../geo/releases.js';
import { baselineRecords } from '../snapshot/baseline-read.js';
import type { Db } from '../store/database.js';

export interface Frame {
  run: number;
  vintage: Vintage;
  lsoaCodes: string[];
  lsoaIndex: Map<string, number>;
  persons: number;
  /** Per record id: its person index + 1 in the latest Run (0: not in it). */
  personOfRecord: Int32Array;
  /** Per person: household index, and date of birth as YYYYMMDD (0 unknown). */
  householdOf: Int32Array;
  dob: Int32Array;
  /**
   * Per household h: its address history, entries historyStart[h] .. historyStart[h+1] of
   * historyDate (YYYYMMDD, ascending) and historyLsoa (the LSOA index from that date).
   */
  historyStart: Int32Array;
  historyDate: Int32Array;
  historyLsoa: Int32Array;
  unplacedHouseholds: number;
  /** Where every household lived on a date, worked out once per date and shared by indicators. */
  placedOn: Map<string, Int32Array>;
  /** Memoised per-LSOA denominators by age band and date. */
  denominatorsOn: Map<string, Float64Array>;
}

/** The postcode lookup vintage outcomes are placed on: 2021 when imported, else the latest. */
export function frameVintage(db: Db): Vintage | null {
  const row = db.prepare('SELECT max(vintage) AS v FROM postcode_lsoa').get() as { v: Vintage | null };
  return row.v;
}

/** An ISO date (YYYY-MM-DD…) as the number YYYYMMDD, read digit by digit (no substrings: it runs for every record). */
export const dateNumber = (iso: string): number =>
  (iso.charCodeAt(0) - 48) * 10_000_000 +
  (iso.charCodeAt(1) - 48) * 1_000_000 +
  (iso.charCodeAt(2) - 48) * 100_000 +
  (iso.charCodeAt(3) - 48) * 10_000 +
  (iso.charCodeAt(5) - 48) * 1_000 +
  (iso.charCodeAt(6) - 48) * 100 +
  (iso.charCodeAt(8) - 48) * 10 +
  (iso.charCodeAt(9) - 48);

/** Whole years of age on a YYYYMMDD date, or -1 without a date of birth. */
export const ageAt = (dob: number, date: number): number => (dob === 0 ? -1 : Math.floor((date - dob) / 10000));

export const NO_LOOKUP =
  'No postcode → LSOA lookup has been imported, so households cannot be placed in areas and no area\'s rates can be counted. ' +
  'Import the ONS Postcode Directory or the National Statistics Postcode Lookup (ONSPD or NSPL; any CSV with a postcode column such as pcds and an LSOA column such as lsoa21cd) with `lookup import FILE` or on the Areas & IMD page, then ask again.';

export function loadFrame(db: Db): Frame {
  // The records as the shared read has them (one read when a board pack also evaluates cohorts).
  const { run, rows } = baselineRecords(db);
  if (run === null) throw new WorkbenchError('bad-input', 'Nothing has been linked yet: run matching first, so outcomes can be counted per person and household.');
  const vintage = frameVintage(db);
  // Records carry postcodes, not areas: without a lookup nobody can be placed in an area (or an
  // LSOA's population), so there is no rate to give — say exactly what would give one.
  if (vintage === null) throw new WorkbenchError('bad-input', NO_LOOKUP);
  const lsoaOfPostcode = new Map<string, number>();
  const lsoaCodes: string[] = [];
  const lsoaIndex = new Map<string, number>();
  for (const [postcode, lsoa] of db.prepare('SELECT postcode, lsoa FROM postcode_lsoa WHERE vintage = ?').raw().all(vintage) as Array<[string, string]>) {
    let i = lsoaIndex.get(lsoa);
    if (i === undefined) {
      i = lsoaCodes.length;
      lsoaCodes.push(lsoa);
      lsoaIndex.set(lsoa, i);
    }
    lsoaOfPostcode.set(postcode, i);
  }
  const maxRecord = rows.at(-1)?.[0] ?? 0;
  const personOfRecord = new Int32Array(maxRecord + 1);
  const personIndex = new Map<string, number>();
  const householdIndex = new Map<string, number>();
  const householdOfList: number[] = [];
  const dobList: number[] = [];
  // Placed records as three parallel columns (household, date, LSOA): no object per record.
  const pointHousehold: number[] = [];
  const pointDate: number[] = [];
  const pointLsoa: number[] = [];
  for (const [record, birth, pc, d, p, h] of rows) {
    if (p === null || h === null) continue;
    let hi = householdIndex.get(h);
    if (hi === undefined) {
      hi = householdIndex.size;
      householdIndex.set(h, hi);
    }
    let pi = personIndex.get(p);
    const b = birth ? dateNumber(birth) : 0;
    if (pi === undefined) {
      pi = householdOfList.length;
      personIndex.set(p, pi);
      householdOfList.push(hi);
      dobList.push(b);
    } else if (b !== 0 && (dobList[pi] === 0 || b < (dobList[pi] as number))) dobList[pi] = b;
    personOfRecord[record] = pi + 1;
    if (pc) {
      const l = lsoaOfPostcode.get(pc);
      if (l !== undefined) {
        pointHousehold.push(hi);
        pointDate.push(dateNumber(d));
        pointLsoa.push(l);
      }
    }
  }
  const history = addressHistories(householdIndex.size, pointHousehold, pointDate, pointLsoa);
  return {
    run,
    vintage,
    lsoaCodes,
    lsoaIndex,
    persons: householdOfList.length,
    personOfRecord,
    householdOf: Int32Array.from(householdOfList),
    dob: Int32Array.from(dobList),
    ...history,
    placedOn: new Map(),
    denominatorsOn: new Map(),
  };
}

/** Each household's points in date order (then LSOA), keeping the changes of address only: consecutive points in one LSOA are one stay. */
function addressHistories(households: number, house: number[], date: number[], lsoa: number[]): Pick<Frame, 'historyStart' | 'historyDate' | 'historyLsoa' | 'unplacedHouseholds'> {
  // Group the points by household (a counting sort), then order each household's few points.
  const start = new Int32Array(households + 1);
  for (const h of house) start[h + 1]!++;
  for (let h = 0; h < households; h++) start[h + 1]! += start[h]!;
  const order = new Int32Array(house.length);
  const fill = start.slice(0, households);
  house.forEach((h, i) => {
    order[fill[h]!++] = i;
  });
  const before = (i: number, j: number): boolean => (date[i] as number) < (date[j] as number) || (date[i] === date[j] && (lsoa[i] as number) < (lsoa[j] as number));
  const historyStart = new Int32Array(households + 1);
  const historyDate = new Int32Array(house.length);
  const historyLsoa = new Int32Array(house.length);
  let n = 0;
  let unplaced = 0;
  for (let h = 0; h < households; h++) {
    const from = start[h]!;
    const to = start[h + 1]!;
    for (let k = from + 1; k < to; k++) {
      const v = order[k]!;
      let m = k - 1;
      while (m >= from && before(v, order[m]!)) {
        order[m + 1] = order[m]!;
        m--;
      }
      order[m + 1] = v;
    }
    const first = n;
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      if (n > first && historyLsoa[n - 1] === lsoa[i]) continue;
      historyDate[n] = date[i]!;
      historyLsoa[n] = lsoa[i]!;
      n++;
    }
    if (n === first) unplaced++;
    historyStart[h + 1] = n;
  }
  return { historyStart, historyDate: historyDate.slice(0, n), historyLsoa: historyLsoa.slice(0, n), unplacedHouseholds: unplaced };
}

/** The LSOA index a household lived in on `date` (YYYYMMDD), or -1 when none of its records is placed. */
function lsoaOn(frame: Frame, household: number, date: number): number {
  const from = frame.historyStart[household]!;
  const to = frame.historyStart[household + 1]!;
  if (from === to) return -1;
  let at = frame.historyLsoa[from]!;
  for (let i = from + 1; i < to && frame.historyDate[i]! <= date; i++) at = frame.historyLsoa[i]!;
  return at;
}

/** The LSOA index a household lived in on `date`, or -1 when none of its records is placed. */
export function lsoaAt(frame: Frame, household: number, date: string): number {
  return lsoaOn(frame, household, dateNumber(date));
}

/** Per household, the LSOA index it lived in on `date` (-1: not placed); memoised on the frame. */
export function householdsOn(frame: Frame, date: string): Int32Array {
  let at = frame.placedOn.get(date);
  if (!at) {
    at = new Int32Array(frame.historyStart.length - 1);
    const d = dateNumber(date);
    for (let h = 0; h < at.length; h++) at[h] = lsoaOn(frame, h, d);
    frame.placedOn.set(date, at);
  }
  return at;
}

/** Whether an age fits a band (no band: everyone; a band and no date of birth: no). */
export function inBand(age: number, min: number | undefined, max: number | undefined): boolean {
  if (min === undefined && max === undefined) return true;
  if (age < 0) return false;
  return (min === undefined || age >= min) && (max === undefined || age <= max);
}

/** Persons per LSOA living there on `date` in an age band; memoised on the frame. */
export function residentsOn(frame: Frame, date: string, band: readonly [number, number] | null): Float64Array {
  const key = `${date}|${band ? band.join('-') : 'all'}`;
  let out = frame.denominatorsOn.get(key);
  if (!out) {
    out = new Float64Array(frame.lsoaCodes.length);
    const placed = householdsOn(frame, date);
    const d = dateNumber(date);
    for (let person = 0; person < frame.persons; person++) {
      if (band && !inBand(ageAt(frame.dob[person] as number, d), band[0], band[1])) continue;
      const l = placed[frame.householdOf[person] as number] as number;
      if (l >= 0) out[l] = (out[l] as number) + 1;
    }
    frame.denominatorsOn.set(key, out);
  }
  return out;
}
