// What six partner systems hold about the held-out borough (borough.ts), each in its own layout
// with its own habits: which names it keeps, how it writes dates and addresses, what it gets
// wrong. Truth (file,sheet,row_number,person_id,household_id) as test/bench/link/harness.ts reads it.
import { addDays, between, pick, type Rand } from '../unseen/people.js';
import type { Cell, Extract, Sheet } from '../unseen/extracts.js';
import { FROM, TAKEN, TO, placeOn, yearAge, type Borough, type Home, type Household, type Person } from './borough.js';
import { KNOWN_AS, SPELLINGS, masculine, plainLetters } from './names.js';

/** A sheet with merged title rows over the header (xlsx only): the title spans the header's width. */
export interface TitledSheet extends Sheet {
  mergeTitles?: boolean;
  /** columns of the row holding dates to write as date cells with this format */
  dateFormat?: string;
}

// ---------------------------------------------------------------------------------------------
// Habits of a system and its clerks.

interface Habits {
  typo: number;
  /** the name they go by (Imran for Mohammed Imran, Tom for Thomas) */
  knownAs: number;
  /** another spelling of the same name (Mohammed/Muhammad, Hussain/Hussein) */
  spelling: number;
  /** the other surname (husband's, maiden, the family name beside Singh/Kaur) */
  otherSurname: number;
  /** forename and surname in each other's places */
  swap: number;
  dobWrong: number;
  dobMissing: number;
  /** a masculine Polish or Lithuanian surname for a woman */
  masculine?: number;
}
interface Recorded {
  forename: string;
  middle: string | null;
  surname: string;
  dob: string | null;
}

function typo(rand: Rand, s: string): string {
  if (s.length < 4) return s;
  const i = between(rand, 1, s.length - 2);
  const k = rand();
  if (k < 0.35) return s.slice(0, i) + s.slice(i + 1);
  if (k < 0.6) return s.slice(0, i) + (s[i + 1] as string) + (s[i] as string) + s.slice(i + 2);
  if (k < 0.85) return s.slice(0, i) + pick(rand, 'aeiourstnlm') + s.slice(i + 1);
  return s.slice(0, i) + (s[i] as string) + s.slice(i);
}
const spell = (rand: Rand, name: string): string => {
  const alt = SPELLINGS[name];
  return alt ? pick(rand, alt) : name;
};
function dobWrong(rand: Rand, iso: string): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const k = rand();
  // day and month swapped, a year a digit out, the 1st of the month for a birth not known exactly
  if (k < 0.4 && Number(d) <= 12 && d !== m) return `${y}-${d}-${m}`;
  if (k < 0.65) return `${Number(y) + (rand() < 0.5 ? 1 : -1)}-${m}-${d === '29' && m === '02' ? '28' : d}`;
  if (k < 0.8) return `${y}-${m}-01`;
  return addDays(iso, rand() < 0.5 ? 1 : -10);
}

function record(rand: Rand, p: Person, h: Habits, accents: boolean): Recorded {
  let forename = p.forename;
  let middle = p.middle;
  if (p.knownAs && rand() < h.knownAs) {
    // the name used in place of the first: Mohammed Imran → Imran (Mohammed dropped or kept as a middle)
    middle = p.knownAs === p.middle ? (rand() < 0.5 ? p.forename : null) : middle;
    forename = p.knownAs;
  } else if (KNOWN_AS[forename] && rand() < h.knownAs) forename = pick(rand, KNOWN_AS[forename] as readonly string[]);
  if (rand() < h.spelling) forename = spell(rand, forename);
  let surname = p.otherSurname && rand() < h.otherSurname ? p.otherSurname : p.surname;
  if (rand() < h.spelling) surname = spell(rand, surname);
  if (surname.includes('-') && rand() < 0.4) {
    // a double-barrelled name as one part, or with a space
    const parts = surname.split('-');
    surname = rand() < 0.5 ? parts.join(' ') : (pick(rand, parts) as string);
  }
  if (h.masculine && p.sex === 'F' && rand() < h.masculine) surname = masculine(surname);
  if (rand() < h.typo) forename = typo(rand, forename);
  if (rand() < h.typo) surname = typo(rand, surname);
  if (!accents) [forename, surname, middle] = [plainLetters(forename), plainLetters(surname), middle && plainLetters(middle)];
  if (rand() < h.swap) [forename, surname] = [surname, forename];
  let dob: string | null = p.dob;
  if (rand() < h.dobWrong) {
    const wrong = dobWrong(rand, p.dob);
    dob = Number.isFinite(Date.parse(`${wrong}T00:00:00Z`)) && new Date(`${wrong}T00:00:00Z`).toISOString().startsWith(wrong) ? wrong : p.dob;
  }
  if (rand() < h.dobMissing) dob = null;
  return { forename, middle, surname, dob };
}

