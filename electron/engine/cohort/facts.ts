// Per-person facts for cohort evaluation, read from the store once per linkage Run and import
// state, so a what-if (a changed threshold or local filter) re-evaluates in memory without SQL.
// Persons and households are the latest Run's (the household at the latest as-of date); a record
// imported since that Run is its own person and household, as `export clusters` writes it.
import { FACTS, type Fact } from '../../../shared/ipc/channels/cohort.js';
import type { Db } from '../store/database.js';
import { termDates } from '../import/events.js';
import { classifyEvent } from './classify.js';

export const NO_DAY = -2147483648;

/** Days since 1970-01-01 of an ISO date, or NO_DAY. */
export function dayOf(iso: string | null | undefined): number {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return NO_DAY;
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000);
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

export const RENT_ARREARS_CONCERN = 1000;

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
  const records = db
    .prepare(
      `SELECT r.id AS id, r.dob AS dob, r.postcode AS postcode,
              ${run === null ? 'NULL' : 'rp.person_id'} AS personId, ${run === null ? 'NULL' : 'ph.household_id'} AS householdId
       FROM record r
       ${run === null ? '' : 'LEFT JOIN run_record_person rp ON rp.record_id = r.id AND rp.run_id = @run LEFT JOIN run_person_household ph ON ph.run_id = @run AND ph.person_id = rp.person_id'}
       ORDER BY r.id`,
    )
    .raw(true)
    .all(run === null ? {} : { run }) as Array<[id: number, dob: string | null, postcode: string | null, personId: string | null, householdId: string | null]>;

  const personIndex = new Map<string, number>();
  const personIds: string[] = [];
  const personHouse: number[] = [];
  const personDobs: string[][] = [];
  const householdIds: string[] = [];
  const householdIndex = new Map<string, number>();
  // Record IDs are dense: a typed array indexed by ID is the record → person map without 284k Map entries.
  const recordPerson = new Int32Array((records.at(-1)?.[0] ?? 0) + 1).fill(-1);
  const postcodeOf = new Map<number, string>();
  const personRecords: number[][] = [];
  const postcodeVotes: Array<Map<string, number>> = [];
  for (const [id, dob, postcode, personId, householdId] of records) {
    const pid = run === null ? `P${id}` : (personId ?? `PR${id}`);
    const hid = run === null ? `H${id}` : (householdId ?? `HR${id}`);
    let h = householdIndex.get(hid);
    if (h === undefined) {
      h = householdIds.length;
      householdIds.push(hid);
      householdIndex.set(hid, h);
      postcodeVotes.push(new Map());
    }
    let p = personIndex.get(pid);
    if (p === undefined) {
      p = personIds.length;
      personIds.push(pid);
      personIndex.set(pid, p);
      personHouse.push(h);
      personDobs.push([]);
      personRecords.push([]);
    }
    if (dob) personDobs[p]!.push(dob);
    personRecords[p]!.push(id);
    recordPerson[id] = p;
    if (postcode) {
      postcodeOf.set(id, postcode);
      const votes = postcodeVotes[h]!;
      votes.set(postcode, (votes.get(postcode) ?? 0) + 1);
    }
  }
  const nPersons = personIds.length;
  const personDob = new Int32Array(nPersons);
  for (let p = 0; p < nPersons; p++) personDob[p] = modeDob(personDobs[p]!);

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

  const recordStart = new Int32Array(nPersons + 1);
  for (let p = 0; p < nPersons; p++) recordStart[p + 1] = recordStart[p]! + personRecords[p]!.length;
  const recordList = new Int32Array(recordStart[nPersons]!);
  for (let p = 0; p < nPersons; p++) recordList.set(personRecords[p]!, recordStart[p]!);

  // events → facts, grouped by person
  type Entry = { p: number; fact: number; start: number; end: number; value: number; possible: number; outcome: number; id: number; record: number };
  const entries: Entry[] = [];
  const kinds = new Set<string>();
  const tenancyOf = new Map<number, { start: number; end: number }>();
  const sourceAsOf = new Map<number, number>();
  for (const s of db.prepare('SELECT id, as_of FROM source').all() as Array<{ id: number; as_of: string }>) sourceAsOf.set(s.id, dayOf(s.as_of));
  const events = db.prepare('SELECT id, record_id AS record, source_id AS source, kind, category, start_date AS start, end_date AS "end", value, detail_json AS detail FROM event ORDER BY id').all() as Array<{
    id: number;
    record: number;
    source: number;
    kind: string;
    category: string | null;
    start: string | null;
    end: string | null;
    value: number | null;
    detail: string;
  }>;
  for (const e of events) if (e.kind === 'tenancy') tenancyOf.set(e.record, { start: dayOf(e.start), end: dayOf(e.end) });
  for (const e of events) {
    kinds.add(e.kind);
    const p = e.record < recordPerson.length ? recordPerson[e.record]! : -1;
    if (p < 0) continue;
    let detail: Record<string, string | number> = {};
    try {
      detail = JSON.parse(e.detail) as Record<string, string | number>;
    } catch {
      detail = {};
    }
    let start = dayOf(e.start);
    let end = dayOf(e.end);
    if (e.kind === 'asb-case') {
      // A tenancy's ASB flag has no dates of its own: it was open while the tenancy ran, within
      // the extract's year.
      // A tenancy "starting" after the extract's own date is a recording error: the extract still
      // says the case was open, so it is dated by the extract.
      const t = tenancyOf.get(e.record);
      const asOf = sourceAsOf.get(e.source) ?? NO_DAY;
      start = t && t.start !== NO_DAY && (asOf === NO_DAY || t.start <= asOf) ? t.start : asOf;
      end = t && t.end !== NO_DAY ? t.end : asOf;
    }
    if (e.kind === 'attendance' && start === NO_DAY && typeof detail.termsBeforeLast === 'number') {
      const asOf = sourceAsOf.get(e.source) ?? NO_DAY;
      if (asOf !== NO_DAY) ({ start, end } = termBefore(asOf, detail.termsBeforeLast));
    }
    let outcome = NO_DAY;
    if (e.kind === 'offence') {
      for (const [k, v] of Object.entries(detail)) if (OUTCOME_DATE.test(k) && /date|dt|on\b/i.test(k)) outcome = dayOf(String(v));
      // An offence has no duration: a date that ends it is when it was dealt with.
      if (outcome === NO_DAY && end !== NO_DAY) [outcome, end] = [end, NO_DAY];
    }
    const possible = typeof detail.sessionsPossible === 'number' ? detail.sessionsPossible : NaN;
    const value = e.kind === 'attendance' ? (typeof detail.unauthorisedAbsences === 'number' ? detail.unauthorisedAbsences : NaN) : (e.value ?? NaN);
    for (const f of classifyEvent({ kind: e.kind, category: e.category, detail })) {
      entries.push({ p, fact: FACT_CODE.get(f)!, start, end, value, possible, outcome, id: e.id, record: e.record });
    }
    // Arrears of more than about two months' rent, not the odd week behind, are a risk to the home.
    if (e.kind === 'tenancy' && e.value !== null && e.value >= RENT_ARREARS_CONCERN) entries.push({ p, fact: FACT_CODE.get('rent-arrears')!, start, end, value: e.value, possible: NaN, outcome: NO_DAY, id: e.id, record: e.record });
  }
  entries.sort((a, b) => a.p - b.p || a.start - b.start || a.id - b.id);
  const n = entries.length;
  let rowRefs: Map<number, RowRef> | undefined;
  const facts: CohortFacts = {
    run,
    fingerprint,
    personIds,
    personHousehold: Int32Array.from(personHouse),
    personDob,
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
    householdPostcode: postcodeVotes.map((votes) => {
      let best: string | null = null;
      let count = 0;
      for (const [pc, c] of votes) if (c > count || (c === count && best !== null && pc < best)) [best, count] = [pc, c];
      return best;
    }),
  };
  entries.forEach((e, i) => {
    facts.eventStart[e.p + 1]!++;
    facts.evFact[i] = e.fact;
    facts.evStart[i] = e.start;
    facts.evEnd[i] = e.end;
    facts.evValue[i] = e.value;
    facts.evPossible[i] = e.possible;
    facts.evOutcome[i] = e.outcome;
    facts.evId[i] = e.id;
    facts.evRecord[i] = e.record;
    facts.personMask[e.p]! |= 1 << e.fact;
  });
  for (let p = 0; p < nPersons; p++) facts.householdMask[facts.personHousehold[p]!]! |= facts.personMask[p]!;
  for (let p = 0; p < nPersons; p++) facts.eventStart[p + 1]! += facts.eventStart[p]!;
  return facts;
}
