// What six partner systems would hold about the borough made in people.ts, each with its own
// headings, order, date style and faults, written as csv or xlsx, with a truth file
// (file,sheet,row_number,person_id,household_id) as test/bench/link/harness.ts reads it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  EXTRACT_DATE, NICKNAMES, YEAR_END, YEAR_START, addDays, ageOn, between, homeOn, makeBorough, pick, seeded,
  type Borough, type Home, type Household, type Person, type Rand,
} from './people.js';

export type Cell = string | number | Date | null;
export interface Sheet {
  name: string;
  /** rows above the header (a title, a blank line) */
  preamble: Cell[][];
  header: string[] | null;
  rows: Cell[][];
  truth: Array<[person: string, household: string]>;
  /** rows below the data (an "Extracted …" line, a total): variants.ts adds them */
  footer?: Cell[][];
}
export interface Extract {
  file: string;
  sheets: Sheet[];
  /** how a csv is written, where a variant says otherwise (variants.ts): delimiter, byte-order mark,
   * line end, Excel's "sep=" first line, UTF-16 as Excel's "Unicode Text" */
  csv?: { delimiter?: string; bom?: boolean; eol?: string; sepLine?: boolean; utf16?: boolean };
}

// ---------------------------------------------------------------------------------------------
// Faults clerks and systems make.

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
function typo(rand: Rand, s: string): string {
  if (s.length < 4) return s;
  const i = between(rand, 1, s.length - 2);
  const k = rand();
  if (k < 0.3) return s.slice(0, i) + s.slice(i + 1);
  if (k < 0.6) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  if (k < 0.8) return s.slice(0, i) + pick(rand, LETTERS) + s.slice(i + 1);
  return s.slice(0, i) + s[i] + s.slice(i);
}
function nickname(rand: Rand, forename: string): string {
  const n = NICKNAMES[forename];
  return n ? pick(rand, n) : forename;
}
/** A date of birth as a busy clerk keys it: digits swapped, day and month swapped. */
function dobFault(rand: Rand, iso: string): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const k = rand();
  if (k < 0.45 && Number(d) <= 12 && d !== m) return `${y}-${d}-${m}`;
  if (k < 0.7) return `${y.slice(0, 2)}${y[3]}${y[2]}-${m}-${d}`;
  if (k < 0.85 && d[0] !== d[1]) {
    const swapped = `${d[1]}${d[0]}`;
    if (Number(swapped) >= 1 && Number(swapped) <= 28) return `${y}-${m}-${swapped}`;
  }
  return `${y}-${m}-${String(Math.min(28, Math.max(1, Number(d) + (rand() < 0.5 ? -1 : 1)))).padStart(2, '0')}`;
}
function ninoFault(rand: Rand, nino: string): string {
  const i = between(rand, 2, 7);
  const d = String((Number(nino[i]) + between(rand, 1, 9)) % 10);
  return nino.slice(0, i) + d + nino.slice(i + 1);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export type DateStyle = 'dmy' | 'dmy2' | 'iso' | 'dmon' | 'cell';
export function dateText(iso: string, style: DateStyle): Cell {
  const [y, m, d] = iso.split('-') as [string, string, string];
  if (style === 'iso') return iso;
  if (style === 'dmy') return `${d}/${m}/${y}`;
  if (style === 'dmy2') return `${d}/${m}/${y.slice(2)}`;
  if (style === 'dmon') return `${d}-${MONTHS[Number(m) - 1]}-${y}`;
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
}
const validIso = (iso: string): boolean => {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === iso;
};

interface Faults {
  forenameTypo: number;
  surnameTypo: number;
  nickname: number;
  dob: number;
  dobMissing: number;
  swap: number;
}
/** The name and date of birth one agency records for a person on one row. */
function recorded(rand: Rand, p: Person, f: Faults, maidenChance = 0): { forename: string; surname: string; dob: string | null } {
  let forename = p.forename;
  let surname = p.birthSurname && rand() < maidenChance ? p.birthSurname : p.surname;
  if (rand() < f.nickname) forename = nickname(rand, forename);
  if (rand() < f.forenameTypo) forename = typo(rand, forename);
  if (rand() < f.surnameTypo) surname = typo(rand, surname);
  if (rand() < f.swap) [forename, surname] = [surname, forename];
  let dob: string | null = p.dob;
  if (rand() < f.dob) {
    const faulty = dobFault(rand, p.dob);
    dob = validIso(faulty) ? faulty : p.dob;
  }
  if (rand() < f.dobMissing) dob = null;
  return { forename, surname, dob };
}

// ---------------------------------------------------------------------------------------------
// Addresses as each system writes them.

export function doorAndStreet(rand: Rand, h: Home, abbreviate: boolean): string {
  const street = `${h.street} ${abbreviate ? h.streetType[1] : h.streetType[0]}`;
  if (h.houseName) return `${h.houseName}, ${street}`;
  const numbered = `${h.number} ${street}`;
  if (h.flatKind === 'flat') {
    const k = rand();
    if (h.block && k < 0.5) return `Flat ${h.flat}, ${h.block}, ${numbered}`;
    if (k < 0.6) return `Flat ${h.flat}, ${numbered}`;
    if (k < 0.85) return `${h.flat}/${numbered}`;
    return `Flat ${h.flat} ${numbered}`;
  }
  if (h.flatKind === 'letter') {
    const k = rand();
    if (k < 0.6) return `${h.number}${h.flat} ${street}`;
    if (k < 0.8) return `Flat ${(h.flat as string).toUpperCase()}, ${numbered}`;
    return `${h.number}${(h.flat as string).toUpperCase()} ${street}`;
  }
  if (h.flatKind === 'room') return rand() < 0.7 ? `Room ${h.flat}, ${numbered}` : numbered;
  return numbered;
}

// ---------------------------------------------------------------------------------------------
// The six extracts.

/** The days an extract's events fall in: the financial year, or (next-month.ts) the weeks since. */
export interface Window {
  from: string;
  to: string;
}
export const YEAR: Window = { from: YEAR_START, to: YEAR_END };
const daysIn = (w: Window): number => Math.round((Date.parse(w.to) - Date.parse(w.from)) / 86_400_000) + 1;
/** A rate per year scaled to the window (1 for the year itself). */
const share = (w: Window): number => (w === YEAR ? 1 : daysIn(w) / 365);
const dayIn = (rand: Rand, w: Window): string => addDays(w.from, between(rand, 0, daysIn(w) - 1));
/** Where each extract's own references start, so next month's new rows take new ones. */
export interface FirstRefs {
  occurrence: number;
  youth: number;
  claim: number;
  tenancy: number;
  attendance: number;
}
export const FIRST_REFS: FirstRefs = { occurrence: 240_000, youth: 5100, claim: 700_000, tenancy: 30_000, attendance: 9_100_000 };
const sexWord = (rand: Rand, p: Person): string => (rand() < 0.5 ? p.sex : p.sex === 'M' ? 'Male' : 'Female');

function schools(rand: Rand, hh: Household[]): Extract {
  const censuses: Array<[name: string, day: string]> = [['Autumn 2024', '2024-10-03'], ['Spring 2025', '2025-01-16']];
  const sheets: Sheet[] = censuses.map(([name, day]) => {
    const sheet: Sheet = {
      name,
      preamble: [[`School census pupil extract — ${name}`], [`Produced ${dateText(EXTRACT_DATE, 'dmy') as string}`], []],
      header: ['UPN', 'Legal Surname', 'Legal Forename', 'Middle Name(s)', 'Date of Birth', 'Gender', 'NC Year', 'Address Line 1', 'Address Line 2', 'Town', 'Post Code', 'School'],
      rows: [],
      truth: [],
    };
    for (const h of hh)
      for (const p of h.members) {
        const age = ageOn(p.dob, day);
        if (age < 4 || age > 15 || rand() > 0.96) continue;
        const home = homeOn(h, day);
        const r = recorded(rand, p, { forenameTypo: 0.005, surnameTypo: 0.005, nickname: 0, dob: 0.003, dobMissing: 0, swap: 0 });
        const line = doorAndStreet(rand, home, false);
        const [l1, l2] = line.includes(', ') && rand() < 0.6 ? [line.slice(0, line.lastIndexOf(', ')), line.slice(line.lastIndexOf(', ') + 2)] : [line, ''];
        sheet.rows.push([p.upn, r.surname, r.forename, p.middle, r.dob ? dateText(r.dob, 'cell') : null, p.sex, `Y${Math.max(0, age - 4)}`.replace('Y0', 'R'), l1, l2 || null, home.town, rand() < 0.98 ? home.postcode : null, `${home.town} ${pick(rand, ['Primary', 'Academy', 'High School', 'C of E Primary', 'Junior and Infant'])}`]);
        sheet.truth.push([p.id, p.household]);
      }
    return sheet;
  });
  return { file: 'Education_Census_Pupils.xlsx', sheets };
}

export function police(rand: Rand, hh: Household[], w: Window = YEAR, firstRef = FIRST_REFS.occurrence): Extract {
  const sheet: Sheet = {
    name: '',
    preamble: [],
    header: ['OCCURRENCE_NO', 'REPORTED_DT', 'ASB_CATEGORY', 'INVOLVEMENT', 'NOMINAL_NAME', 'NOMINAL_DOB', 'AGE_AT_OCC', 'HOME_ADDRESS', 'LOCATION', 'BEAT'],
    rows: [],
    truth: [],
  };
  const faults: Faults = { forenameTypo: 0.03, surnameTypo: 0.025, nickname: 0.15, dob: 0.04, dobMissing: 0.12, swap: 0.005 };
  const adults = hh.flatMap((h) => h.members.filter((m) => ageOn(m.dob, w.to) >= 18).map((m) => [h, m] as const));
  let occ = firstRef;
  const row = (h: Household, p: Person, ref: string, day: string, role: string, cat: string): void => {
    const r = recorded(rand, p, faults);
    const home = homeOn(h, day);
    const addr = rand() < 0.05 ? null : `${doorAndStreet(rand, home, true)}, ${home.town}${rand() < 0.9 ? `, ${home.postcode}` : ''}`.toUpperCase();
    const name = `${r.surname.toUpperCase()}, ${r.forename}`;
    sheet.rows.push([ref, dateText(day, 'dmy') as string, cat, role, name, r.dob ? (dateText(r.dob, 'dmy') as string) : null, ageOn(p.dob, day), addr, `${pick(rand, ['Outside', 'Rear of', 'Near'])} ${homeOn(h, day).street} ${homeOn(h, day).streetType[0]}`, `CA${between(rand, 10, 39)}`]);
    sheet.truth.push([p.id, p.household]);
  };
  for (const h of hh) {
    if (rand() > 0.075 * share(w)) continue;
    const candidates = h.members.filter((m) => ageOn(m.dob, w.to) >= 10);
    if (candidates.length === 0) continue;
    const n = between(rand, 1, 3);
    for (let k = 0; k < n; k++) {
      const ref = `WY-${occ++}-24`;
      const day = dayIn(rand, w);
      const cat = pick(rand, ['Nuisance', 'Personal', 'Environmental']);
      const who = new Set([pick(rand, candidates)]);
      if (rand() < 0.35) who.add(pick(rand, candidates));
      for (const p of who) row(h, p, ref, day, pick(rand, ['Suspect', 'Subject', 'Perpetrator']), cat);
      if (rand() < 0.3) {
        const [vh, vp] = pick(rand, adults);
        row(vh, vp, ref, day, 'Victim', cat);
      }
    }
  }
  return { file: 'ASB_nominals_export.csv', sheets: [sheet] };
}

export function youthJustice(rand: Rand, hh: Household[], flagged: Set<string>, w: Window = YEAR, firstRef = FIRST_REFS.youth): Extract {
  const sheet: Sheet = { name: '', preamble: [], header: null, rows: [], truth: [] };
  const faults: Faults = { forenameTypo: 0.02, surnameTypo: 0.02, nickname: 0.05, dob: 0.02, dobMissing: 0.01, swap: 0 };
  let ref = firstRef;
  for (const h of hh)
    for (const p of h.members) {
      const age = ageOn(p.dob, w.to);
      if (age < 10 || age > 17) continue;
      if (rand() > (flagged.has(h.id) ? 0.2 : 0.02) * share(w)) continue;
      const id = `YJ${ref++}`;
      for (let k = between(rand, 1, 2); k > 0; k--) {
        const day = dayIn(rand, w);
        const r = recorded(rand, p, faults);
        const home = homeOn(h, day);
        sheet.rows.push([id, r.surname, r.forename, r.dob ? (dateText(r.dob, 'dmy') as string) : null, p.sex === 'M' ? 'Male' : 'Female', rand() < 0.97 ? home.postcode : null, pick(rand, ['Youth Caution', 'Youth Conditional Caution', 'Referral Order', 'YRO', 'Triage']), dateText(day, 'dmy') as string]);
        sheet.truth.push([p.id, p.household]);
      }
    }
  return { file: 'yot_cases.csv', sheets: [sheet] };
}

export function dwp(rand: Rand, hh: Household[], w: Window = YEAR, firstRef = FIRST_REFS.claim): Extract {
  const sheet: Sheet = {
    name: '',
    preamble: [],
    header: ['CLAIM_ID', 'CLMT_NINO', 'CLMT_TITLE', 'CLMT_FORENAME', 'CLMT_SURNAME', 'CLMT_DOB', 'CLMT_POSTCODE', 'BENEFIT_TYPE', 'AWARD_START', 'JOINT_CLAIM'],
    rows: [],
    truth: [],
  };
  const faults: Faults = { forenameTypo: 0.01, surnameTypo: 0.01, nickname: 0.03, dob: 0.01, dobMissing: 0, swap: 0.003 };
  let claim = firstRef;
  for (const h of hh) {
    const adults = h.members.filter((m) => m.role !== 'child' && ageOn(m.dob, YEAR_END) >= 18);
    if (adults.length === 0) continue;
    const kids = h.members.some((m) => m.role === 'child');
    const lone = adults.length === 1 && kids;
    const chance = lone ? 0.75 : kids ? 0.38 : 0.28;
    if (rand() > chance * share(w)) continue;
    // the claimant and partner: the first two adults if a couple, else the first
    const couple = adults.length >= 2 && adults[1] && Math.abs(ageOn((adults[0] as Person).dob, YEAR_END) - ageOn((adults[1] as Person).dob, YEAR_END)) < 15;
    const unit = couple ? adults.slice(0, 2) : adults.slice(0, 1);
    const pension = ageOn((unit[0] as Person).dob, YEAR_END) >= 67;
    const benefits = pension ? ['Pension Credit'] : rand() < 0.3 ? ['Universal Credit', pick(rand, ['PIP', 'Carers Allowance', 'ESA'])] : ['Universal Credit'];
    for (const benefit of benefits) {
      const ref = `C${claim++}`;
      const start = rand() < 0.7 && w === YEAR ? addDays(YEAR_START, -between(rand, 30, 1500)) : dayIn(rand, w);
      const seen = start < w.from ? w.to : start;
      for (const p of unit) {
        const r = recorded(rand, p, faults);
        const nino = p.nino === null || rand() < 0.03 ? null : rand() < 0.025 ? ninoFault(rand, p.nino) : p.nino;
        const title = p.sex === 'M' ? 'Mr' : pick(rand, ['Mrs', 'Ms', 'Miss']);
        sheet.rows.push([ref, nino, title, r.forename.toUpperCase(), r.surname.toUpperCase(), r.dob ? (dateText(r.dob, 'dmon') as string) : null, homeOn(h, seen).postcode, benefit, dateText(start, 'iso') as string, unit.length > 1 ? 'Y' : 'N']);
        sheet.truth.push([p.id, p.household]);
      }
    }
    // grown-up children claim on their own
    for (const p of adults.slice(unit.length)) {
      if (rand() > 0.18 || ageOn(p.dob, YEAR_END) >= 67) continue;
      const r = recorded(rand, p, faults);
      sheet.rows.push([`C${claim++}`, p.nino, p.sex === 'M' ? 'Mr' : 'Miss', r.forename.toUpperCase(), r.surname.toUpperCase(), r.dob ? (dateText(r.dob, 'dmon') as string) : null, homeOn(h, w.to).postcode, 'Universal Credit', dateText(dayIn(rand, w), 'iso') as string, 'N']);
      sheet.truth.push([p.id, p.household]);
    }
  }
  return { file: 'DWP_LA_share_UC_PC.csv', sheets: [sheet] };
}

/** `since`: only tenancies begun on or after that day (next month's new lets). */
export function housing(rand: Rand, hh: Household[], firstRef = FIRST_REFS.tenancy, since?: string): Extract {
  const sheet: Sheet = {
    name: 'Tenancies',
    preamble: [],
    header: ['Tenancy Ref', 'Property Ref', 'Property Address', 'Postcode', 'Tenancy Start', 'Tenancy End', 'Relationship', 'Title', 'First Name', 'Surname', 'Date of Birth'],
    rows: [],
    truth: [],
  };
  const faults: Faults = { forenameTypo: 0.01, surnameTypo: 0.01, nickname: 0.02, dob: 0.015, dobMissing: 0.04, swap: 0 };
  let tref = firstRef;
  for (const h of hh) {
    if (!h.social) continue;
    h.stays.forEach((stay, si) => {
      // a grown-up child's own tenancy starts when they leave home, not at their parents'
      if (h.kind === 'left home' && si === 0) return;
      if (since !== undefined && stay.from < since) return;
      const ref = `T${tref++}`;
      const start = si === 0 ? (stay.from > YEAR_START ? stay.from : addDays(YEAR_START, -between(rand, 60, 4000))) : stay.from;
      const lead = h.members[0] as Person;
      h.members.forEach((p, i) => {
        const child = p.role === 'child';
        if (rand() > (child ? 0.88 : 0.97)) return;
        const r = recorded(rand, p, faults);
        const age = ageOn(p.dob, YEAR_END);
        const relation = i === 0 ? 'Lead Tenant' : i === 1 && !child && Math.abs(age - ageOn(lead.dob, YEAR_END)) < 15 ? pick(rand, ['Joint Tenant', 'Partner', 'Spouse']) : child ? (p.sex === 'M' ? 'Son' : 'Daughter') : pick(rand, ['Son', 'Daughter', 'Other Adult', 'Mother', 'Relative']);
        const title = p.sex === 'M' ? (age < 16 ? 'Master' : 'Mr') : age < 16 ? 'Miss' : pick(rand, ['Mrs', 'Ms', 'Miss']);
        sheet.rows.push([ref, stay.home.uprn, `${doorAndStreet(rand, stay.home, rand() < 0.3)}, ${stay.home.town}`, stay.home.postcode, dateText(start, 'cell'), stay.to ? dateText(stay.to, 'cell') : null, relation, title, r.forename, p.suffix ? `${r.surname} ${p.suffix}` : r.surname, r.dob ? dateText(r.dob, 'cell') : null]);
        sheet.truth.push([p.id, p.household]);
      });
    });
  }
  return { file: 'Housing_tenancy_household_members.xlsx', sheets: [sheet] };
}

export function health(rand: Rand, hh: Household[], w: Window = YEAR, firstRef = FIRST_REFS.attendance): Extract {
  const sheet: Sheet = {
    name: '',
    preamble: [],
    header: ['ATTEND_ID', 'ARRIVAL_DTTM', 'PAT_NHS_NO', 'PAT_SURNAME', 'PAT_FORENAME', 'PAT_DOB', 'PAT_SEX', 'PAT_POSTCODE', 'PRESENTING_COMPLAINT', 'DISCHARGE'],
    rows: [],
    truth: [],
  };
  const faults: Faults = { forenameTypo: 0.02, surnameTypo: 0.02, nickname: 0.06, dob: 0.02, dobMissing: 0.01, swap: 0.004 };
  let id = firstRef;
  for (const h of hh)
    for (const p of h.members) {
      const age = ageOn(p.dob, w.to);
      const rate = (age < 5 ? 0.5 : age < 18 ? 0.3 : age < 65 ? 0.25 : 0.55) * share(w);
      let visits = 0;
      while (rand() < rate / (1 + visits * 0.6) && visits < 6) visits++;
      for (let v = 0; v < visits; v++) {
        // a baby attends after being born
        const day = [dayIn(rand, w), addDays(p.dob, between(rand, 1, 90))].reduce((a, b) => (a > b ? a : b));
        if (day > w.to) continue;
        const r = recorded(rand, p, faults, 0.25);
        const twoDigit = rand() < 0.3;
        sheet.rows.push([`ED${id++}`, `${dateText(day, 'dmy') as string} ${String(between(rand, 0, 23)).padStart(2, '0')}:${String(between(rand, 0, 59)).padStart(2, '0')}`, rand() < 0.7 ? p.nhs : null, r.surname, r.forename, r.dob ? (dateText(r.dob, twoDigit ? 'dmy2' : 'dmy') as string) : null, sexWord(rand, p), rand() < 0.97 ? homeOn(h, day).postcode : null, pick(rand, ['Fall', 'Chest pain', 'Head injury', 'Fever', 'Abdominal pain', 'Wound', 'Breathing difficulty', 'Overdose', 'Assault']), pick(rand, ['Discharged', 'Admitted', 'GP follow-up', 'Left before seen'])]);
        sheet.truth.push([p.id, p.household]);
      }
    }
  return { file: 'ED_attendances_FY2425.csv', sheets: [sheet] };
}

// ---------------------------------------------------------------------------------------------
// Writing.

const csvCell = (c: Cell, delimiter = ','): string => {
  if (c === null) return '';
  const s = c instanceof Date ? c.toISOString().slice(0, 10) : String(c);
  return /["\n\r]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function writeExtract(e: Extract, dir: string, truth: string[]): Promise<string> {
  const path = join(dir, e.file);
  if (e.file.endsWith('.csv')) {
    const sheet = e.sheets[0] as Sheet;
    const { delimiter = ',', bom = false, eol = '\r\n', sepLine = false, utf16 = false } = e.csv ?? {};
    const lines = [...sheet.preamble, ...(sheet.header ? [sheet.header] : []), ...sheet.rows, ...(sheet.footer ?? [])].map((r) => r.map((c) => csvCell(c, delimiter)).join(delimiter));
    if (sepLine) lines.unshift(`sep=${delimiter}`);
    const text = `${bom || utf16 ? '\uFEFF' : ''}${lines.join(eol)}${eol}`;
    writeFileSync(path, utf16 ? Buffer.from(text, 'utf16le') : text);
    const above = (sepLine ? 1 : 0) + sheet.preamble.length + (sheet.header ? 1 : 0);
    sheet.truth.forEach(([p, h], i) => truth.push(`${e.file},,${above + i + 1},${p},${h}`));
    return path;
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  for (const sheet of e.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    for (const r of sheet.preamble) ws.addRow(r).commit();
    if (sheet.header) ws.addRow(sheet.header).commit();
    for (const r of sheet.rows) {
      const row = ws.addRow(r);
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
      });
      row.commit();
    }
    for (const r of sheet.footer ?? []) ws.addRow(r).commit();
    ws.commit();
    const above = sheet.preamble.length + (sheet.header ? 1 : 0);
    sheet.truth.forEach(([p, h], i) => truth.push(`${e.file},${sheet.name},${above + i + 1},${p},${h}`));
  }
  await wb.commit();
  return path;
}

/** The six extracts of the financial year, in their plain layouts. */
export function makeExtracts(borough: Borough, seed: number): Extract[] {
  const rand = seeded(seed * 7919 + 1);
  const hh = borough.households;
  const asb = police(rand, hh);
  const flagged = new Set<string>();
  asb.sheets[0]?.truth.forEach(([, h]) => flagged.add(h));
  return [schools(rand, hh), asb, youthJustice(rand, hh, flagged), dwp(rand, hh), housing(rand, hh), health(rand, hh)];
}

/**
 * Writes the six extracts and truth.csv into dir; returns the extract paths. `relayout` (variants.ts)
 * may lay the extracts out another way before they are written.
 */
export async function writeUnseenBorough(households: number, seed: number, dir: string, relayout?: (extracts: Extract[], borough: Borough) => Extract[]): Promise<string[]> {
  const borough = makeBorough(households, seed);
  const made = makeExtracts(borough, seed);
  const extracts = relayout ? relayout(made, borough) : made;
  const truth = ['file,sheet,row_number,person_id,household_id'];
  const files = await writeExtracts(extracts, dir, truth);
  writeTruth(dir, truth, borough.households);
  return files;
}

export async function writeExtracts(extracts: Extract[], dir: string, truth: string[]): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const e of extracts) files.push(await writeExtract(e, dir, truth));
  return files;
}

/** truth.csv, and what the model knows about each household for sorting errors into classes (never imported). */
export function writeTruth(dir: string, truth: string[], hh: Household[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'truth.csv'), `${truth.join('\n')}\n`);
  const detail = ['household_id,kind,person_id,sex,dob,role,suffix,birth_surname'];
  for (const h of hh) for (const p of h.members) detail.push([h.id, h.kind, p.id, p.sex, p.dob, p.role, p.suffix ?? '', p.birthSurname ? 'Y' : ''].join(','));
  writeFileSync(join(dir, 'households.csv.txt'), `${detail.join('\n')}\n`);
}