// ---------------------------------------------------------------------------------------------
// Dates and addresses as each system writes them.

const MON = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const parts = (iso: string): [string, string, string] => iso.split('-') as [string, string, string];
const dmy = (iso: string, sep = '/'): string => {
  const [y, m, d] = parts(iso);
  return `${d}${sep}${m}${sep}${y}`;
};
/** An Oracle report's default: 02-MAR-85. */
const oracle = (iso: string): string => {
  const [y, m, d] = parts(iso);
  return `${d}-${MON[Number(m) - 1]}-${y.slice(2)}`;
};
const ymd8 = (iso: string): string => iso.replace(/-/g, '');
const dayCell = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
/** A date in a cell formatted General: Excel's day number (1900 date system). */
const excelDay = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000) + 25_569;
const longDate = (iso: string): string => {
  const [y, m, d] = parts(iso);
  return `${Number(d)} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][Number(m) - 1]} ${y}`;
};
const weekday = (iso: string): string => ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][new Date(`${iso}T00:00:00Z`).getUTCDay()] as string;
const clock = (rand: Rand): string => `${String(between(rand, 0, 23)).padStart(2, '0')}:${String(between(rand, 0, 59)).padStart(2, '0')}`;

/** The door and building as one line: "Flat 12, Kestrel House", "23a", "Room 3, 45", "Ground Floor Flat, 23". */
function door(rand: Rand, home: Home): { line1: string; street: string } {
  const street = home.street;
  switch (home.kind) {
    case 'block': {
      const k = rand();
      if (k < 0.55) return { line1: `Flat ${home.door}, ${home.building}`, street };
      if (k < 0.8) return { line1: `${home.door} ${home.building}`, street };
      return { line1: `Flat ${home.door} ${home.building}`, street };
    }
    case 'converted': {
      const d = home.door as string;
      if (d.includes('Floor')) return rand() < 0.7 ? { line1: `${d} Flat`, street: `${home.number} ${street}` } : { line1: `${home.number} ${street}`, street: '' };
      const k = rand();
      if (k < 0.45) return { line1: `Flat ${d}`, street: `${home.number} ${street}` };
      return { line1: `${home.number}${k < 0.8 ? d.toLowerCase() : d} ${street}`, street: '' };
    }
    case 'room':
      return rand() < 0.5 ? { line1: `Room ${home.door}`, street: `${home.number} ${street}` } : { line1: `${home.number} ${street}`, street: '' };
    case 'over-shop':
      return rand() < 0.5 ? { line1: `Flat Over`, street: `${home.number} ${street}` } : { line1: `${home.number}A ${street}`, street: '' };
    default:
      return { line1: `${home.number} ${street}`, street: '' };
  }
}
/** The whole address in one cell, commas between lines. */
function oneLine(rand: Rand, home: Home, withPostcode: boolean, withLocality = rand() < 0.5): string {
  const d = door(rand, home);
  return [d.line1, d.street, withLocality ? home.locality : '', home.town, withPostcode ? home.postcode : ''].filter(Boolean).join(', ');
}

/** An address in BS 7666 parts, as a gazetteer or a DfE return holds it: SAON, PAON, street, locality, town. */
function bs7666(home: Home): [saon: string | null, paon: string | null, street: string, locality: string, town: string] {
  switch (home.kind) {
    case 'block':
      return [`Flat ${home.door}`, home.building, home.street, home.locality, home.town];
    case 'converted':
      return [(home.door as string).includes('Floor') ? `${home.door} Flat` : `Flat ${home.door}`, home.number, home.street, home.locality, home.town];
    case 'room':
      return [`Room ${home.door}`, home.number, home.street, home.locality, home.town];
    case 'over-shop':
      return ['Flat Over', home.number, home.street, home.locality, home.town];
    default:
      return [null, home.number, home.street, home.locality, home.town];
  }
}

