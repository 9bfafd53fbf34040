// Per-person facts for cohort evaluation, read from the store once per linkage Run and import
// state, so a what-if (a changed threshold or local filter) re-evaluates in memory without SQL.
// Persons and households are the latest Run's (the household at the latest as-of date); a record
// imported since that Run is its own person and household, as `export clusters` writes it.
import { daysFromCivil } from '../../../shared/domain/calendar.js';
import { FACTS, type Fact } from '../../../shared/ipc/channels/cohort.js';
import type { Db } from '../store/database.js';
import { termDates } from '../import/events.js';
import { baselineEvents, baselineRecords } from '../snapshot/baseline-read.js';
import { classifyEvent } from './classify.js';

export const NO_DAY = -2147483648;

const digit = (iso: string, i: number): number => {
  const c = iso.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/** Days since 1970-01-01 of an ISO date, or NO_DAY. Read digit by digit: it runs for every event and record. */
export function dayOf(iso: string | null | undefined): number {
  if (!iso || iso.length < 10 || iso[4] !== '-' || iso[7] !== '-') return NO_DAY;
  const y0 = digit(iso, 0);
  const y1 = digit(iso, 1);
  const y2 = digit(iso, 2);
  const y3 = digit(iso, 3);
  const m0 = digit(iso, 5);
  const m1 = digit(iso, 6);
  const d0 = digit(iso, 8);
  const d1 = digit(iso, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return NO_DAY;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  // Days from the civil date (Hinnant's algorithm); the rare out-of-range month or two-digit year as Date.UTC reads them.
  if (m < 1 || m > 12 || y < 100) return Math.round(Date.UTC(y, m - 1, day) / 86_400_000);
  return daysFromCivil(y, m, day);
}

export function isoOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export const FACT_CODE: ReadonlyMap<Fact, number> = new Map(FACTS.map((f, i) => [f, i]));

export interface RowRef {
  file: string;
  sheet: string;
  row: number;
}

export interface CohortFacts {
  run: number | null;
  /** Changes whenever the Run, the records or the events change. */
  fingerprint: string;
  personIds: string[];
  personHousehold: Int32Array;
  /** NO_DAY when no record gives a date of birth. */
  personDob: Int32Array;
  /**
   * The national curriculum year a school census gave the person (0 Reception, -1/-2 nursery),
   * NO_YEAR_GROUP when none did; `personYearGroupOf` is the school year it was given for (the
   * calendar year its September falls in), from the latest census.
   */
  personYearGroup: Int8Array;
  personYearGroupOf: Int16Array;
  /**
   * 1 when the person's records give dates of birth further apart than one keying slip: two people
   * of one name may have been joined (a boy of 8 and a namesake of 18 at the same postcode).
   */
  personDobConflict: Uint8Array;
  householdIds: string[];
  householdIndex: Map<string, number>;
  /** Members of household h: memberList[memberStart[h] .. memberStart[h+1]). */
  memberStart: Int32Array;
  memberList: Int32Array;
  /** Events of person p: ev*[eventStart[p] .. eventStart[p+1]), one entry per fact. */
  eventStart: Int32Array;
  evFact: Uint8Array;
  evStart: Int32Array;
  evEnd: Int32Array;
  /** Attendance: unauthorised sessions; otherwise the event's value. */
  evValue: Float64Array;
  /** Attendance: sessions possible. */
  evPossible: Float64Array;
  /** Offences: the outcome date (a proven offence counts from it); else NO_DAY. */
  evOutcome: Int32Array;
  evId: Int32Array;
  evRecord: Int32Array;
  /** Event kinds present in the store (what the imported sources can give). */
  kinds: Set<string>;
  /** Records of person p: recordList[recordStart[p] .. recordStart[p+1]) (record IDs). */
  recordStart: Int32Array;
  recordList: Int32Array;
  /** Bit f set when person p holds an event of fact f (so evaluation skips everyone else). */
  personMask: Uint32Array;
  /** The union of the household's members' masks. */
  householdMask: Uint32Array;
  /** Where each record came from (read from the store on first use). */
  readonly rowOf: Map<number, RowRef>;
  /** Each record's postcode, where it has one. */
  postcodeOf: Map<number, string>;
  /** The postcode most of a household's records give, or null. */
  householdPostcode: (string | null)[];
}

function latestRun(db: Db): number | null {
  return (db.prepare('SELECT max(id) AS id FROM link_run').get() as { id: number | null }).id;
}

export function factsFingerprint(db: Db): string {
  const run = latestRun(db);
  const r = db.prepare('SELECT count(*) AS n, max(id) AS m FROM record').get() as { n: number; m: number | null };
  const e = db.prepare('SELECT count(*) AS n, max(id) AS m FROM event').get() as { n: number; m: number | null };
  return `${run ?? 0}:${r.n}:${r.m ?? 0}:${e.n}:${e.m ?? 0}`;
}

/** The mode of a person's dates of birth: several sources agreeing outvote one typo. */
function modeDob(dobs: string[]): number {
  if (dobs.length === 0) return NO_DAY;
  const counts = new Map<string, number>();
  for (const d of dobs) counts.set(d, (counts.get(d) ?? 0) + 1);
  let best = '';
  let n = -1;
  for (const [d, c] of counts) if (c > n || (c === n && d < best)) [best, n] = [d, c];
  return dayOf(best);
}

/**
 * Whether two ISO dates of birth could be one date keyed wrong: one digit different (2004 for
 * 2009), two neighbouring digits swapped (1948 for 1984), or the day and month swapped.
 */
export function oneKeyingSlip(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== 10 || b.length !== 10) return false;
  const diff: number[] = [];
  for (let i = 0; i < 10; i++) if (a[i] !== b[i]) diff.push(i);
  if (diff.length === 1) return true;
  if (diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!]) return true;
  return a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7);
}

