// The population frame outcomes are counted over: the latest linkage Run's persons, their
// households, and where each household lived over time. A household's address history is read
// from its members' records — each record's postcode placed on an LSOA by the imported
// postcode lookup, dated by the record's event date, else its Source's as-of date. A household
// lives at date t in the LSOA of its latest placed record dated on or before t (before its first
// record: that record's LSOA). Loaded once per question and shared by every indicator.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Vintage } from '../geo/releases.js';
import type { Db } from '../store/database.js';

export interface Frame {
  run: number;
  vintage: Vintage;
  lsoaCodes: string[];
  lsoaIndex: Map<string, number>;
  personIndex: Map<string, number>;
  /** Per person: household index, and date of birth (ISO) or null. */
  householdOf: Int32Array;
  dob: Array<string | null>;
  /** Per household: address history, dates ascending with the LSOA index at each. */
  historyDates: string[][];
  historyLsoas: number[][];
  unplacedHouseholds: number;
  /** Where every household lived on a date, worked out once per date and shared by indicators. */
  placedOn: Map<string, Int32Array>;
}

/** The postcode lookup vintage outcomes are placed on: 2021 when imported, else the latest. */
export function frameVintage(db: Db): Vintage | null {
  const row = db.prepare('SELECT max(vintage) AS v FROM postcode_lsoa').get() as { v: Vintage | null };
  return row.v;
}

export function loadFrame(db: Db): Frame {
  const run = (db.prepare('SELECT max(id) AS id FROM link_run').get() as { id: number | null }).id;
  if (run === null) throw new WorkbenchError('bad-input', 'Nothing has been linked yet: run matching first, so outcomes can be counted per person and household.');
  const vintage = frameVintage(db);
  if (vintage === null) throw new WorkbenchError('bad-input', 'No postcode → LSOA lookup has been imported, so households cannot be placed in areas (lookup import FILE).');
  const lsoaOfPostcode = new Map<string, number>();
  const lsoaCodes: string[] = [];
  const lsoaIndex = new Map<string, number>();
  for (const r of db.prepare('SELECT postcode, lsoa FROM postcode_lsoa WHERE vintage = ?').iterate(vintage) as Iterable<{ postcode: string; lsoa: string }>) {
    let i = lsoaIndex.get(r.lsoa);
    if (i === undefined) {
      i = lsoaCodes.length;
      lsoaCodes.push(r.lsoa);
      lsoaIndex.set(r.lsoa, i);
    }
    lsoaOfPostcode.set(r.postcode, i);
  }
  const personIndex = new Map<string, number>();
  const householdIndex = new Map<string, number>();
  const householdOfList: number[] = [];
  const dob: Array<string | null> = [];
  const points: Array<Array<[string, number]>> = [];
  const rows = db
    .prepare(
      `SELECT h.person_id AS p, h.household_id AS h, r.dob AS dob, r.postcode AS pc, coalesce(r.event_date, s.as_of) AS d
       FROM run_person_household h
       JOIN run_record_person rp ON rp.run_id = h.run_id AND rp.person_id = h.person_id
       JOIN record r ON r.id = rp.record_id
       JOIN source s ON s.id = r.source_id
       WHERE h.run_id = ?`,
    )
    .raw()
    .iterate(run) as Iterable<[string, string, string | null, string | null, string]>;
  for (const [p, h, birth, pc, d] of rows) {
    let hi = householdIndex.get(h);
    if (hi === undefined) {
      hi = points.length;
      householdIndex.set(h, hi);
      points.push([]);
    }
    let pi = personIndex.get(p);
    if (pi === undefined) {
      pi = householdOfList.length;
      personIndex.set(p, pi);
      householdOfList.push(hi);
      dob.push(birth);
    } else if (birth && (!dob[pi] || birth < (dob[pi] as string))) dob[pi] = birth;
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
  return { run, vintage, lsoaCodes, lsoaIndex, personIndex, householdOf: Int32Array.from(householdOfList), dob, historyDates, historyLsoas, unplacedHouseholds: unplaced, placedOn: new Map() };
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

/** Whole years of age on `date`, or null without a date of birth. */
export function ageOn(dob: string | null, date: string): number | null {
  if (!dob) return null;
  let age = Number(date.slice(0, 4)) - Number(dob.slice(0, 4));
  if (date.slice(5) < dob.slice(5)) age--;
  return age;
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