// ---------------------------------------------------------------------------------------------
// Who is where, and when.

interface Ctx {
  rand: Rand;
  borough: Borough;
  byId: Map<string, Household>;
  /** households the police know for anti-social behaviour */
  flagged: Set<string>;
}
const yearDays = Math.round((Date.parse(TO) - Date.parse(FROM)) / 86_400_000);
const someDay = (rand: Rand): string => addDays(FROM, between(rand, 0, yearDays));

const ETHNICITY: Record<string, [code: string, words: string]> = {
  british: ['WBRI', 'White - British'], irish: ['WIRI', 'White - Irish'], pakistani: ['APKN', 'Asian or Asian British - Pakistani'],
  bangladeshi: ['ABAN', 'Asian or Asian British - Bangladeshi'], sikh: ['AIND', 'Asian or Asian British - Indian'],
  polish: ['WOTH', 'White - Any other White background'], lithuanian: ['WOTH', 'White - Any other White background'], romanian: ['WROM', 'White - Any other White background'],
  nigerian: ['BAFR', 'Black or Black British - African'], caribbean: ['BCRB', 'Black or Black British - Caribbean'],
};

// ---------------------------------------------------------------------------------------------
// 1. School census: one workbook, a notes sheet and a sheet per census, title rows merged over
// the header, legal and preferred names, the address in BS 7666 parts (SAON, PAON, street…).

function schoolCensus(c: Ctx): Extract {
  const { rand } = c;
  const habits: Habits = { typo: 0.004, knownAs: 0, spelling: 0.01, otherSurname: 0.02, swap: 0, dobWrong: 0.002, dobMissing: 0 };
  const notes: TitledSheet = {
    name: 'Read Me',
    preamble: [],
    header: null,
    rows: [['Pupil level census extract for the local authority.'], ['One sheet per census. Pupils on roll on census day at maintained schools and academies in the borough.'], ['Addresses are as held by the school on census day.'], [`Produced ${dmy(TAKEN)} by the Education Data Team.`]],
    truth: [],
  };
  const censuses: Array<[sheet: string, day: string]> = [['Autumn 2024', '2024-10-03'], ['Spring 2025', '2025-01-16'], ['Summer 2025', '2025-05-15']];
  const schools = ['Werneth Primary', 'Coppice Primary Academy', 'St Anne\'s RC Primary', 'Fitton Hill Primary', 'Blue Coat CE School', 'Oasis Academy', 'Saddleworth School', 'North Chadderton School', 'Glodwick Infant', 'Richmond Academy'];
  const sheets: TitledSheet[] = censuses.map(([name, day]) => {
    const sheet: TitledSheet = {
      name,
      mergeTitles: true,
      dateFormat: 'dd/mm/yyyy',
      preamble: [['Pupil Level School Census — Local Authority Extract'], [`Census date: ${weekday(day)} ${longDate(day)}`], []],
      header: ['UPN', 'Former UPN', 'Legal Surname', 'Legal Forename', 'Middle Name(s)', 'Preferred Surname', 'Preferred Forename', 'DOB', 'Gender', 'NC Year', 'Ethnicity', 'FSM', 'SEN', 'SAON', 'PAON', 'Street', 'Locality', 'Town', 'Postcode', 'School'],
      rows: [],
      truth: [],
    };
    for (const p of c.borough.people) {
      const age = yearAge(p, day);
      // pupils aged 4 to 15 on 31 August before the census
      const sept = `${Number(day.slice(0, 4)) - (day.slice(5) < '09-01' ? 1 : 0)}-08-31`;
      const ncAge = yearAge(p, sept);
      if (ncAge < 4 || ncAge > 15 || age > 17 || rand() > 0.95) continue;
      const at = placeOn(p, c.byId, day);
      if (!at) continue;
      const r = record(rand, p, habits, rand() < 0.5);
      const preferredForename = p.knownAs ?? (KNOWN_AS[p.forename] && rand() < 0.25 ? pick(rand, KNOWN_AS[p.forename] as readonly string[]) : null);
      const year = ncAge - 4;
      sheet.rows.push([
        p.upn, rand() < 0.02 ? p.upn : null, r.surname, r.forename, r.middle, rand() < 0.08 ? (p.otherSurname ?? r.surname) : null, preferredForename, r.dob ? dayCell(r.dob) : null,
        p.sex, year === 0 ? 'R' : String(year), ETHNICITY[p.heritage]?.[0] ?? 'REFU', rand() < 0.25 ? 'Y' : 'N', pick(rand, ['N', 'N', 'N', 'K', 'E']),
        ...bs7666(at.stay.home), rand() < 0.97 ? at.stay.home.postcode : null, pick(rand, schools),
      ]);
      sheet.truth.push([p.id, p.household]);
    }
    return sheet;
  });
  return { file: 'School_Census_Pupils_2024-25.xlsx', sheets: [notes, ...sheets] };
}

