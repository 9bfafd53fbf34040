// The demo borough's TRUE Troubled Families phase 1 cohort, from the generator's own facts: each
// extract row's true person and household (not the recorded, error-prone identity), the person's
// true date of birth and school year, and the event cells as generated. Written beside truth.csv
// as truth-cohort.csv, in the columns of `cohort export`, so the evaluated cohort can be scored.
// Deliberately written apart from the engine's evaluator (its own reading of the rules), so a
// mistake in either shows up as a difference.
import { AS_OF, AS_OF_ISO, type Borough, type Person } from './borough.js';
import { ageOn, dayOf as civilDay, parseIso } from './dates.js';
import { type CellValue, type Extract, rowNumberOf } from './extracts.js';

export const TRUTH_COHORT_FILE = 'truth-cohort.csv';
export const TRUTH_COHORT_HEADER = ['family_id', 'as_of', 'crime_asb', 'education', 'work', 'local_filter', 'qualifies', 'rows'] as const;

/** The 12 months to the as-of date: 1 April 2024 to 31 March 2025. */
const YEAR_FROM = parseIso('2024-04-01');
/** The last three school terms to 31 March 2025: summer 2024, autumn 2024, spring 2025. */
const TERMS_FROM = parseIso('2024-04-15');
/** Reception children born by 31 March 2020 reached compulsory school age by 31 March 2025. */
const RECEPTION_CSA_BORN_BY = parseIso('2020-03-31');

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

export function cohortTruth(borough: Borough, extracts: readonly Extract[]): TruthFamily[] {
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
                if (!/(sum|aut|spr) 20\d\d/i.test(header)) return;
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
            if (/^y/i.test(asb) && (end === null || end >= YEAR_FROM)) f.housingAsb = true;
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

  const schoolAge = (p: Person): boolean => p.ncYear !== null && (p.ncYear >= 1 || p.dob <= RECEPTION_CSA_BORN_BY);
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
      if ((schoolAge(p) && f.possible > 0 && f.absent / f.possible >= 0.15) || f.fixedExclusions >= 3 || f.permanent) education = true;
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
export function truthCohortCsv(families: readonly TruthFamily[]): string {
  const q = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const b = (v: boolean): string => (v ? '1' : '0');
  const asOf = AS_OF_ISO;
  let out = `${TRUTH_COHORT_HEADER.join(',')}\r\n`;
  for (const f of families) out += `${[q(f.familyId), asOf, b(f.crimeAsb), b(f.education), b(f.work), b(f.localFilter), b(f.qualifies), q(f.rows.join(';'))].join(',')}\r\n`;
  return out;
}
