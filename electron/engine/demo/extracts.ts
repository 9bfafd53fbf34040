// Agency extracts derived from the synthetic borough: what each partner would send, in its own
// layout, with realistic recording errors. Pure and deterministic for (borough, seed).

import type { ColumnRole, SourceKind } from '../../../shared/domain/record-fields.js';
import {
  AS_OF,
  type Address,
  type Borough,
  type Household,
  type Person,
  type Risk,
  SCHOOL_CENSUS_DAY,
  WINDOW_START,
  addressAt,
  addressLine,
  householdIndexAt,
} from './borough.js';
import {
  addYears,
  ageOn,
  dayOf,
  excelSerial,
  fmtDmy,
  fmtDmyShort,
  fmtDmyTime,
  fmtIso,
  fmtOracle,
  isValidYmd,
  ymdOf,
} from './dates.js';
import { spacedNhsNumber } from './identifiers.js';
import { BOROUGH_NAME, COUNCIL_NAME, LA_NUMBER, NICKNAMES, STREET_TYPE_ABBREVIATIONS, titleFor } from './names.js';
import { ninoTypo, SCENARIO_RATES } from './scenarios.js';
import { Rng } from './prng.js';

// ---------------------------------------------------------------------------------------------
// Types

/** An Excel date cell: the serial day number, shown with the given number format. */
export interface ExcelDateCell {
  excelDate: number;
  format: string;
}
export type CellValue = string | number | ExcelDateCell | null;