// ---------------------------------------------------------------------------------------------
// 2. Police anti-social behaviour nominals: a report's title lines over the header, the nominal
// as "SURNAME, Forenames", Oracle dates, home addresses in capitals, often partial or missing;
// victims are often neighbours.

function police(c: Ctx): Extract {
  const { rand } = c;
  const habits: Habits = { typo: 0.04, knownAs: 0.3, spelling: 0.12, otherSurname: 0.15, swap: 0.02, dobWrong: 0.04, dobMissing: 0.12 };
  const sheet: Sheet = {
    name: '',
    preamble: [['Greater Manchester Police - ASB Nominals by Occurrence (Oldham District)'], [`Report run ${dmy(TAKEN)} 07:02 - period 01/10/2024 to 30/09/2025`], []],
    header: ['Occurrence Ref', 'Date/Time Reported', 'Nominal', 'Nominal Type', 'DOB', 'Age at Time', 'Home Address', 'Beat Code', 'ASB Type'],
    rows: [],
    truth: [],
  };
  const byStreet = new Map<string, Person[]>();
  for (const p of c.borough.people) {
    const at = placeOn(p, c.byId, TO);
    if (!at || yearAge(p, TO) < 18) continue;
    const k = at.stay.home.street;
    byStreet.set(k, [...(byStreet.get(k) ?? []), p]);
  }
  let ref = 31_000;
  const row = (p: Person, occ: string, day: string, when: string, role: string, type: string): void => {
    const at = placeOn(p, c.byId, day);
    if (!at) return;
    const r = record(rand, p, habits, false);
    const home = at.stay.home;
    const k = rand();
    const address =
      k < 0.1 ? null
      : k < 0.13 ? pick(rand, ['NO FIXED ABODE', 'NFA', 'NOT KNOWN'])
      : k < 0.23 ? `${home.street}, ${home.town}`.toUpperCase()
      : k < 0.7 ? oneLine(rand, home, rand() < 0.8, false).replace(/,/g, '').toUpperCase()
      : oneLine(rand, home, rand() < 0.6).toUpperCase();
    const name = `${r.surname.toUpperCase()}, ${[r.forename, rand() < 0.5 ? r.middle : null].filter(Boolean).join(' ')}`;
    sheet.rows.push([occ, `${dmy(day)} ${when}`, name, role, r.dob ? oracle(r.dob) : null, rand() < 0.9 ? yearAge(p, day) : null, address, `OL${pick(rand, ['A', 'B', 'C', 'D'])}${between(rand, 1, 19)}`, type]);
    sheet.truth.push([p.id, p.household]);
  };
  for (const hh of c.borough.households) {
    if (rand() > 0.055) continue;
    c.flagged.add(hh.id);
    for (let n = between(rand, 1, 4); n > 0; n--) {
      const day = someDay(rand);
      const present = hh.members.filter((m) => yearAge(m, day) >= 10 && placeOn(m, c.byId, day)?.household === hh);
      if (present.length === 0) continue;
      const occ = `${between(rand, 10, 99)}/${ref++}/${day.slice(2, 4)}`;
      const when = clock(rand);
      const type = pick(rand, ['Personal', 'Nuisance', 'Environmental']);
      const who = new Set([pick(rand, present)]);
      if (rand() < 0.4) who.add(pick(rand, present));
      for (const p of who) row(p, occ, day, when, pick(rand, ['Suspect', 'Suspect', 'Subject', 'Offender']), type);
      if (rand() < 0.45) {
        const at = placeOn(hh.members[0] as Person, c.byId, day);
        const neighbours = (byStreet.get(at?.stay.home.street ?? '') ?? []).filter((p) => p.household !== hh.id);
        if (neighbours.length > 0) row(pick(rand, neighbours), occ, day, when, rand() < 0.8 ? 'Victim' : 'Witness', type);
      }
    }
  }
  return { file: 'ASB_Nominals_Oct24_Sep25.csv', sheets: [sheet] };
}

