// The demo borough's TRUE Troubled Families phase 1 cohort, from the generator's own facts: each
// extract row's true person and household (not the recorded, error-prone identity), the person's
// true date of birth and school year, and the event cells as generated. Written beside truth.csv
// as truth-cohort.csv, in the columns of `cohort export`, so the evaluated cohort can be scored.
// Deliberately written apart from the engine's evaluator (its own reading of the rules), so a
// mistake in either shows up as a difference.
import { AS_OF as GENERATED_ON, AS_OF_ISO, type Borough, type Person } from './borough.js';
import { ageOn, dayOf as civilDay, daysInMonth, parseIso, ymdOf } from './dates.js';
import { type CellValue, type Extract, rowNumberOf } from './extracts.js';

export const TRUTH_COHORT_FILE = 'truth-cohort.csv';
export const TRUTH_COHORT_HEADER = ['family_id', 'as_of', 'crime_asb', 'education', 'work', 'local_filter', 'qualifies', 'rows'] as const;

/** The first day of the 12 (or N) months to a day: 12 months to 31 March 2025 start on 1 April 2024. */
function monthsFrom(asOf: number, months: number): number {
  const { y, m, d } = ymdOf(asOf);
  const total = y * 12 + (m - 1) - months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  return civilDay(ty, tm, Math.min(d, daysInMonth(ty, tm))) + 1;
}

/** Term starts: autumn 1 September, spring 1 January, summer 15 April (as the school extract's columns are dated). */
function termStart(label: string): number | null {
  const m = /\b(sum|aut|spr)\w* (20\d\d)\b/i.exec(label);
  if (!m) return null;
  const y = Number(m[2]);
  const season = m[1]!.toLowerCase();
  return season === 'aut' ? civilDay(y, 9, 1) : season === 'spr' ? civilDay(y, 1, 1) : civilDay(y, 4, 15);
}

/** The first day of the last three school terms to a day (the current term counts as one). */
function threeTermsFrom(asOf: number): number {
  const current = (day: number): number => {
    const { y, m, d } = ymdOf(day);
    return m >= 9 ? civilDay(y, 9, 1) : m < 4 || (m === 4 && d < 15) ? civilDay(y, 1, 1) : civilDay(y, 4, 15);
  };
  return current(current(current(asOf) - 1) - 1);
}

/**
 * Of compulsory school age on a day: in years 1–11 of 2024/25, or in Reception and past the
 * prescribed day (31 December, 31 March, 31 August) after the fifth birthday.
 */
function schoolAgeOn(p: Person, day: number): boolean {
  if (p.ncYear === null) return false;
  if (p.ncYear >= 1) return true;
  const { y, m, d } = ymdOf(p.dob);
  const fifth = civilDay(y + 5, m, d);
  const fy = ymdOf(fifth).y;
  const prescribed = [civilDay(fy, 3, 31), civilDay(fy, 8, 31), civilDay(fy, 12, 31), civilDay(fy + 1, 3, 31)].find((x) => x >= fifth)!;
  return prescribed <= day;
}

export interface TruthFamily {
  familyId: string;
  crimeAsb: boolean;
  education: boolean;
  work: boolean;
  localFilter: boolean;
  qualifies: boolean;
  rows: string[];
}