/** Whether a person's dates of birth are more than one date keyed wrong (see oneKeyingSlip). */
function datesOfBirthDisagree(dobs: readonly string[]): boolean {
  for (let i = 1; i < dobs.length; i++) for (let j = 0; j < i; j++) if (dobs[i] !== dobs[j] && !oneKeyingSlip(dobs[i]!, dobs[j]!)) return true;
  return false;
}

export const RENT_ARREARS_CONCERN = 1000;
export const NO_YEAR_GROUP = -128;

/** The school year holding a day, named by the calendar year of its September. */
export function schoolYearOf(day: number): number {
  const d = new Date(day * 86_400_000);
  return d.getUTCMonth() >= 8 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}

const TERMS = ['spr', 'sum', 'aut'] as const;

/**
 * The school term `back` terms before the one holding `day`, dated as the importer dates a named
 * term: for a table of term figures with no heading, whose last term is the extract's own.
 */
export function termBefore(day: number, back: number): { start: number; end: number } {
  const d = new Date(day * 86_400_000);
  const m = d.getUTCMonth() + 1;
  let year = d.getUTCFullYear();
  let t = m >= 9 ? 2 : m < 4 || (m === 4 && d.getUTCDate() < 15) ? 0 : 1;
  for (t -= back; t < 0; t += 3) year--;
  const dates = termDates(`${TERMS[t] ?? 'spr'} ${year}`);
  return { start: dayOf(dates?.start), end: dayOf(dates?.end) };
}

const OUTCOME_DATE = /outcome|disposal|sentence|result/i;

function loadRowRefs(db: Db): Map<number, RowRef> {
  const out = new Map<number, RowRef>();
  const rows = db
    .prepare(
      `SELECT r.id, s.file_name, sh.sheet, w.row_number FROM record r
       JOIN raw_row w ON w.id = r.raw_row_id
       JOIN source s ON s.id = r.source_id
       JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal`,
    )
    .raw(true)
    .all() as Array<[number, string, string, number]>;
  for (const [id, file, sheet, row] of rows) out.set(id, { file, sheet, row });
  return out;
}

