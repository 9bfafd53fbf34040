// The population frame outcomes are counted over: the latest linkage Run's persons, their
// households, and where each household lived over time. A household's address history is read
// from its members' records — each record's postcode placed on an LSOA by the imported
// postcode lookup, dated by the record's event date, else its Source's as-of date. A household
// lives at date t in the LSOA of its latest placed record dated on or before t (before its first
// record: that record's LSOA). Loaded once per question and shared by every indicator; dates of
// birth are kept as YYYYMMDD numbers so ages cost a subtraction (see ageAt).
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Vintage } from '../geo/releases.js';
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
  /** Per household: address history, dates ascending with the LSOA index at each. */
  historyDates: string[][];
  historyLsoas: number[][];
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

export const dateNumber = (iso: string): number => Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));

/** Whole years of age on a YYYYMMDD date, or -1 without a date of birth. */
export const ageAt = (dob: number, date: number): number => (dob === 0 ? -1 : Math.floor((date - dob) / 10000));

export const NO_LOOKUP =
  'No postcode → LSOA lookup has been imported, so households cannot be placed in areas and no area\'s rates can be counted. ' +
  'Import the ONS Postcode Directory or the National Statistics Postcode Lookup (ONSPD or NSPL; any CSV with a postcode column such as pcds and an LSOA column such as lsoa21cd) with `lookup import FILE` or on the Areas & IMD page, then ask again.';

export function loadFrame(db: Db): Frame {
  const run = (db.prepare('SELECT max(id) AS id FROM link_run').get() as { id: number | null }).id;
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
  const maxRecord = (db.prepare('SELECT max(id) AS m FROM record').get() as { m: number | null }).m ?? 0;
  const personOfRecord = new Int32Array(maxRecord + 1);
  const personIndex = new Map<string, number>();
  const householdIndex = new Map<string, number>();
  const householdOfList: number[] = [];
  const dobList: number[] = [];
  const points: Array<Array<[string, number]>> = [];
  const rows = db
    .prepare(
      // CROSS JOIN keeps this order: every step is a primary-key lookup (run_record_person has
      // no index by person, so starting from households would scan it per person).
      `SELECT rp.record_id, rp.person_id, h.household_id, r.dob, r.postcode, coalesce(r.event_date, s.as_of)
       FROM run_record_person rp
       CROSS JOIN run_person_household h ON h.run_id = rp.run_id AND h.person_id = rp.person_id
       CROSS JOIN record r ON r.id = rp.record_id
       CROSS JOIN source s ON s.id = r.source_id
       WHERE rp.run_id = ?`,
    )
    .raw()
    .all(run) as Array<[number, string, string, string | null, string | null, string]>;
  for (const [record, p, h, birth, pc, d] of rows) {
    let hi = householdIndex.get(h);
    if (hi === undefined) {
      hi = points.length;
      householdIndex.set(h, hi);
      points.push([]);
    }
    let pi = personIndex.get(p);
    const b = birth ? dateNumber(birth) : 0;
    if (pi === undefined) {
      pi = householdOfList.length;
      personIndex.set(p, pi);
      householdOfList.push(hi);
      dobList.push(b);
    } else if (b !== 0 && (dobList[pi] === 0 || b < (dobList[pi] as number))) dobList[pi] = b;
    if (record <= maxRecord) personOfRecord[record] = pi + 1;
    if (pc) {
      const l = lsoaOfPostcode.get(pc);
      if (l !== undefined) (points[hi] as Array<[string, number]>).push([d, l]);
    }
  }
  const historyDates: string[][] = [];
  const historyLsoas: number[][] = [];
  let unplaced = 0;
  for (const list of points) {
    list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    // Keep the changes of address only: consecutive points in one LSOA are one stay.
    const dates: string[] = [];
    const lsoas: number[] = [];
    for (const [d, l] of list) {
      if (lsoas.length > 0 && lsoas[lsoas.length - 1] === l) continue;
      dates.push(d);
      lsoas.push(l);
    }
    if (lsoas.length === 0) unplaced++;
    historyDates.push(dates);
    historyLsoas.push(lsoas);
  }
  return {
    run,
    vintage,
    lsoaCodes,
    lsoaIndex,
    persons: householdOfList.length,
    personOfRecord,
    householdOf: Int32Array.from(householdOfList),
    dob: Int32Array.from(dobList),
    historyDates,
    historyLsoas,
    unplacedHouseholds: unplaced,
    placedOn: new Map(),
    denominatorsOn: new Map(),
  };
}

/** The LSOA index a household lived in on `date`, or -1 when none of its records is placed. */
export function lsoaAt(frame: Frame, household: number, date: string): number {
  const dates = frame.historyDates[household] as string[];
  const lsoas = frame.historyLsoas[household] as number[];
  if (lsoas.length === 0) return -1;
  let at = lsoas[0] as number;
  for (let i = 1; i < dates.length && (dates[i] as string) <= date; i++) at = lsoas[i] as number;
  return at;
}

/** Per household, the LSOA index it lived in on `date` (-1: not placed); memoised on the frame. */
export function householdsOn(frame: Frame, date: string): Int32Array {
  let at = frame.placedOn.get(date);
  if (!at) {
    at = new Int32Array(frame.historyLsoas.length);
    for (let h = 0; h < at.length; h++) at[h] = lsoaAt(frame, h, date);
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