/** A date cell as the generator wrote it: an Excel date, ISO, or dd/mm/yyyy (with a time). */
function dayOfCell(cell: CellValue | undefined): number | null {
  if (cell === null || cell === undefined || cell === '') return null;
  if (typeof cell === 'object') return cell.excelDate - 25569;
  if (typeof cell === 'number') return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell);
  if (m) return civilDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(cell);
  if (m) return civilDay(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

const text = (cell: CellValue | undefined): string => (typeof cell === 'string' ? cell : typeof cell === 'number' ? String(cell) : '');
const num = (cell: CellValue | undefined): number | null => (typeof cell === 'number' ? cell : null);

interface PersonFacts {
  provenYouthOffence: boolean;
  asbCaused: boolean;
  housingAsb: boolean;
  absent: number;
  possible: number;
  fixedExclusions: number;
  permanent: boolean;
  onOutOfWorkBenefit: boolean;
  aeVisits: number;
}

const blank = (): PersonFacts => ({ provenYouthOffence: false, asbCaused: false, housingAsb: false, absent: 0, possible: 0, fixedExclusions: 0, permanent: false, onOutOfWorkBenefit: false, aeVisits: 0 });

/** Finds a column by its header; throws when a layout change hides it, so the truth never goes quietly wrong. */
function column(header: readonly string[], pattern: RegExp, what: string, file: string): number {
  const i = header.findIndex((h) => pattern.test(h));
  if (i < 0) throw new Error(`cohort truth: no ${what} column in ${file} (headers: ${header.join(', ')})`);
  return i;
}

const OUT_OF_WORK = /universal credit|employment and support|jobseeker|income support|^(uc|esa|jsa|is)$/i;
/** Outcomes that are a caution or a sentence (a community resolution is not a proven offence). */
const PROVEN = /caution|order|discharge|fine|detention|conviction|sentence/i;

export function cohortTruth(borough: Borough, extracts: readonly Extract[], asOfIso: string = AS_OF_ISO): TruthFamily[] {
  const AS_OF = parseIso(asOfIso);
  const YEAR_FROM = monthsFrom(AS_OF, 12);
  const TERMS_FROM = threeTermsFrom(AS_OF);
  const persons = new Map<string, Person>(borough.persons.map((p) => [p.id, p]));
  const facts = new Map<string, PersonFacts>();
  const rowsOf = new Map<string, string[]>();
  const factsOf = (id: string): PersonFacts => {
    let f = facts.get(id);
    if (!f) {
      f = blank();
      facts.set(id, f);
    }
    return f;
  };
  const inYear = (day: number | null): boolean => day !== null && day >= YEAR_FROM && day <= AS_OF;

  for (const extract of extracts) {
    for (const sheet of extract.sheets) {
      const h = sheet.header;
      const file = extract.fileName;
      sheet.rows.forEach((cells, i) => {
        const t = sheet.truth[i]!;
        const list = rowsOf.get(t.householdId) ?? [];
        list.push(`${file}|${extract.format === 'csv' ? '' : sheet.name}|${rowNumberOf(extract, sheet, i)}`);
        rowsOf.set(t.householdId, list);
        const person = persons.get(t.personId);
        if (!person) return;
        const f = factsOf(t.personId);
        switch (extract.id) {
          case 'school':
            if (/exclu/i.test(sheet.name)) {
              const day = dayOfCell(cells[column(h, /start date|date/i, 'exclusion date', file)]);
              if (day === null || day < TERMS_FROM || day > AS_OF) return;
              if (/permanent/i.test(text(cells[column(h, /type/i, 'exclusion type', file)]))) f.permanent = true;
              else f.fixedExclusions++;
            } else {
              h.forEach((header, c) => {
                const start = termStart(header);
                if (start === null || start < TERMS_FROM || start > AS_OF) return;
                const v = num(cells[c]);
                if (v === null) return;
                if (/possible/i.test(header)) f.possible += v;
                else if (/unauthori[sz]ed/i.test(header)) f.absent += v;
              });
            }
            return;
          case 'police': {
            const day = dayOfCell(cells[column(h, /date/i, 'incident date', file)]);
            const type = text(cells[column(h, /type/i, 'incident type', file)]);
            const involvement = text(cells[column(h, /involve/i, 'involvement', file)]);
            if (inYear(day) && /^asb\b/i.test(type) && /suspect/i.test(involvement)) f.asbCaused = true;
            return;
          }
          case 'youth-justice': {
            const day = dayOfCell(cells[column(h, /offence date/i, 'offence date', file)]);
            const outcome = text(cells[column(h, /^outcome$/i, 'outcome', file)]);
            const outcomeDay = dayOfCell(cells[column(h, /outcome date/i, 'outcome date', file)]);
            const under18 = day !== null && ageOn(person.dob, day) < 18;
            if (inYear(day) && under18 && PROVEN.test(outcome) && outcomeDay !== null && outcomeDay <= AS_OF) f.provenYouthOffence = true;
            return;
          }
          case 'benefits': {
            const type = text(cells[column(h, /benefit|type/i, 'benefit type', file)]);
            const start = dayOfCell(cells[column(h, /start/i, 'claim start', file)]);
            const end = dayOfCell(cells[column(h, /end/i, 'claim end', file)]);
            if (OUT_OF_WORK.test(type) && start !== null && start <= AS_OF && (end === null || end >= AS_OF)) f.onOutOfWorkBenefit = true;
            return;
          }
          case 'housing': {
            const asb = text(cells[column(h, /asb/i, 'ASB case', file)]);
            const end = dayOfCell(cells[column(h, /tenancy end|end/i, 'tenancy end', file)]);
            // a start after the extract's own date is a recording error: the case is dated by the extract
            let start = dayOfCell(cells[column(h, /tenancy start|start/i, 'tenancy start', file)]);
            if (start === null || start > GENERATED_ON) start = GENERATED_ON;
            if (/^y/i.test(asb) && start <= AS_OF && (end === null || end >= YEAR_FROM)) f.housingAsb = true;
            return;
          }
          case 'health': {
            const day = dayOfCell(cells[column(h, /attendance date|date/i, 'attendance date', file)]);
            if (inYear(day)) f.aeVisits++;
            return;
          }
        }
      });
    }
  }

  const out: TruthFamily[] = [];
  const membersOf = new Map<string, Person[]>();
  for (const p of borough.persons) membersOf.set(p.householdId, [...(membersOf.get(p.householdId) ?? []), p]);
  for (const hh of borough.households) {
    const members = membersOf.get(hh.id) ?? [];
    let crimeAsb = false;
    let education = false;
    let work = false;
    let localFilter = false;
    for (const p of members) {
      const f = facts.get(p.id);
      if (!f) continue;
      if (f.provenYouthOffence || f.asbCaused || f.housingAsb) crimeAsb = true;
      if ((schoolAgeOn(p, AS_OF) && f.possible > 0 && f.absent / f.possible >= 0.15) || f.fixedExclusions >= 3 || f.permanent) education = true;
      if (f.onOutOfWorkBenefit && ageOn(p.dob, AS_OF) >= 18) work = true;
      if (f.aeVisits >= 3) localFilter = true;
    }
    if (!crimeAsb && !education && !work && !localFilter) continue;
    const met = [crimeAsb, education, work].filter(Boolean).length;
    out.push({ familyId: hh.id, crimeAsb, education, work, localFilter, qualifies: met === 3 || (met === 2 && localFilter), rows: rowsOf.get(hh.id) ?? [] });
  }
  return out;
}

/** truth-cohort.csv: RFC 4180 lines (no field here needs quotes except a file name with a comma). */
export function truthCohortCsv(families: readonly TruthFamily[], asOfIso: string = AS_OF_ISO): string {
  const q = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const b = (v: boolean): string => (v ? '1' : '0');
  const asOf = asOfIso;
  let out = `${TRUTH_COHORT_HEADER.join(',')}\r\n`;
  for (const f of families) out += `${[q(f.familyId), asOf, b(f.crimeAsb), b(f.education), b(f.work), b(f.localFilter), b(f.qualifies), q(f.rows.join(';'))].join(',')}\r\n`;
  return out;
}

// ---------------------------------------------------------------------------------------------
// True outcome statuses (payment by results) of the families attached on a date

export const TRUTH_OUTCOMES_FILE = 'truth-outcomes.csv';
export const TRUTH_OUTCOMES_HEADER = ['family_id', 'attached_on', 'as_of', 'education', 'asb', 'youth_offending', 'employment', 'progress_to_work'] as const;

export interface TruthOutcome {
  familyId: string;
  education: string;
  asb: string;
  youthOffending: string;
  employment: string;
  progressToWork: string;
}

interface Dated {
  asbCaused: number[];
  offences: number[];
  spells: Array<[number, number | null]>;
  fixedExclusions: number[];
  terms: Array<[start: number, absent: number, possible: number]>;
}

function datedFacts(extracts: readonly Extract[]): Map<string, Dated> {
  const out = new Map<string, Dated>();
  const of = (id: string): Dated => {
    let d = out.get(id);
    if (!d) {
      d = { asbCaused: [], offences: [], spells: [], fixedExclusions: [], terms: [] };
      out.set(id, d);
    }
    return d;
  };
  for (const extract of extracts) {
    for (const sheet of extract.sheets) {
      const h = sheet.header;
      const file = extract.fileName;
      sheet.rows.forEach((cells, i) => {
        const d = of(sheet.truth[i]!.personId);
        if (extract.id === 'police') {
          const day = dayOfCell(cells[column(h, /date/i, 'incident date', file)]);
          if (day !== null && /^asb\b/i.test(text(cells[column(h, /type/i, 'incident type', file)])) && /suspect/i.test(text(cells[column(h, /involve/i, 'involvement', file)]))) d.asbCaused.push(day);
        } else if (extract.id === 'youth-justice') {
          const day = dayOfCell(cells[column(h, /offence date/i, 'offence date', file)]);
          if (day !== null) d.offences.push(day);
        } else if (extract.id === 'benefits') {
          const start = dayOfCell(cells[column(h, /start/i, 'claim start', file)]);
          if (start !== null && OUT_OF_WORK.test(text(cells[column(h, /benefit|type/i, 'benefit type', file)]))) d.spells.push([start, dayOfCell(cells[column(h, /end/i, 'claim end', file)])]);
        } else if (extract.id === 'school' && /exclu/i.test(sheet.name)) {
          const day = dayOfCell(cells[column(h, /start date|date/i, 'exclusion date', file)]);
          if (day !== null && !/permanent/i.test(text(cells[column(h, /type/i, 'exclusion type', file)]))) d.fixedExclusions.push(day);
        } else if (extract.id === 'school') {
          const byTerm = new Map<number, [number, number]>();
          h.forEach((header, c) => {
            const start = termStart(header);
            const v = num(cells[c]);
            if (start === null || v === null) return;
            const t = byTerm.get(start) ?? [0, 0];
            if (/possible/i.test(header)) t[1] += v;
            else if (/unauthori[sz]ed/i.test(header)) t[0] += v;
            byTerm.set(start, t);
          });
          for (const [start, [absent, possible]] of byTerm) if (possible > 0) d.terms.push([start, absent, possible]);
        }
      });
    }
  }
  return out;
}

/**
 * Each family of the cohort on `attachedIso`, measured at `asOfIso`: every child under both
 * education thresholds over the last three terms; a 60% fall in the family's ASB and a 33% fall in
 * its under-18s' offending between the six months before attachment and the last six months; an
 * adult off out-of-work benefits (which the demo cannot show as work: insufficient data); progress
 * to work has no source.
 */
export function outcomeTruth(borough: Borough, extracts: readonly Extract[], attachedIso: string, asOfIso: string = AS_OF_ISO): TruthOutcome[] {
  const attached = parseIso(attachedIso);
  const asOf = parseIso(asOfIso);
  const dated = datedFacts(extracts);
  const membersOf = new Map<string, Person[]>();
  for (const p of borough.persons) membersOf.set(p.householdId, [...(membersOf.get(p.householdId) ?? []), p]);
  const termsFrom = threeTermsFrom(asOf);
  const before = [monthsFrom(attached, 6), attached] as const;
  const after = [Math.max(attached + 1, monthsFrom(asOf, 6)), asOf] as const;
  const full = monthsFrom(asOf, 6) > attached;
  const within = (days: number[], [from, to]: readonly [number, number]): number => days.filter((d) => d >= from && d <= to).length;
  const fall = (b: number, a: number, share: number): string => (b === 0 ? 'not-applicable' : 1 - a / b >= share ? (full ? 'achieved' : 'on-track') : 'not-yet');
  const onBenefit = (d: Dated | undefined, day: number): boolean => (d?.spells ?? []).some(([s, e]) => s <= day && (e === null || e >= day));
  return cohortTruth(borough, extracts, attachedIso)
    .filter((f) => f.qualifies)
    .map((f) => {
      const members = membersOf.get(f.familyId) ?? [];
      const children = members.filter((p) => schoolAgeOn(p, asOf));
      let education = 'not-applicable';
      if (children.length > 0) {
        let failing = 0;
        let withData = 0;
        for (const c of children) {
          const d = dated.get(c.id);
          const terms = (d?.terms ?? []).filter(([s]) => s >= termsFrom && s <= asOf);
          const absent = terms.reduce((n, t) => n + t[1], 0);
          const possible = terms.reduce((n, t) => n + t[2], 0);
          if (possible > 0) withData++;
          if (within(d?.fixedExclusions ?? [], [termsFrom, asOf]) >= 3 || (possible > 0 && absent / possible >= 0.15)) failing++;
        }
        education = withData === 0 ? 'insufficient-data' : failing > 0 ? 'not-yet' : termsFrom > attached ? 'achieved' : 'on-track';
      }
      const asbDays = members.flatMap((p) => dated.get(p.id)?.asbCaused ?? []);
      const youthDays = members.flatMap((p) => (dated.get(p.id)?.offences ?? []).filter((day) => ageOn(p.dob, day) < 18));
      const adults = members.filter((p) => ageOn(p.dob, attached) >= 18 && onBenefit(dated.get(p.id), attached));
      const employment = adults.length === 0 ? 'not-applicable' : adults.every((p) => onBenefit(dated.get(p.id), asOf)) ? 'not-yet' : 'insufficient-data';
      return {
        familyId: f.familyId,
        education,
        asb: fall(within(asbDays, before), within(asbDays, after), 0.6),
        youthOffending: fall(within(youthDays, before), within(youthDays, after), 0.33),
        employment,
        progressToWork: 'insufficient-data',
      };
    });
}

export function truthOutcomesCsv(outcomes: readonly TruthOutcome[], attachedIso: string, asOfIso: string = AS_OF_ISO): string {
  let out = `${TRUTH_OUTCOMES_HEADER.join(',')}\r\n`;
  for (const o of outcomes) out += `${[o.familyId, attachedIso, asOfIso, o.education, o.asb, o.youthOffending, o.employment, o.progressToWork].join(',')}\r\n`;
  return out;
}

/** The attachment date the demo's outcome truth uses: six months before its as-of date. */
export const DEMO_ATTACHED_ON = '2024-09-30';