export function loadFacts(db: Db): CohortFacts {
  const run = latestRun(db);
  const fingerprint = factsFingerprint(db);
  // Where each record came from (file, sheet, row) is read only when evidence or an export asks:
  // joining the raw rows here would read every stored spreadsheet row to evaluate a cohort.
  // The records and events are the shared read's (one read when a board pack also counts outcomes).
  const records = baselineRecords(db).rows;

  const personIndex = new Map<string, number>();
  const personIds: string[] = [];
  const personHouse: number[] = [];
  const householdIds: string[] = [];
  const householdIndex = new Map<string, number>();
  // Record IDs are dense: a typed array indexed by ID is the record → person map without 284k Map entries.
  const recordPerson = new Int32Array((records.at(-1)?.[0] ?? 0) + 1).fill(-1);
  const postcodeOf = new Map<number, string>();
  // The person of each row; a person's rows, dates of birth and postcodes are gathered from it
  // afterwards (typed arrays, not an array per person and a map per household).
  const rowPerson = new Int32Array(records.length);
  records.forEach(([id, , postcode, , personId, householdId], i) => {
    const pid = run === null ? `P${id}` : (personId ?? `PR${id}`);
    const hid = run === null ? `H${id}` : (householdId ?? `HR${id}`);
    let h = householdIndex.get(hid);
    if (h === undefined) {
      h = householdIds.length;
      householdIds.push(hid);
      householdIndex.set(hid, h);
    }
    let p = personIndex.get(pid);
    if (p === undefined) {
      p = personIds.length;
      personIds.push(pid);
      personIndex.set(pid, p);
      personHouse.push(h);
    }
    rowPerson[i] = p;
    recordPerson[id] = p;
    if (postcode) postcodeOf.set(id, postcode);
  });
  const nPersons = personIds.length;
  // persons → their rows, in record order
  const recordStart = new Int32Array(nPersons + 1);
  for (const p of rowPerson) recordStart[p + 1]!++;
  for (let p = 0; p < nPersons; p++) recordStart[p + 1]! += recordStart[p]!;
  const personRows = new Int32Array(records.length);
  const next = recordStart.slice(0, nPersons);
  rowPerson.forEach((p, i) => {
    personRows[next[p]!++] = i;
  });
  const recordList = new Int32Array(records.length);
  const personDob = new Int32Array(nPersons);
  const personDobConflict = new Uint8Array(nPersons);
  const dobs: string[] = [];
  for (let p = 0; p < nPersons; p++) {
    dobs.length = 0;
    for (let k = recordStart[p]!; k < recordStart[p + 1]!; k++) {
      const row = records[personRows[k]!]!;
      recordList[k] = row[0];
      if (row[1]) dobs.push(row[1]);
    }
    personDob[p] = modeDob(dobs);
    if (dobs.length > 1 && datesOfBirthDisagree(dobs)) personDobConflict[p] = 1;
  }

  // households → members
  const nHouse = householdIds.length;
  const memberStart = new Int32Array(nHouse + 1);
  for (const h of personHouse) memberStart[h + 1]!++;
  for (let h = 0; h < nHouse; h++) memberStart[h + 1]! += memberStart[h]!;
  const memberList = new Int32Array(nPersons);
  const fill = memberStart.slice(0, nHouse);
  personHouse.forEach((h, p) => {
    memberList[fill[h]!++] = p;
  });

  // The postcode most of a household's records give (ties: the first in sort order).
  const votes = new Map<string, number>();
  const householdPostcode = new Array<string | null>(nHouse);
  for (let h = 0; h < nHouse; h++) {
    votes.clear();
    for (let m = memberStart[h]!; m < memberStart[h + 1]!; m++) {
      const p = memberList[m]!;
      for (let k = recordStart[p]!; k < recordStart[p + 1]!; k++) {
        const pc = records[personRows[k]!]![2];
        if (pc) votes.set(pc, (votes.get(pc) ?? 0) + 1);
      }
    }
    let best: string | null = null;
    let count = 0;
    for (const [pc, c] of votes) if (c > count || (c === count && best !== null && pc < best)) [best, count] = [pc, c];
    householdPostcode[h] = best;
  }

  // events → facts, grouped by person
  // One entry per fact an event gives, as columns (no object per entry), ordered at the end.
  const entries = { p: [] as number[], fact: [] as number[], start: [] as number[], end: [] as number[], value: [] as number[], possible: [] as number[], outcome: [] as number[], id: [] as number[], record: [] as number[] };
  const add = (p: number, fact: number, start: number, end: number, value: number, possible: number, outcome: number, id: number, record: number): void => {
    entries.p.push(p);
    entries.fact.push(fact);
    entries.start.push(start);
    entries.end.push(end);
    entries.value.push(value);
    entries.possible.push(possible);
    entries.outcome.push(outcome);
    entries.id.push(id);
    entries.record.push(record);
  };
  const kinds = new Set<string>();
  const tenancyOf = new Map<number, { start: number; end: number }>();
  const sourceAsOf = new Map<number, number>();
  for (const s of db.prepare('SELECT id, as_of FROM source').all() as Array<{ id: number; as_of: string }>) sourceAsOf.set(s.id, dayOf(s.as_of));
  const events = baselineEvents(db);
  const personYearGroup = new Int8Array(nPersons).fill(NO_YEAR_GROUP);
  const personYearGroupOf = new Int16Array(nPersons);
  const yearGroupDay = new Int32Array(nPersons).fill(NO_DAY);
  // Most events repeat a few shapes (an A&E site, arrival and discharge; a benefit code): each
  // shape is classified once, and detail cells are parsed only where a figure is read from them.
  const classified = new Map<string, Fact[]>();
  const DETAIL_UNUSED = new Set(['attendance', 'alternative-provision', 'asb-case', 'tenancy']);
  const NUMBERS_IN_DETAIL = new Set(['attendance', 'offence']);
  for (const e of events) if (e[3] === 'tenancy') tenancyOf.set(e[1], { start: dayOf(e[5]), end: dayOf(e[6]) });
  for (const [id, record, source, kind, category, startIso, endIso, eventValue, detailJson] of events) {
    kinds.add(kind);
    const p = record < recordPerson.length ? recordPerson[record]! : -1;
    if (p < 0) continue;
    const shape = `${kind}\u0001${category ?? '\u0002'}\u0001${DETAIL_UNUSED.has(kind) ? '' : detailJson}`;
    let given = classified.get(shape);
    let detail: Record<string, string | number> = {};
    if ((given === undefined || NUMBERS_IN_DETAIL.has(kind)) && detailJson !== '{}') {
      try {
        detail = JSON.parse(detailJson) as Record<string, string | number>;
      } catch {
        detail = {};
      }
    }
    if (given === undefined) classified.set(shape, (given = classifyEvent({ kind, category, detail })));
    let start = dayOf(startIso);
    let end = dayOf(endIso);
    if (kind === 'asb-case') {
      // A tenancy's ASB flag has no dates of its own: it was open while the tenancy ran, within
      // the extract's year.
      // A tenancy "starting" after the extract's own date is a recording error: the extract still
      // says the case was open, so it is dated by the extract.
      const t = tenancyOf.get(record);
      const asOf = sourceAsOf.get(source) ?? NO_DAY;
      start = t && t.start !== NO_DAY && (asOf === NO_DAY || t.start <= asOf) ? t.start : asOf;
      end = t && t.end !== NO_DAY ? t.end : asOf;
    }
    if (kind === 'attendance' && start === NO_DAY && typeof detail.termsBeforeLast === 'number') {
      const asOf = sourceAsOf.get(source) ?? NO_DAY;
      if (asOf !== NO_DAY) ({ start, end } = termBefore(asOf, detail.termsBeforeLast));
    }
    let outcome = NO_DAY;
    if (kind === 'offence') {
      for (const [k, v] of Object.entries(detail)) if (OUTCOME_DATE.test(k) && /date|dt|on\b/i.test(k)) outcome = dayOf(String(v));
      // An offence has no duration: a date that ends it is when it was dealt with.
      if (outcome === NO_DAY && end !== NO_DAY) [outcome, end] = [end, NO_DAY];
    }
    if (kind === 'attendance' && typeof detail.ncYear === 'number') {
      // the year group is the census's own, as of its extract date (else the term it gives)
      const census = sourceAsOf.get(source) ?? NO_DAY;
      const on = census !== NO_DAY ? census : start;
      if (on !== NO_DAY && on >= yearGroupDay[p]!) {
        yearGroupDay[p] = on;
        personYearGroup[p] = detail.ncYear;
        personYearGroupOf[p] = schoolYearOf(on);
      }
    }
    const possible = typeof detail.sessionsPossible === 'number' ? detail.sessionsPossible : NaN;
    const value = kind === 'attendance' ? (typeof detail.unauthorisedAbsences === 'number' ? detail.unauthorisedAbsences : NaN) : (eventValue ?? NaN);
    for (const f of given) {
      add(p, FACT_CODE.get(f)!, start, end, value, possible, outcome, id, record);
    }
    // Arrears of more than about two months' rent, not the odd week behind, are a risk to the home.
    if (kind === 'tenancy' && eventValue !== null && eventValue >= RENT_ARREARS_CONCERN) add(p, FACT_CODE.get('rent-arrears')!, start, end, eventValue, NaN, NO_DAY, id, record);
  }
  const n = entries.p.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => entries.p[a]! - entries.p[b]! || entries.start[a]! - entries.start[b]! || entries.id[a]! - entries.id[b]!);
  let rowRefs: Map<number, RowRef> | undefined;
  const facts: CohortFacts = {
    run,
    fingerprint,
    personIds,
    personHousehold: Int32Array.from(personHouse),
    personDob,
    personYearGroup,
    personYearGroupOf,
    personDobConflict,
    householdIds,
    householdIndex,
    memberStart,
    memberList,
    eventStart: new Int32Array(nPersons + 1),
    evFact: new Uint8Array(n),
    evStart: new Int32Array(n),
    evEnd: new Int32Array(n),
    evValue: new Float64Array(n),
    evPossible: new Float64Array(n),
    evOutcome: new Int32Array(n),
    evId: new Int32Array(n),
    evRecord: new Int32Array(n),
    kinds,
    personMask: new Uint32Array(nPersons),
    householdMask: new Uint32Array(nHouse),
    recordStart,
    recordList,
    get rowOf() {
      rowRefs ??= loadRowRefs(db);
      return rowRefs;
    },
    postcodeOf,
    householdPostcode,
  };
  order.forEach((e, i) => {
    const p = entries.p[e]!;
    const fact = entries.fact[e]!;
    facts.eventStart[p + 1]!++;
    facts.evFact[i] = fact;
    facts.evStart[i] = entries.start[e]!;
    facts.evEnd[i] = entries.end[e]!;
    facts.evValue[i] = entries.value[e]!;
    facts.evPossible[i] = entries.possible[e]!;
    facts.evOutcome[i] = entries.outcome[e]!;
    facts.evId[i] = entries.id[e]!;
    facts.evRecord[i] = entries.record[e]!;
    facts.personMask[p]! |= 1 << fact;
  });
  for (let p = 0; p < nPersons; p++) facts.householdMask[facts.personHousehold[p]!]! |= facts.personMask[p]!;
  for (let p = 0; p < nPersons; p++) facts.eventStart[p + 1]! += facts.eventStart[p]!;
  return facts;
}