// ---------------------------------------------------------------------------------------------
// 3. Youth justice: the young person as "Forename SURNAME", a parent or carer's name in its own
// column, ethnicity in words, the postcode only, date cells.

function youthJustice(c: Ctx): Extract {
  const { rand } = c;
  const habits: Habits = { typo: 0.02, knownAs: 0.15, spelling: 0.05, otherSurname: 0.05, swap: 0.005, dobWrong: 0.015, dobMissing: 0.01 };
  const sheet: TitledSheet = {
    name: 'Cohort',
    dateFormat: 'dd/mm/yyyy',
    preamble: [],
    header: ['Case No.', 'Young Person', 'D.O.B.', 'Gender', 'Ethnicity', 'Post Code', 'Outcome', 'Outcome Date', 'Legal Status', 'Parent/Carer'],
    rows: [],
    truth: [],
  };
  let ref = 2_400;
  for (const p of c.borough.people) {
    const age = yearAge(p, TO);
    if (age < 10 || age > 17) continue;
    if (rand() > (c.flagged.has(p.household) ? 0.22 : 0.015)) continue;
    const caseNo = `YJ/${ref++}`;
    for (let n = between(rand, 1, 3); n > 0; n--) {
      const day = someDay(rand);
      const at = placeOn(p, c.byId, day);
      if (!at || yearAge(p, day) < 10) continue;
      const r = record(rand, p, habits, rand() < 0.3);
      const carer = at.household.members.find((m) => m !== p && yearAge(m, day) >= 18 && m.relation !== 'adult child' && m.relation !== 'lodger');
      const carerName = carer ? `${carer.sex === 'M' ? 'Mr' : pick(rand, ['Mrs', 'Ms', 'Miss'])} ${rand() < 0.6 ? carer.forename[0] : carer.forename} ${carer.surname}` : null;
      sheet.rows.push([caseNo, `${r.forename} ${r.surname.toUpperCase()}`, r.dob ? dayCell(r.dob) : null, p.sex === 'M' ? 'Male' : 'Female', ETHNICITY[p.heritage]?.[1] ?? 'Not stated', rand() < 0.96 ? at.stay.home.postcode : null, pick(rand, ['Referral Order', 'Youth Rehabilitation Order', 'Youth Caution', 'Youth Conditional Caution', 'Outcome 22', 'Community Resolution']), excelDay(day), pick(rand, ['Community', 'Community', 'Remand', 'Bail']), rand() < 0.85 ? carerName : null]);
      sheet.truth.push([p.id, p.household]);
    }
  }
  return { file: 'YJS_Cohort_Outcomes.xlsx', sheets: [sheet] };
}

// ---------------------------------------------------------------------------------------------
// 4. DWP: a mainframe's csv, UPPER_SNAKE, capitals without accents, dates as yyyymmdd, the
// claimant and partner of a joint claim on rows of one claim reference, temporary NINOs.