export const ERROR_KINDS = [
  'typo-substitution',
  'typo-transposition',
  'typo-deletion',
  'nickname',
  'name-swap',
  'dob-day-month-swap',
  'dob-digit',
  'dob-missing',
  'postcode-lowercase',
  'postcode-no-space',
  'old-address',
  'blank-field',
  'nhs-spaces',
  'surname-uppercase',
  'previous-surname',
  'hyphen-variant',
  'diacritics-stripped',
  'nino-typo',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Ground truth for one data row. */
export interface RowTruth {
  personId: string;
  /** the person's household at the as-of date */
  householdId: string;
  /** what was done to this row's copy of the person's details */
  errors: ErrorKind[];
}

export interface SheetData {
  name: string;
  /** rows above the header (titles, blank rows) */
  preamble: CellValue[][];
  header: string[];
  rows: CellValue[][];
  /** parallel to rows */
  truth: RowTruth[];
  /** rows after the data (blank row, totals) */
  footer: CellValue[][];
  /** column widths in characters (xlsx only) */
  widths?: number[];
}

export interface NotesSheet {
  name: string;
  lines: string[];
}

export const EXTRACT_IDS = ['school', 'police', 'youth-justice', 'benefits', 'housing', 'health'] as const;
export type ExtractId = (typeof EXTRACT_IDS)[number];

export interface Extract {
  id: ExtractId;
  fileName: string;
  format: 'csv' | 'xlsx';
  kind: SourceKind;
  partner: string;
  /** workbook title (xlsx properties) */
  title: string;
  sheets: SheetData[];
  notes: NotesSheet | null;
}

/** The spreadsheet row number (1-based, as a spreadsheet program shows it) of data row i. */
export function rowNumberOf(extract: Extract, sheet: SheetData, i: number): number {
  if (extract.format === 'csv') return i + 2; // header is record 1
  return sheet.preamble.length + 1 + i + 1;
}

// ---------------------------------------------------------------------------------------------
// File layouts: every header each agency uses and the Record field it carries.

export interface SheetSpec {
  name: string;
  columns: readonly (readonly [header: string, role: ColumnRole])[];
}
export interface ExtractSpec {
  id: ExtractId;
  fileName: string;
  format: 'csv' | 'xlsx';
  kind: SourceKind;
  partner: string;
  sheets: readonly SheetSpec[];
}

export const EXTRACT_SPECS: Readonly<Record<ExtractId, ExtractSpec>> = {
  school: {
    id: 'school',
    fileName: 'demo-school-census-2024-25.xlsx',
    format: 'xlsx',
    kind: 'school',
    partner: `${BOROUGH_NAME} Education (school census)`,
    sheets: [
      {
        name: 'Attendance',
        columns: [
          ['Pupil ID', 'person_ref'],
          ['Pupil UPN', 'upn'],
          ['Legal Surname', 'surname'],
          ['Legal Forename', 'forename'],
          ['Middle Name(s)', 'middle_names'],
          ['Preferred Forename', 'ignore'],
          ['Date of Birth', 'dob'],
          ['Gender', 'sex'],
          ['NC Year', 'ignore'],
          ['School Name', 'ignore'],
          ['DfE Number', 'ignore'],
          ['Address', 'address'],
          ['Post Code', 'postcode'],
          ['Sessions Possible Sum 2024', 'event'],
          ['Unauthorised Absences Sum 2024', 'event'],
          ['Sessions Possible Aut 2024', 'event'],
          ['Unauthorised Absences Aut 2024', 'event'],
          ['Sessions Possible Spr 2025', 'event'],
          ['Unauthorised Absences Spr 2025', 'event'],
        ],
      },
      {
        name: 'Exclusions',
        columns: [
          ['Exclusion Ref', 'agency_ref'],
          ['UPN', 'upn'],
          ['Surname', 'surname'],
          ['Forename', 'forename'],
          ['DOB', 'dob'],
          ['Gender', 'sex'],
          ['School Name', 'ignore'],
          ['Exclusion Type', 'event'],
          ['Start Date', 'event_date'],
          ['Sessions', 'event'],
          ['Reason', 'event'],
        ],
      },
    ],
  },
  police: {
    id: 'police',
    fileName: 'demo-police-asb-crime-2024-25.csv',
    format: 'csv',
    kind: 'police',
    partner: 'South Wexthorpe Police (synthetic)',
    sheets: [
      {
        name: '',
        columns: [
          ['Occurrence Ref', 'event'],
          ['Incident Date', 'event_date'],
          ['Incident Type', 'event'],
          ['Involvement', 'event'],
          ['Nominal ID', 'person_ref'],
          ['Full Name', 'full_name'],
          ['DOB', 'dob'],
          ['Sex', 'sex'],
          ['Home Address', 'address'],
          ['Summary', 'ignore'],
        ],
      },
    ],
  },
  'youth-justice': {
    id: 'youth-justice',
    fileName: 'demo-youth-justice-2024-25.xlsx',
    format: 'xlsx',
    kind: 'youth-justice',
    partner: `${BOROUGH_NAME} Youth Justice Service`,
    sheets: [
      {
        name: 'Offences',
        columns: [
          ['YOT Case No', 'agency_ref'],
          ['Surname', 'surname'],
          ['First Name', 'forename'],
          ['DOB', 'dob'],
          ['Gender', 'sex'],
          ['Postcode', 'postcode'],
          ['Offence Date', 'event_date'],
          ['Offence', 'event'],
          ['Outcome', 'event'],
          ['Outcome Date', 'event'],
        ],
      },
    ],
  },
  benefits: {
    id: 'benefits',
    fileName: 'demo-dwp-benefits-2024-25.csv',
    format: 'csv',
    kind: 'benefits',
    partner: 'DWP (synthetic data share)',
    sheets: [
      {
        name: '',
        columns: [
          ['Claim Ref', 'agency_ref'],
          ['NI Number', 'nino'],
          ['Surname', 'surname'],
          ['First Name', 'forename'],
          ['Date of Birth', 'dob'],
          ['Sex', 'sex'],
          ['Postcode', 'postcode'],
          ['Benefit Type', 'event'],
          ['Claim Start Date', 'event_date'],
          ['Claim End Date', 'event'],
        ],
      },
    ],
  },
  housing: {
    id: 'housing',
    fileName: 'demo-housing-tenancies-2025-03.xlsx',
    format: 'xlsx',
    kind: 'housing',
    partner: `${BOROUGH_NAME} Homes (council housing)`,
    sheets: [
      {
        name: 'Tenancies',
        columns: [
          ['Tenancy Ref', 'agency_ref'],
          ['Client Ref', 'person_ref'],
          ['UPRN', 'uprn'],
          ['Address Line 1', 'address_line'],
          ['Address Line 2', 'address_line'],
          ['Town', 'town'],
          ['Post Code', 'postcode'],
          ['Relationship', 'ignore'],
          ['Title', 'title'],
          ['Forename', 'forename'],
          ['Surname', 'surname'],
          ['Date of Birth', 'dob'],
          ['Tenancy Start', 'event_date'],
          ['Tenancy End', 'event'],
          ['ASB Case', 'event'],
          ['Arrears (£)', 'event'],
        ],
      },
    ],
  },
  health: {
    id: 'health',
    fileName: 'demo-health-ae-attendances-2024-25.csv',
    format: 'csv',
    kind: 'health',
    partner: `${BOROUGH_NAME} Hospitals NHS Trust (synthetic)`,
    sheets: [
      {
        name: '',
        columns: [
          ['Attendance ID', 'agency_ref'],
          ['Site', 'ignore'],
          ['NHS No', 'nhs_number'],
          ['Surname', 'surname'],
          ['Forename', 'forename'],
          ['DOB', 'dob'],
          ['Gender Code', 'sex'],
          ['Post Code', 'postcode'],
          ['Attendance Date', 'event_date'],
          ['Arrival Mode', 'event'],
          ['Presenting Complaint', 'event'],
          ['Discharge Outcome', 'event'],
        ],
      },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// Error model

/** Probabilities per person as the agency holds them (one "view" per person per agency). */
export interface ErrorRates {
  forenameTypo: number;
  surnameTypo: number;
  /** forename recorded as a nickname / variant spelling */
  nickname: number;
  nameSwap: number;
  dobDayMonthSwap: number;
  dobDigit: number;
  dobMissing: number;
  postcodeLowercase: number;
  postcodeNoSpace: number;
  /** one optional field left blank */
  blankField: number;
  /** the agency never recorded a move: keeps the address held at the start of the year */
  staleAddress: number;
  /** a recently married woman recorded under her previous surname */
  previousSurname: number;
  /** a double-barrelled surname held as one part or with a space */
  hyphenVariant: number;
  /** accents dropped (ASCII-only systems) */
  stripDiacritics: number;
}

export const ERROR_RATES: Readonly<Record<ExtractId, ErrorRates>> = {
  school: {
    forenameTypo: 0.005,
    surnameTypo: 0.005,
    nickname: 0.01,
    nameSwap: 0.002,
    dobDayMonthSwap: 0.003,
    dobDigit: 0.003,
    dobMissing: 0,
    postcodeLowercase: 0,
    postcodeNoSpace: 0.01,
    blankField: 0.01,
    staleAddress: 0.05,
    previousSurname: 0,
    hyphenVariant: 0.1,
    stripDiacritics: 0,
  },
  police: {
    forenameTypo: 0.04,
    surnameTypo: 0.035,
    nickname: 0.12,
    nameSwap: 0.02,
    dobDayMonthSwap: 0.02,
    dobDigit: 0.02,
    dobMissing: 0.03,
    postcodeLowercase: 0.03,
    postcodeNoSpace: 0.04,
    blankField: 0.03,
    staleAddress: 0.3,
    previousSurname: 0.35,
    hyphenVariant: 0.4,
    stripDiacritics: 1,
  },
  'youth-justice': {
    forenameTypo: 0.02,
    surnameTypo: 0.02,
    nickname: 0.05,
    nameSwap: 0.005,
    dobDayMonthSwap: 0.01,
    dobDigit: 0.012,
    dobMissing: 0.005,
    postcodeLowercase: 0.02,
    postcodeNoSpace: 0.05,
    blankField: 0.02,
    staleAddress: 0.2,
    previousSurname: 0,
    hyphenVariant: 0.3,
    stripDiacritics: 0.5,
  },
  benefits: {
    forenameTypo: 0.01,
    surnameTypo: 0.01,
    nickname: 0.005,
    nameSwap: 0.003,
    dobDayMonthSwap: 0.004,
    dobDigit: 0.006,
    dobMissing: 0,
    postcodeLowercase: 0.01,
    postcodeNoSpace: 0.03,
    blankField: 0.01,
    staleAddress: 0.5,
    previousSurname: 0.3,
    hyphenVariant: 0.2,
    stripDiacritics: 1,
  },
  housing: {
    forenameTypo: 0.02,
    surnameTypo: 0.02,
    nickname: 0.06,
    nameSwap: 0.01,
    dobDayMonthSwap: 0.015,
    dobDigit: 0.012,
    dobMissing: 0.04,
    postcodeLowercase: 0,
    postcodeNoSpace: 0.01,
    blankField: 0.03,
    staleAddress: 0,
    previousSurname: 0.3,
    hyphenVariant: 0.3,
    stripDiacritics: 0.3,
  },
  health: {
    forenameTypo: 0.025,
    surnameTypo: 0.02,
    nickname: 0.03,
    nameSwap: 0.01,
    dobDayMonthSwap: 0.012,
    dobDigit: 0.012,
    dobMissing: 0.005,
    postcodeLowercase: 0.04,
    postcodeNoSpace: 0.06,
    blankField: 0.02,
    staleAddress: 0.4,
    previousSurname: 0.5,
    hyphenVariant: 0.3,
    stripDiacritics: 0.5,
  },
};

/** Share of health rows whose NHS number is printed with spaces (3-3-4). */
export const NHS_SPACED_RATE = 0.35;

type BlankableField = 'middle' | 'sex' | 'postcode' | 'address' | 'nhs' | 'title' | 'uprn';

/** An agency's copy of one person's details. */
interface View {
  person: Person;
  forename: string;
  middle: string;
  surname: string;
  dob: number | null;
  swapped: boolean;
  postcodeLower: boolean;
  postcodeNoSpace: boolean;
  blank: BlankableField | null;
  stale: boolean;
  stripDiacritics: boolean;
  errors: ErrorKind[];
}

const KEY_NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'qwsz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wsdr',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
};

const isLetter = (c: string | undefined): boolean => c !== undefined && /[a-z]/i.test(c);

/** One keying error in a name: substitution (keyboard neighbour), transposition or deletion. */
export function typo(rng: Rng, s: string): { value: string; kind: ErrorKind } | null {
  if (s.length < 3) return null;
  const kind = rng.weighted<ErrorKind>([
    ['typo-substitution', 45],
    ['typo-transposition', 25],
    ['typo-deletion', 30],
  ]);
  for (let tries = 0; tries < 8; tries++) {
    const i = rng.chance(0.9) ? rng.int(1, s.length - 1) : 0;
    const c = s[i];
    if (!isLetter(c)) continue;
    let value: string;
    if (kind === 'typo-substitution') {
      const lower = (c as string).toLowerCase();
      const n = rng.pick((KEY_NEIGHBOURS[lower] ?? 'e').split(''));
      const sub = c === lower ? n : n.toUpperCase();
      value = s.slice(0, i) + sub + s.slice(i + 1);
    } else if (kind === 'typo-transposition') {
      const j = i === s.length - 1 ? i - 1 : i;
      const a = s[j] as string;
      const b = s[j + 1] as string;
      if (a.toLowerCase() === b.toLowerCase() || !isLetter(b) || !isLetter(a)) continue;
      // keep the capital at the front when swapping the first two letters
      const first = j === 0 ? b.toUpperCase() + a.toLowerCase() : b + a;
      value = s.slice(0, j) + first + s.slice(j + 2);
    } else {
      value = s.slice(0, i) + s.slice(i + 1);
      if (i === 0) value = value.charAt(0).toUpperCase() + value.slice(1);
    }
    if (value !== s && value.length >= 2) return { value, kind };
  }
  return null;
}

/** A date of birth with one digit mis-keyed (still a real date, not in the future). */
export function dobDigitError(rng: Rng, dob: number): number | null {
  const { y, m, d } = ymdOf(dob);
  const text = `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y).padStart(4, '0')}`;
  const positions = [0, 1, 1, 2, 3, 3, 6, 7, 7];
  for (let tries = 0; tries < 12; tries++) {
    const pos = rng.pick(positions);
    const digit = String(rng.int(0, 9));
    if (text[pos] === digit) continue;
    const t = text.slice(0, pos) + digit + text.slice(pos + 1);
    const nd = Number(t.slice(0, 2));
    const nm = Number(t.slice(2, 4));
    const ny = Number(t.slice(4));
    if (!isValidYmd(ny, nm, nd)) continue;
    const day = dayOf(ny, nm, nd);
    if (day > AS_OF || day === dob) continue;
    return day;
  }
  return null;
}

export function dayMonthSwapped(dob: number): number | null {
  const { y, m, d } = ymdOf(dob);
  if (d > 12 || d === m) return null;
  const day = dayOf(y, d, m);
  return day > AS_OF ? null : day;
}

export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function makeView(rng: Rng, person: Person, rates: ErrorRates, blankable: readonly BlankableField[]): View {
  const errors: ErrorKind[] = [];
  let forename = person.forename;
  let surname = person.surname;
  if (person.previousSurname && rng.chance(rates.previousSurname)) {
    surname = person.previousSurname;
    errors.push('previous-surname');
  }
  if (surname.includes('-') && rng.chance(rates.hyphenVariant)) {
    const parts = surname.split('-');
    const r = rng.next();
    surname = r < 0.4 ? (parts[parts.length - 1] as string) : r < 0.7 ? (parts[0] as string) : parts.join(' ');
    errors.push('hyphen-variant');
  }
  const nicks = NICKNAMES.get(forename);
  if (nicks && rng.chance(rates.nickname)) {
    forename = rng.pick(nicks);
    errors.push('nickname');
  }
  if (rng.chance(rates.forenameTypo)) {
    const t = typo(rng, forename);
    if (t) {
      forename = t.value;
      errors.push(t.kind);
    }
  }
  if (rng.chance(rates.surnameTypo)) {
    const t = typo(rng, surname);
    if (t) {
      surname = t.value;
      errors.push(t.kind);
    }
  }
  let dob: number | null = person.dob;
  if (rng.chance(rates.dobMissing)) {
    dob = null;
    errors.push('dob-missing');
  } else if (rng.chance(rates.dobDayMonthSwap)) {
    const swapped = dayMonthSwapped(person.dob);
    if (swapped !== null) {
      dob = swapped;
      errors.push('dob-day-month-swap');
    }
  } else if (rng.chance(rates.dobDigit)) {
    const changed = dobDigitError(rng, person.dob);
    if (changed !== null) {
      dob = changed;
      errors.push('dob-digit');
    }
  }
  const swapped = rng.chance(rates.nameSwap);
  if (swapped) errors.push('name-swap');
  const postcodeLower = rng.chance(rates.postcodeLowercase);
  const postcodeNoSpace = rng.chance(rates.postcodeNoSpace);
  let blank: BlankableField | null = null;
  if (blankable.length > 0 && rng.chance(rates.blankField)) {
    blank = rng.pick(blankable);
    if (blank === 'middle' && !person.middleName) blank = null;
  }
  const stale = rng.chance(rates.staleAddress);
  const strip = rng.chance(rates.stripDiacritics);
  return {
    person,
    forename,
    middle: person.middleName,
    surname,
    dob,
    swapped,
    postcodeLower,
    postcodeNoSpace,
    blank,
    stale,
    stripDiacritics: strip,
    errors,
  };
}

/** Builds row truth and collects the row-level error tags. */
class RowErrors {
  readonly list: ErrorKind[];
  constructor(view: View) {
    this.list = [...view.errors];
  }
  add(kind: ErrorKind): void {
    if (!this.list.includes(kind)) this.list.push(kind);
  }
  remove(kind: ErrorKind): void {
    const i = this.list.indexOf(kind);
    if (i >= 0) this.list.splice(i, 1);
  }
}

function nameText(view: View, value: string, errs: RowErrors, upper: boolean): string {
  let v = value;
  if (view.stripDiacritics) {
    const s = stripDiacritics(v);
    if (s !== v) errs.add('diacritics-stripped');
    v = s;
  }
  return upper ? v.toUpperCase() : v;
}

/** [forename field, surname field] after a possible swap. */
function namePair(view: View): [string, string] {
  return view.swapped ? [view.surname, view.forename] : [view.forename, view.surname];
}

function postcodeText(view: View, postcode: string, errs: RowErrors): string {
  if (view.blank === 'postcode') {
    errs.add('blank-field');
    return '';
  }
  let pc = postcode;
  if (view.postcodeNoSpace) {
    pc = pc.replace(' ', '');
    errs.add('postcode-no-space');
  }
  if (view.postcodeLower) {
    pc = pc.toLowerCase();
    errs.add('postcode-lowercase');
  }
  return pc;
}

function blankIf(view: View, field: BlankableField, value: string, errs: RowErrors): string {
  if (view.blank === field && value !== '') {
    errs.add('blank-field');
    return '';
  }
  return value;
}

/** The address the agency holds for a person on a day, tagging old addresses. */
function heldAddress(b: Borough, view: View, day: number, errs: RowErrors): Address {
  const actual = view.stale ? addressAt(b, view.person, Math.min(day, WINDOW_START)) : addressAt(b, view.person, day);
  if (actual.uprn !== addressAt(b, view.person, AS_OF).uprn) errs.add('old-address');
  return actual;
}

function truthOf(view: View, errs: RowErrors): RowTruth {
  return { personId: view.person.id, householdId: view.person.householdId, errors: errs.list };
}

const excelDate = (day: number): ExcelDateCell => ({ excelDate: excelSerial(day), format: 'dd/mm/yyyy' });

function riskOf(b: Borough, person: Person, day: number): Risk {
  return (b.households[householdIndexAt(person, day)] as Household).risk;
}

/** Random unique references: prefix + zero-padded number. */
class RefMaker {
  private readonly seen = new Set<number>();
  constructor(
    private readonly rng: Rng,
    private readonly digits: number,
    private readonly lo = 0,
  ) {}
  next(): number {
    const hi = 10 ** this.digits - 1;
    for (;;) {
      const n = this.rng.int(this.lo, hi);
      if (!this.seen.has(n)) {
        this.seen.add(n);
        return n;
      }
    }
  }
  text(prefix = ''): string {
    return prefix + String(this.next()).padStart(this.digits, '0');
  }
}

interface PendingRow {
  key: (string | number)[];
  cells: CellValue[];
  truth: RowTruth;
}

function compareKeys(a: PendingRow, b: PendingRow): number {
  const n = Math.min(a.key.length, b.key.length);
  for (let i = 0; i < n; i++) {
    const x = a.key[i] as string | number;
    const y = b.key[i] as string | number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.key.length - b.key.length;
}

function sheetFrom(spec: SheetSpec, pending: PendingRow[], extra?: Partial<SheetData>): SheetData {
  pending.sort(compareKeys);
  return {
    name: spec.name,
    preamble: extra?.preamble ?? [],
    header: spec.columns.map(([h]) => h),
    rows: pending.map((r) => r.cells),
    truth: pending.map((r) => r.truth),
    footer: extra?.footer ?? [],
    ...(extra?.widths ? { widths: extra.widths } : {}),
  };
}

function extractFrom(spec: ExtractSpec, title: string, sheets: SheetData[], notes: NotesSheet | null = null): Extract {
  return { id: spec.id, fileName: spec.fileName, format: spec.format, kind: spec.kind, partner: spec.partner, title, sheets, notes };
}

const SYNTHETIC_NOTE = 'SYNTHETIC DEMO DATA: invented people and addresses generated by Baseline Workbench. Not real.';

/** Day of week, 0 = Sunday. */
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;

function randomDay(rng: Rng, lo: number, hi: number): number {
  return rng.int(lo, Math.max(lo, hi));
}

function schoolDay(rng: Rng, lo: number, hi: number): number {
  for (let tries = 0; tries < 50; tries++) {
    const d = randomDay(rng, lo, hi);
    const w = weekday(d);
    if (w === 0 || w === 6 || ymdOf(d).m === 8) continue;
    return d;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// School census and attendance (xlsx: Attendance + Exclusions)

const EXCLUSION_REASONS: readonly (readonly [string, number])[] = [
  ['Persistent disruptive behaviour', 40],
  ['Verbal abuse / threatening behaviour against an adult', 15],
  ['Physical assault against a pupil', 14],
  ['Physical assault against an adult', 5],
  ['Verbal abuse / threatening behaviour against a pupil', 8],
  ['Damage', 4],
  ['Drug and alcohol related', 4],
  ['Bullying', 3],
  ['Use or threat of use of an offensive weapon or prohibited item', 2],
  ['Wilful and repeated transgression of protective measures', 1],
  ['Other', 4],
];

function schoolExtract(b: Borough, seed: number | string): Extract {
  const spec = EXTRACT_SPECS.school;
  const rng = new Rng(seed, 'extract/school');
  const rates = ERROR_RATES.school;
  const pupilIds = new RefMaker(rng, 6, 100000);
  const exclusionRefs = new RefMaker(rng, 6);
  const attendance: PendingRow[] = [];
  const exclusions: PendingRow[] = [];
  for (const p of b.persons) {
    if (p.ncYear === null || p.schoolIndex === null) continue;
    if (!rng.chance(0.97)) continue; // home educated, independent or out-of-borough schools
    const school = b.schools[p.schoolIndex];
    if (!school) continue;
    const view = makeView(rng, p, rates, ['middle', 'postcode']);
    const errs = new RowErrors(view);
    const [fore, sur] = namePair(view);
    const address = heldAddress(b, view, SCHOOL_CENSUS_DAY, errs);
    const nicks = NICKNAMES.get(p.forename);
    const preferred = nicks && rng.chance(0.15) ? rng.pick(nicks) : fore;
    const risk = riskOf(b, p, SCHOOL_CENSUS_DAY);
    let rate: number;
    if (risk === 0) rate = rng.chance(0.08) ? 0.02 + rng.next() * 0.06 : rng.next() * 0.02;
    else if (risk === 1) rate = rng.chance(0.2) ? 0.1 + rng.next() * 0.15 : 0.01 + rng.next() * 0.08;
    else rate = rng.chance(0.45) ? 0.12 + rng.next() * 0.28 : 0.03 + rng.next() * 0.1;
    const term = (possible: number | null): [number | null, number | null] => {
      if (possible === null) return [null, null];
      const absent = Math.min(possible, Math.round(possible * rate * (0.6 + rng.next() * 0.8)));
      return [possible, absent];
    };
    const summer = term(p.ncYear === 0 ? null : rng.chance(0.05) ? 122 - rng.int(4, 40) : 122);
    const autumn = term(rng.chance(0.03) ? 142 - rng.int(4, 60) : 142);
    const spring = term(116);
    const pupilId = String(pupilIds.next());
    const dobCell = view.dob === null ? null : excelDate(view.dob);
    const gender = blankIf(view, 'sex', p.sex, errs);
    attendance.push({
      key: [school.name, p.ncYear, sur, fore, pupilId],
      cells: [
        pupilId,
        p.upn,
        sur,
        fore,
        blankIf(view, 'middle', view.middle, errs),
        preferred,
        dobCell,
        gender,
        p.ncYear === 0 ? 'R' : p.ncYear,
        school.name,
        `${LA_NUMBER}${school.dfeNumber}`,
        `${addressLine(address)}, ${address.town}`,
        postcodeText(view, address.postcode, errs),
        summer[0],
        summer[1],
        autumn[0],
        autumn[1],
        spring[0],
        spring[1],
      ],
      truth: truthOf(view, errs),
    });

    // Suspensions (fixed-period exclusions) and the rare permanent exclusion.
    if (p.ncYear >= 1) {
      const base = [0.004, 0.04, 0.15][risk] as number;
      if (rng.chance(base * (p.ncYear >= 7 ? 1.6 : 0.4))) {
        const count = Math.min(5, 1 + rng.poisson(0.6));
        for (let k = 0; k < count; k++) {
          const start = schoolDay(rng, WINDOW_START, AS_OF);
          const permanent = rng.chance(0.01);
          const xerrs = new RowErrors(view);
          const ref = exclusionRefs.text('EX');
          exclusions.push({
            key: [start, ref],
            cells: [
              ref,
              p.upn,
              sur,
              fore,
              dobCell,
              blankIf(view, 'sex', p.sex, xerrs),
              school.name,
              permanent ? 'Permanent exclusion' : 'Suspension (fixed period)',
              excelDate(start),
              permanent ? null : rng.int(1, 10),
              rng.weighted(EXCLUSION_REASONS),
            ],
            truth: truthOf(view, xerrs),
          });
        }
      }
    }
  }
  const [attSpec, excSpec] = spec.sheets as [SheetSpec, SheetSpec];
  return extractFrom(spec, `School census and attendance 2024/25 — ${SYNTHETIC_NOTE}`, [
    sheetFrom(attSpec, attendance, { widths: [9, 15, 16, 14, 16, 14, 12, 7, 8, 40, 10, 44, 10, 10, 10, 10, 10, 10, 10] }),
    sheetFrom(excSpec, exclusions, { widths: [10, 15, 16, 14, 12, 7, 40, 26, 12, 9, 50] }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Police ASB and crime (csv)

const SUSPECT_TYPES: readonly (readonly [string, number])[] = [
  ['ASB - Personal', 18],
  ['ASB - Nuisance', 22],
  ['ASB - Environmental', 6],
  ['Criminal Damage', 10],
  ['Violence Without Injury', 10],
  ['Violence With Injury', 6],
  ['Public Order Offence', 8],
  ['Shoplifting', 8],
  ['Theft - Other', 4],
  ['Drugs - Possession', 5],
  ['Burglary - Residential', 2],
  ['Vehicle Crime', 2],
];
const VICTIM_TYPES: readonly (readonly [string, number])[] = [
  ['ASB - Personal', 25],
  ['ASB - Nuisance', 15],
  ['Theft - Other', 12],
  ['Burglary - Residential', 10],
  ['Criminal Damage', 12],
  ['Violence Without Injury', 10],
  ['Vehicle Crime', 8],
  ['Fraud', 4],
];
const WITNESS_TYPES: readonly (readonly [string, number])[] = [
  ['ASB - Nuisance', 40],
  ['ASB - Personal', 15],
  ['ASB - Environmental', 15],
  ['Criminal Damage', 15],
  ['Public Order Offence', 15],
];

function policeSummary(rng: Rng, type: string, address: Address): string {
  const street = address.street;
  const options: string[] = type.startsWith('ASB')
    ? [
        `Report of youths gathering and shouting on ${street}.`,
        `Neighbour dispute on ${street}; words of advice given.`,
        `Caller reports loud music and "threatening" behaviour, ${street}.`,
        `Fly-tipping and nuisance vehicle reported near ${street}.`,
        `Off-road bikes being ridden on the field behind ${street}.`,
      ]
    : type.startsWith('Domestic')
      ? [`Verbal argument at home address, ${street}. DASH completed.`, `Domestic incident, ${street}; both parties spoken to.`]
      : [
          `Incident on ${street}. Enquiries ongoing.`,
          `Attended ${street}; statement taken, CCTV requested.`,
          `Report received via 101 regarding ${type.toLowerCase()}, ${street}.`,
        ];
  let text = rng.pick(options);
  if (rng.chance(0.06)) text += rng.pick(['\nUpdate: officers re-attended, no further issues.', '\nCaller called back; no further calls.']);
  return text;
}

function policeAddress(view: View, a: Address, abbreviate: boolean, errs: RowErrors): string {
  if (view.blank === 'address') {
    errs.add('blank-field');
    return '';
  }
  const type = abbreviate ? (STREET_TYPE_ABBREVIATIONS[a.streetType] ?? a.streetType) : a.streetType;
  const line = `${a.flat ? `Flat ${a.flat} ` : ''}${a.number} ${a.streetName} ${type}, ${a.town}`.toUpperCase();
  const pc = postcodeText(view, a.postcode, errs);
  return pc ? `${line}, ${pc}` : line;
}

function policeExtract(b: Borough, seed: number | string): Extract {
  const spec = EXTRACT_SPECS.police;
  const rng = new Rng(seed, 'extract/police');
  const rates = ERROR_RATES.police;
  const occurrences = new RefMaker(rng, 6);
  const nominals = new RefMaker(rng, 7);
  const blankable: BlankableField[] = ['sex', 'address', 'middle'];

  interface Nominal {
    id: string;
    view: View;
    dobFormat: 'oracle' | 'dmy';
    abbreviate: boolean;
  }
  const records = new Map<number, Nominal[]>();
  const nominalFor = (p: Person): Nominal => {
    let list = records.get(p.index);
    if (!list) {
      list = [];
      records.set(p.index, list);
    }
    // a duplicate nominal record for the same person (created on another occasion)
    if (list.length === 0 || (list.length === 1 && rng.chance(0.05))) {
      list.push({
        id: nominals.text('N'),
        view: makeView(rng, p, rates, blankable),
        dobFormat: rng.chance(0.85) ? 'oracle' : 'dmy',
        abbreviate: rng.chance(0.4),
      });
    }
    return rng.pick(list);
  };

  const pending: PendingRow[] = [];
  const addRow = (p: Person, occ: string, day: number, minutes: number, type: string, involvement: string, summaryRng: Rng): void => {
    const nominal = nominalFor(p);
    const view = nominal.view;
    const errs = new RowErrors(view);
    let [fore, sur] = namePair(view);
    // an officer re-keys the name on this occasion (at most one keying error per name)
    if (rng.chance(0.02) && !view.errors.some((k) => k.startsWith('typo-'))) {
      const t = typo(rng, fore);
      if (t) {
        fore = t.value;
        errs.add(t.kind);
      }
    }
    const middle = blankIf(view, 'middle', view.middle, errs);
    const surText = nameText(view, sur, errs, true);
    if (sur !== sur.toUpperCase()) errs.add('surname-uppercase');
    const fullName = `${surText}, ${nameText(view, fore, errs, false)}${middle ? ` ${nameText(view, middle, errs, false)}` : ''}`;
    const dob = view.dob === null ? '' : nominal.dobFormat === 'oracle' ? fmtOracle(view.dob) : fmtDmy(view.dob);
    const address = heldAddress(b, view, day, errs);
    pending.push({
      key: [day, minutes, occ, nominal.id],
      cells: [
        occ,
        fmtDmyTime(day, minutes),
        type,
        involvement,
        nominal.id,
        fullName,
        dob,
        blankIf(view, 'sex', p.sex === 'M' ? 'Male' : 'Female', errs),
        policeAddress(view, address, nominal.abbreviate, errs),
        policeSummary(summaryRng, type, address),
      ],
      truth: truthOf(view, errs),
    });
  };
  const occRef = (day: number): string => `14/${occurrences.text()}/${String(ymdOf(day).y % 100).padStart(2, '0')}`;
  const incidentMinutes = (): number =>
    rng.weighted<number>([
      [rng.int(0, 359), 15],
      [rng.int(360, 959), 35],
      [rng.int(960, 1439), 50],
    ]);

  for (const p of b.persons) {
    const age = ageOn(p.dob, AS_OF);
    if (age < 10) continue;
    const risk = riskOf(b, p, AS_OF);
    const ageFactor = age < 14 ? 0.6 : age < 25 ? 1.6 : age < 45 ? 1.2 : age < 65 ? 0.7 : 0.25;
    const chance = ([0.012, 0.08, 0.25][risk] as number) * (p.sex === 'M' ? 1.3 : 0.8) * ageFactor;
    if (!rng.chance(chance)) continue;
    const count = 1 + rng.poisson([0.2, 0.6, 1.2][risk] as number);
    const from = Math.max(WINDOW_START, addYears(p.dob, 10));
    for (let k = 0; k < count; k++) {
      const day = randomDay(rng, from, AS_OF);
      const involvement = rng.weighted<string>([
        ['Suspect', [15, 45, 60][risk] as number],
        ['Victim', [55, 35, 28][risk] as number],
        ['Witness', [30, 20, 12][risk] as number],
      ]);
      const type = rng.weighted(involvement === 'Suspect' ? SUSPECT_TYPES : involvement === 'Victim' ? VICTIM_TYPES : WITNESS_TYPES);
      addRow(p, occRef(day), day, incidentMinutes(), type, involvement, rng);
    }
  }
  // Domestic incidents: two people from one household on one occurrence.
  for (const hh of b.households) {
    if (hh.risk === 0) continue;
    const adults = hh.members
      .map((i) => b.persons[i] as Person)
      .filter((p) => (p.relationship === 'head' || p.relationship === 'partner') && ageOn(p.dob, AS_OF) >= 18 && p.householdId === hh.id);
    if (adults.length < 2 || !rng.chance(hh.risk === 1 ? 0.08 : 0.22)) continue;
    const [a, c] = adults as [Person, Person];
    const count = 1 + rng.poisson(0.5);
    for (let k = 0; k < count; k++) {
      const day = randomDay(rng, WINDOW_START, AS_OF);
      if (householdIndexAt(a, day) !== hh.index || householdIndexAt(c, day) !== hh.index) continue;
      const occ = occRef(day);
      const minutes = incidentMinutes();
      const type = rng.chance(0.7) ? 'Domestic Incident' : 'Domestic Abuse - Violence With Injury';
      const maleSuspect = rng.chance(0.75);
      const suspect = (a.sex === 'M') === maleSuspect ? a : c;
      const victim = suspect === a ? c : a;
      addRow(suspect, occ, day, minutes, type, 'Suspect', rng);
      addRow(victim, occ, day, minutes, type, 'Victim', rng);
    }
  }
  return extractFrom(spec, 'Police ASB and crime involvements', [sheetFrom(spec.sheets[0] as SheetSpec, pending)]);
}

// ---------------------------------------------------------------------------------------------
// Youth justice (xlsx)

const OFFENCES: readonly (readonly [string, number])[] = [
  ['Theft from a shop', 18],
  ['Criminal damage', 16],
  ['Common assault', 14],
  ['Assault occasioning actual bodily harm', 6],
  ['Possession of cannabis', 10],
  ['Public order offence', 10],
  ['Possession of a bladed article', 5],
  ['Vehicle interference', 4],
  ['Burglary (dwelling)', 4],
  ['Robbery', 3],
  ['Breach of order', 6],
  ['Malicious communications', 4],
];
const OUTCOMES: readonly (readonly [string, number])[] = [
  ['Community Resolution', 22],
  ['Youth Caution', 20],
  ['Youth Conditional Caution', 12],
  ['Referral Order', 24],
  ['Youth Rehabilitation Order', 12],
  ['Conditional Discharge', 5],
  ['Fine', 2],
  ['Detention and Training Order', 3],
];

function youthJusticeExtract(b: Borough, seed: number | string): Extract {
  const spec = EXTRACT_SPECS['youth-justice'];
  const rng = new Rng(seed, 'extract/youth-justice');
  const rates = ERROR_RATES['youth-justice'];
  const cases = new RefMaker(rng, 5);
  const pending: PendingRow[] = [];
  for (const p of b.persons) {
    const lo = Math.max(WINDOW_START, addYears(p.dob, 10));
    const hi = Math.min(AS_OF, addYears(p.dob, 18) - 1);
    if (lo > hi) continue;
    const risk = riskOf(b, p, AS_OF);
    if (!rng.chance(([0.003, 0.03, 0.14][risk] as number) * (p.sex === 'M' ? 1.6 : 0.5))) continue;
    const view = makeView(rng, p, rates, ['postcode', 'sex']);
    const caseNo = `YJ${cases.text()}`;
    const count = 1 + rng.poisson(0.4);
    for (let k = 0; k < count; k++) {
      const errs = new RowErrors(view);
      const day = randomDay(rng, lo, hi);
      const [fore, sur] = namePair(view);
      const outcomeDay = day + rng.int(7, 120);
      const pendingOutcome = outcomeDay > AS_OF;
      const dobCell: CellValue = view.dob === null ? null : rng.chance(0.55) ? fmtDmyShort(view.dob) : excelDate(view.dob);
      const address = heldAddress(b, view, day, errs);
      pending.push({
        key: [caseNo, day, k],
        cells: [
          caseNo,
          nameText(view, sur, errs, false),
          nameText(view, fore, errs, false),
          dobCell,
          blankIf(view, 'sex', p.sex, errs),
          postcodeText(view, address.postcode, errs),
          excelDate(day),
          rng.weighted(OFFENCES),
          pendingOutcome ? 'Awaiting outcome' : rng.weighted(OUTCOMES),
          pendingOutcome ? null : excelDate(outcomeDay),
        ],
        truth: truthOf(view, errs),
      });
    }
  }
  return extractFrom(spec, `Youth justice offences and outcomes 2024/25 — ${SYNTHETIC_NOTE}`, [
    sheetFrom(spec.sheets[0] as SheetSpec, pending, { widths: [10, 16, 14, 12, 7, 10, 12, 36, 28, 12] }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// DWP benefits (csv): NINO, names, DOB, postcode only

function benefitsExtract(b: Borough, seed: number | string): Extract {
  const spec = EXTRACT_SPECS.benefits;
  const rng = new Rng(seed, 'extract/benefits');
  const ninoRng = new Rng(seed, 'extract/benefits/nino-typos');
  const rates = ERROR_RATES.benefits;
  const claimRefs = new RefMaker(rng, 8);
  const views = new Map<number, View>();
  const viewOf = (p: Person): View => {
    let v = views.get(p.index);
    if (!v) {
      v = makeView(rng, p, rates, ['postcode', 'sex']);
      views.set(p.index, v);
    }
    return v;
  };
  const pending: PendingRow[] = [];
  const addClaim = (p: Person, type: string, ref: string, start: number, end: number | null): void => {
    const view = viewOf(p);
    const errs = new RowErrors(view);
    const [fore, sur] = namePair(view);
    const surText = nameText(view, sur, errs, true);
    if (sur !== sur.toUpperCase()) errs.add('surname-uppercase');
    const knownOn = view.stale ? Math.max(start, WINDOW_START) : Math.min(end ?? AS_OF, AS_OF);
    const address = heldAddress(b, view, knownOn, errs);
    const nino = /^[A-Z]{2}\d{6}[A-D]$/.test(p.nino) && ninoRng.chance(SCENARIO_RATES.ninoTypo) ? ninoTypo(ninoRng, p.nino) : p.nino;
    if (nino !== p.nino) errs.add('nino-typo');
    pending.push({
      key: [ref, p.nino],
      cells: [
        ref,
        nino,
        surText,
        nameText(view, fore, errs, true),
        view.dob === null ? '' : fmtIso(view.dob),
        blankIf(view, 'sex', p.sex, errs),
        postcodeText(view, address.postcode, errs),
        type,
        fmtIso(start),
        end === null ? '' : fmtIso(end),
      ],
      truth: truthOf(view, errs),
    });
  };
  const PREFIX: Record<string, string> = {
    'Universal Credit': 'UC',
    'Employment and Support Allowance': 'ESA',
    "Jobseeker's Allowance": 'JSA',
    'Income Support': 'IS',
  };
  const claim = (claimants: Person[], singleParent: boolean): void => {
    const first = claimants[0];
    if (!first) return;
    const type = rng.weighted<string>(
      singleParent
        ? [
            ['Universal Credit', 75],
            ['Income Support', 10],
            ['Employment and Support Allowance', 10],
            ["Jobseeker's Allowance", 5],
          ]
        : [
            ['Universal Credit', 74],
            ['Employment and Support Allowance', 16],
            ["Jobseeker's Allowance", 7],
            ['Income Support', 3],
          ],
    );
    const legacy = type !== 'Universal Credit';
    const adultFrom = Math.max(...claimants.map((c) => addYears(c.dob, 18)));
    let start = legacy ? AS_OF - rng.int(5 * 365, 12 * 365) : AS_OF - rng.int(30, 6 * 365);
    if (start < adultFrom) start = adultFrom + rng.int(0, 200);
    if (start >= AS_OF) return;
    let end: number | null = null;
    if (rng.chance(0.2)) {
      const lo = Math.max(start, WINDOW_START) + 30;
      if (lo < AS_OF - 1) end = rng.int(lo, AS_OF - 1);
    }
    // managed migration from a legacy benefit to Universal Credit during the year
    const migrate = legacy && end === null && rng.chance(0.25);
    if (migrate) end = rng.int(WINDOW_START + 30, AS_OF - 30);
    const ref = claimRefs.text(PREFIX[type] ?? 'CL');
    for (const c of claimants) addClaim(c, type, ref, start, end);
    if (migrate && end !== null) {
      const ucRef = claimRefs.text('UC');
      for (const c of claimants) addClaim(c, 'Universal Credit', ucRef, end + 1, null);
    }
  };
  for (const hh of b.households) {
    const adults = hh.members
      .map((i) => b.persons[i] as Person)
      .filter((p) => {
        const age = ageOn(p.dob, AS_OF);
        return age >= 18 && age <= 66;
      });
    if (adults.length === 0) continue;
    const singleParent = hh.type === 'single-parent';
    if (!rng.chance(Math.min(0.95, ([0.1, 0.45, 0.75][hh.risk] as number) + (singleParent ? 0.15 : 0)))) continue;
    const couple = adults.filter((p) => p.relationship === 'head' || p.relationship === 'partner');
    const main = couple.length > 0 ? couple : [adults[0] as Person];
    if (main.length === 2 && rng.chance(0.25)) {
      // legacy-style: only one partner is the claimant
      claim([rng.pick(main)], singleParent);
    } else claim(main, singleParent);
    for (const other of adults) {
      if (main.includes(other)) continue;
      if (rng.chance(0.3)) claim([other], false);
    }
  }
  return extractFrom(spec, 'DWP out-of-work benefit claims', [sheetFrom(spec.sheets[0] as SheetSpec, pending)]);
}

// ---------------------------------------------------------------------------------------------
// Council housing (xlsx with title rows, totals row and a Notes sheet)

function housingExtract(b: Borough, seed: number | string): Extract {
  const spec = EXTRACT_SPECS.housing;
  const rng = new Rng(seed, 'extract/housing');
  const rates = ERROR_RATES.housing;
  const tenancyRefs = new RefMaker(rng, 6);
  const clientRefs = new RefMaker(rng, 7);
  const views = new Map<number, { view: View; client: string }>();
  const pending: PendingRow[] = [];
  const REL_ORDER: Record<string, number> = { head: 0, partner: 1, grandparent: 2, child: 3, other: 4 };
  for (const hh of b.households) {
    for (const spell of hh.addresses) {
      const a = spell.address;
      if (!a.social) continue;
      if (spell.to !== null && spell.to < WINDOW_START) continue;
      const day = spell.to === null ? AS_OF : spell.to - 1;
      const members = hh.members
        .map((i) => b.persons[i] as Person)
        .filter((p) => householdIndexAt(p, day) === hh.index && p.dob <= day)
        .filter((p) => {
          if (p.relationship === 'head' || p.relationship === 'partner') return true;
          if (p.relationship === 'other') return rng.chance(0.6);
          return rng.chance(p.relationship === 'child' ? 0.9 : 0.95);
        })
        .sort((x, y) => (REL_ORDER[x.relationship] ?? 9) - (REL_ORDER[y.relationship] ?? 9) || x.dob - y.dob || x.index - y.index);
      const head = members[0];
      if (!head) continue;
      const ref = tenancyRefs.text('TEN');
      const start =
        spell.from ?? Math.max(addYears(head.dob, 18), AS_OF - rng.int(200, 20 * 365));
      const asb = rng.chance([0.01, 0.08, 0.35][hh.risk] as number) ? 'Y' : 'N';
      const arrears =
        hh.risk === 0 ? (rng.chance(0.7) ? 0 : rng.int(0, 30000) / 100) : rng.int(0, hh.risk === 1 ? 90000 : 250000) / 100;
      for (const p of members) {
        let entry = views.get(p.index);
        if (!entry) {
          entry = { view: makeView(rng, p, rates, ['title', 'postcode', 'uprn']), client: clientRefs.text('CL') };
          views.set(p.index, entry);
        }
        const view = entry.view;
        const errs = new RowErrors(view);
        const [fore, sur] = namePair(view);
        let dob: number | null = view.dob;
        if (dob !== null && p.relationship === 'child' && rng.chance(0.04)) {
          dob = null;
          errs.remove('dob-day-month-swap');
          errs.remove('dob-digit');
          errs.add('dob-missing');
        }
        const dobCell: CellValue = dob === null ? null : rng.chance(0.85) ? excelDate(dob) : fmtDmy(dob);
        if (a.uprn !== addressAt(b, p, AS_OF).uprn) errs.add('old-address');
        const age = ageOn(p.dob, day);
        let relationship: string;
        switch (p.relationship) {
          case 'head':
            relationship = 'Lead Tenant';
            break;
          case 'partner':
            relationship = rng.chance(0.6) ? 'Joint Tenant' : 'Partner';
            break;
          case 'child':
            relationship = p.sex === 'M' ? 'Son' : 'Daughter';
            break;
          case 'grandparent':
            relationship = p.sex === 'M' ? 'Father' : 'Mother';
            break;
          default:
            relationship = rng.chance(0.5) ? 'Lodger' : 'Other Occupant';
        }
        const addrLine1 = a.flat ? `Flat ${a.flat}` : `${a.number} ${a.street}`;
        const addrLine2 = a.flat ? `${a.number} ${a.street}` : '';
        pending.push({
          key: [ref, REL_ORDER[p.relationship] ?? 9, p.dob, entry.client],
          cells: [
            ref,
            entry.client,
            blankIf(view, 'uprn', a.uprn, errs),
            addrLine1,
            addrLine2,
            a.town,
            postcodeText(view, a.postcode, errs),
            relationship,
            blankIf(view, 'title', titleFor(p.sex, age, p.married, rng.next()), errs),
            nameText(view, fore, errs, false),
            nameText(view, sur, errs, false),
            dobCell,
            excelDate(start),
            spell.to === null ? null : excelDate(spell.to),
            asb,
            arrears,
          ],
          truth: truthOf(view, errs),
        });
      }
    }
  }
  const sheet = sheetFrom(spec.sheets[0] as SheetSpec, pending, {
    preamble: [
      [`${BOROUGH_NAME} Homes — tenancies and household members`],
      [`SYNTHETIC DEMO DATA (invented people and addresses). Run date 31/03/2025. ${COUNCIL_NAME}`],
      [],
    ],
    widths: [11, 11, 14, 22, 26, 12, 10, 14, 7, 14, 16, 12, 12, 12, 9, 11],
  });
  sheet.footer = [[], [`Total records: ${sheet.rows.length}`]];
  const notes: NotesSheet = {
    name: 'Notes',
    lines: [
      `${BOROUGH_NAME} Homes tenancy extract — notes for the receiving analyst`,
      '',
      SYNTHETIC_NOTE,
      'Covers current tenancies at 31/03/2025 and tenancies that ended between 01/04/2024 and 31/03/2025.',
      'One row per person named on the tenancy. Children are not always recorded; lodgers only where declared.',
      'ASB Case = Y where an anti-social behaviour case was open on the tenancy during the year.',
      'Arrears are the rent balance owed on the run date (or at the end of the tenancy), in pounds.',
      'Dates of birth were typed by staff and some are held as text.',
    ],
  };
  return extractFrom(spec, `Tenancies and household members — ${SYNTHETIC_NOTE}`, [sheet], notes);
}

// ---------------------------------------------------------------------------------------------
// Health: A&E attendances (csv)

const COMPLAINTS_CHILD: readonly (readonly [string, number])[] = [
  ['Fever', 20],
  ['Breathing difficulty', 18],
  ['Injury - limb', 22],
  ['Head injury', 12],
  ['Vomiting and diarrhoea', 14],
  ['Rash', 6],
  ['Ingestion of substance', 4],
  ['Abdominal pain', 8],
];
const COMPLAINTS_ADULT: readonly (readonly [string, number])[] = [
  ['Chest pain', 14],
  ['Abdominal pain', 14],
  ['Injury - limb', 16],
  ['Head injury', 6],
  ['Breathing difficulty', 10],
  ['Alcohol intoxication', 5],
  ['Self-harm', 3],
  ['Mental health concern', 5],
  ['Assault', 3],
  ['Fall', 10],
  ['Back pain', 6],
  ['Headache', 6],
];

function healthExtract(b: Borough, seed: number | string): Extract {
  const spec = EXTRACT_SPECS.health;
  const rng = new Rng(seed, 'extract/health');
  const rates = ERROR_RATES.health;
  const ids = new RefMaker(rng, 8);
  const pending: PendingRow[] = [];
  const windowDays = AS_OF - WINDOW_START + 1;
  for (const p of b.persons) {
    const age = ageOn(p.dob, AS_OF);
    const base = age < 5 ? 0.5 : age < 16 ? 0.25 : age < 65 ? 0.25 : age < 80 ? 0.35 : 0.6;
    const risk = riskOf(b, p, AS_OF);
    const first = Math.max(WINDOW_START, p.dob);
    const exposure = (AS_OF - first + 1) / windowDays;
    const count = rng.poisson(base * ([1, 1.6, 2.6][risk] as number) * exposure);
    if (count === 0) continue;
    const view = makeView(rng, p, rates, ['postcode', 'sex', 'nhs']);
    for (let k = 0; k < count; k++) {
      const errs = new RowErrors(view);
      const day = randomDay(rng, first, AS_OF);
      const utc = rng.chance(0.25);
      const [fore, sur] = namePair(view);
      const surText = nameText(view, sur, errs, true);
      if (sur !== sur.toUpperCase()) errs.add('surname-uppercase');
      let nhs = blankIf(view, 'nhs', p.nhsNumber, errs);
      if (nhs && rng.chance(NHS_SPACED_RATE)) {
        nhs = spacedNhsNumber(nhs);
        errs.add('nhs-spaces');
      }
      const address = heldAddress(b, view, day, errs);
      const id = ids.text('AE');
      pending.push({
        key: [day, id],
        cells: [
          id,
          utc ? 'Thrawmoor Urgent Treatment Centre' : `${BOROUGH_NAME} General Hospital ED`,
          nhs,
          surText,
          nameText(view, fore, errs, false),
          view.dob === null ? '' : utc ? fmtIso(view.dob) : fmtDmy(view.dob),
          blankIf(view, 'sex', p.sex === 'M' ? '1' : '2', errs),
          postcodeText(view, address.postcode, errs),
          fmtDmy(day),
          rng.weighted<string>([
            ['Ambulance', age >= 65 ? 45 : 20],
            ['Walk-in / own transport', 70],
            ['Police', age >= 16 ? 2 : 0],
            ['Other', 3],
          ]),
          rng.weighted(age < 16 ? COMPLAINTS_CHILD : COMPLAINTS_ADULT),
          rng.weighted<string>([
            ['Admitted', age >= 65 ? 40 : 18],
            ['Discharged - no follow up', 40],
            ['Discharged - GP follow up', 25],
            ['Referred to clinic', 6],
            ['Left before being seen', 4],
          ]),
        ],
        truth: truthOf(view, errs),
      });
    }
  }
  return extractFrom(spec, 'Emergency department and UTC attendances', [sheetFrom(spec.sheets[0] as SheetSpec, pending)]);
}

// ---------------------------------------------------------------------------------------------

const BUILDERS: Record<ExtractId, (b: Borough, seed: number | string) => Extract> = {
  school: schoolExtract,
  police: policeExtract,
  'youth-justice': youthJusticeExtract,
  benefits: benefitsExtract,
  housing: housingExtract,
  health: healthExtract,
};

/** One agency's extract. Each extract draws from its own random stream, so order does not matter. */
export function generateExtract(borough: Borough, id: ExtractId): Extract {
  return BUILDERS[id](borough, borough.seed);
}

/** Every extract, in the stable order of EXTRACT_IDS. */
export function generateExtracts(borough: Borough): Extract[] {
  return EXTRACT_IDS.map((id) => generateExtract(borough, id));
}