function dwp(c: Ctx): Extract {
  const { rand } = c;
  const habits: Habits = { typo: 0.008, knownAs: 0, spelling: 0.02, otherSurname: 0.02, swap: 0.004, dobWrong: 0.008, dobMissing: 0, masculine: 0.05 };
  const sheet: Sheet = {
    name: '',
    preamble: [],
    header: ['CLAIM_REF', 'CLAIM_TYPE', 'PARTY', 'NINO', 'SURNAME', 'FORENAMES', 'DOB', 'POSTCODE', 'START_DT', 'NO_OF_DEPS'],
    rows: [],
    truth: [],
  };
  let ref = 5_100_000;
  const nino = (p: Person): string | null => {
    if (!p.nino || rand() < 0.02) return `TN${ymd8(p.dob).slice(6)}${ymd8(p.dob).slice(4, 6)}${ymd8(p.dob).slice(2, 4)}${p.sex}`;
    if (rand() < 0.02) {
      const i = between(rand, 2, 7);
      return p.nino.slice(0, i) + String((Number(p.nino[i]) + between(rand, 1, 9)) % 10) + p.nino.slice(i + 1);
    }
    return p.nino;
  };
  const claim = (unit: Person[], hh: Household, type: string, deps: number): void => {
    const start = rand() < 0.75 ? addDays(FROM, -between(rand, 20, 2500)) : someDay(rand);
    const seen = start < FROM ? TO : start;
    const at = placeOn(unit[0] as Person, c.byId, seen);
    if (!at || at.household !== hh) return;
    const id = `${ref++}${pick(rand, 'ABCDEFGH')}`;
    unit.forEach((p, i) => {
      const r = record(rand, p, habits, false);
      const pc = at.stay.home.postcode;
      sheet.rows.push([id, type, i === 0 ? 'CLAIMANT' : 'PARTNER', nino(p), r.surname.toUpperCase(), [r.forename, r.middle].filter(Boolean).join(' ').toUpperCase(), r.dob ? ymd8(r.dob) : null, rand() < 0.3 ? pc.replace(' ', '') : pc, ymd8(start), deps]);
      sheet.truth.push([p.id, p.household]);
    });
  };
  for (const hh of c.borough.households) {
    const adults = hh.members.filter((m) => m.household === hh.id && yearAge(m, TO) >= 18 && m.relation !== 'adult child');
    const head = adults.find((m) => m.relation === 'head') ?? adults[0];
    if (!head) continue;
    const partner = adults.find((m) => m.relation === 'partner' && m !== head);
    const kids = hh.members.filter((m) => yearAge(m, TO) < 18).length;
    const pensioner = yearAge(head, TO) >= 66;
    const chance = pensioner ? 0.45 : kids > 0 && !partner ? 0.8 : kids > 0 ? 0.42 : partner ? 0.22 : 0.33;
    if (rand() < chance) claim(partner ? [head, partner] : [head], hh, pensioner ? 'PC' : 'UC', kids);
    if (!pensioner && rand() < 0.12) claim([head], hh, pick(rand, ['PIP', 'CA', 'ESA']), 0);
    // grandparents in a three-generation home claim in their own right
    const elders = hh.members.filter((m) => m.relation === 'parent');
    if (elders.length > 0 && rand() < 0.6) claim(elders, hh, yearAge(elders[0] as Person, TO) >= 66 ? 'PC' : 'UC', 0);
    for (const p of hh.members.filter((m) => m.relation === 'adult child' && m.household === hh.id)) if (rand() < 0.2) claim([p], hh, 'UC', 0);
  }
  return { file: 'DWP_LA_Share_UC_PC.csv', sheets: [sheet] };
}

// ---------------------------------------------------------------------------------------------
// 5. Housing: household composition of council tenancies, current and former on two sheets, a
// merged title over the header, relationships to the lead tenant, the address without postcode.

function housing(c: Ctx): Extract {
  const { rand } = c;
  const habits: Habits = { typo: 0.01, knownAs: 0.05, spelling: 0.03, otherSurname: 0.1, swap: 0.003, dobWrong: 0.015, dobMissing: 0.05, masculine: 0.08 };
  const header = ['Tenancy Ref', 'UPRN', 'Property Address', 'Post Code', 'Tenancy Start', 'Tenancy End', 'Person No', 'Relationship', 'Title', 'First Name', 'Last Name', 'DOB', 'NI Number'];
  const make = (name: string, title: string): TitledSheet => ({ name, mergeTitles: true, dateFormat: 'dd/mm/yyyy', preamble: [[title]], header, rows: [], truth: [] });
  const current = make('Current', `Tenancy household members (current) — as at ${dmy(TAKEN)}`);
  const former = make('Former', 'Tenancies ended 01/10/2024 to 30/09/2025');
  const relation = (p: Person, lead: Person): string => {
    if (p === lead) return 'Lead Tenant';
    switch (p.relation) {
      case 'partner':
      case 'head':
        return pick(rand, ['Joint Tenant', 'Partner', p.sex === 'M' ? 'Husband' : 'Wife']);
      case 'child':
      case 'adult child':
        return p.sex === 'M' ? 'Son' : 'Daughter';
      case 'stepchild':
        return rand() < 0.5 ? (p.sex === 'M' ? 'Stepson' : 'Stepdaughter') : p.sex === 'M' ? 'Son' : 'Daughter';
      case 'grandchild':
        return lead.relation === 'parent' ? (p.sex === 'M' ? 'Grandson' : 'Granddaughter') : p.sex === 'M' ? 'Son' : 'Daughter';
      case 'parent':
        return p.sex === 'M' ? 'Father' : 'Mother';
      default:
        return 'Other Relative';
    }
  };
  const title = (p: Person, day: string): string => (yearAge(p, day) < 16 ? (p.sex === 'M' ? 'Master' : 'Miss') : p.sex === 'M' ? 'Mr' : pick(rand, ['Mrs', 'Ms', 'Miss']));
  for (const hh of c.borough.households)
    for (const stay of hh.stays) {
      if (!stay.tenancy) continue;
      const ended = stay.to !== null;
      const sheet = ended ? former : current;
      const asAt = stay.to ?? TAKEN;
      // who the tenancy lists: members then, and a grown-up child who left and was never taken off
      const listed = hh.members.filter((m) => (m.household === hh.id ? true : m.before?.household === hh && (ended || rand() < 0.4)) && m.dob <= asAt);
      const lead = listed.find((m) => m.relation === 'head' && m.household === hh.id) ?? (listed[0] as Person);
      const ordered = [lead, ...listed.filter((m) => m !== lead)];
      const d = door(rand, stay.home);
      const address = [d.line1, d.street].filter(Boolean).join(', ');
      ordered.forEach((p, i) => {
        if (rand() > (yearAge(p, asAt) < 18 ? 0.9 : 0.96)) return;
        const r = record(rand, p, habits, rand() < 0.2);
        const dob = r.dob ? (ended ? dmy(r.dob, '-') : dayCell(r.dob)) : rand() < 0.5 ? 'Not Known' : null;
        sheet.rows.push([stay.tenancy, stay.home.uprn, address, stay.home.postcode, ended ? dmy(stay.tenancyStart as string, '-') : dayCell(stay.tenancyStart as string), stay.to ? dmy(stay.to, '-') : null, i + 1, relation(p, lead), title(p, asAt), r.forename, r.surname, dob, yearAge(p, asAt) >= 16 && rand() < 0.6 ? p.nino : null]);
        sheet.truth.push([p.id, p.household]);
      });
    }
  return { file: 'Housing_Household_Composition.xlsx', sheets: [current, former] };
}

// ---------------------------------------------------------------------------------------------
// 6. A&E attendances: the patient's postcode and, on some rows, the first line of the address (a
// flat number alone, or the whole line); NHS numbers with spaces; maiden and husbands' names;
// newborns as "Baby".

function emergency(c: Ctx): Extract {
  const { rand } = c;
  const habits: Habits = { typo: 0.02, knownAs: 0.1, spelling: 0.08, otherSurname: 0.3, swap: 0.01, dobWrong: 0.02, dobMissing: 0.005 };
  const sheet: Sheet = {
    name: '',
    preamble: [],
    header: ['Attendance Number', 'Arrival', 'NHS No', 'Patient Surname', 'Patient Forename', 'Date of Birth', 'Gender', 'Patient Postcode', 'Address Line 1', 'GP Practice', 'Presenting Complaint', 'Discharge', 'NOK Name', 'NOK Relationship', 'NOK Telephone'],
    rows: [],
    truth: [],
  };
  let ref = 7_720_000;
  const attendances: Array<[day: string, p: Person]> = [];
  for (const p of c.borough.people) {
    const age = yearAge(p, TO);
    const rate = age < 2 ? 0.7 : age < 16 ? 0.3 : age < 30 ? 0.32 : age < 70 ? 0.22 : 0.5;
    for (let v = 0; rand() < rate / (1 + v) && v < 6; v++) {
      const day = someDay(rand);
      if (day > p.dob) attendances.push([day, p]);
    }
  }
  attendances.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [day, p] of attendances) {
    const at = placeOn(p, c.byId, day);
    if (!at) continue;
    const r = record(rand, p, habits, rand() < 0.5);
    const home = at.stay.home;
    const newborn = yearAge(p, day) === 0 && Date.parse(day) - Date.parse(p.dob) < 28 * 86_400_000;
    const forename = newborn && rand() < 0.5 ? 'Baby' : r.forename;
    const line = rand() < 0.45 ? null : rand() < 0.3 && home.door ? (home.kind === 'block' || home.kind === 'converted' ? `Flat ${home.door}` : `Room ${home.door}`) : door(rand, home).line1;
    const nhs = rand() < 0.82 ? (rand() < 0.02 ? `${p.nhs.slice(0, 9)}${(Number(p.nhs[9]) + 1) % 10}` : p.nhs) : null;
    sheet.rows.push([
      `AE${ref++}`, `${dmy(day)} ${clock(rand)}`, nhs && `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`, rand() < 0.5 ? r.surname.toUpperCase() : r.surname, forename,
      r.dob ? (rand() < 0.05 ? `${Number(r.dob.slice(8))}/${Number(r.dob.slice(5, 7))}/${r.dob.slice(0, 4)}` : dmy(r.dob)) : null, rand() < 0.01 ? 'Not Known' : p.sex === 'M' ? 'Male' : 'Female',
      // the NHS's pseudo-postcode for an address not known
      rand() < 0.97 ? home.postcode : rand() < 0.5 ? 'ZZ99 3WZ' : null, line, `P${between(rand, 81_000, 81_099)}`,
      pick(rand, ['Fall', 'Head injury', 'Chest pain', 'Abdominal pain', 'Breathing difficulty', 'Fever', 'Laceration', 'Overdose', 'Assault', 'Limb injury', 'Mental health crisis']),
      pick(rand, ['Discharged home', 'Admitted', 'GP follow up', 'Left before treatment', 'Referred to clinic']),
      ...nextOfKin(c, p, at.household, day),
    ]);
    sheet.truth.push([p.id, p.household]);
  }
  return { file: 'AE_Attendances_2024-25.csv', sheets: [sheet] };
}

/** The next of kin A&E takes down: a parent for a child, a partner or a grown-up child for an adult. */
function nextOfKin(c: Ctx, p: Person, hh: Household, day: string): [name: string | null, relationship: string | null, phone: string | null] {
  if (c.rand() < 0.25) return [null, null, null];
  const adults = hh.members.filter((m) => m !== p && yearAge(m, day) >= 18 && placeOn(m, c.byId, day)?.household === hh);
  const child = yearAge(p, day) < 18;
  const kin = child ? adults.find((m) => m.relation === 'head' || m.relation === 'partner') : (adults.find((m) => m.relation === 'partner' || m.relation === 'head') ?? adults[0]);
  if (!kin) return [null, null, null];
  const relationship = child ? (kin.sex === 'F' ? 'Mother' : 'Father') : kin.relation === 'partner' || kin.relation === 'head' ? (kin.sex === 'F' ? 'Wife' : 'Husband') : kin.sex === 'F' ? 'Daughter' : 'Son';
  return [`${kin.forename} ${kin.surname}`, relationship, kin.mobile];
}

export function makeExtracts(borough: Borough, rand: Rand): Extract[] {
  const c: Ctx = { rand, borough, byId: new Map(borough.households.map((h) => [h.id, h])), flagged: new Set() };
  const asb = police(c);
  return [schoolCensus(c), asb, youthJustice(c), dwp(c), housing(c), emergency(c)];
}

export type { Cell };
