// Other layouts of the same six extracts, as other partners' systems write them: headings
// reworded, abbreviated, UPPER_SNAKE or camelCase; columns in another order; no header row; a
// title above and an "Extracted …" footer below; the name in one column (in several orders)
// under a heading that says nothing; A&E, DWP and youth justice rows with a full address; other
// date styles (ISO, two-digit years, d-MMM-yy, Excel serial numbers); sex as codes; NHS numbers
// with spaces; e-mail and phone columns; csv and xlsx the other way round; addresses over Address
// Line 1–4 (a house number apart, a postcode typed into the last line) or over several lines of
// one cell; dotted, written-out and ISO-with-time dates; placeholder dates of birth; numbers with
// a spreadsheet's leading apostrophe; semicolon and tab csv with a byte-order mark; notes sheets,
// one sheet a quarter, group headings, empty columns and totals rows; a system's own person number
// before the claim or tenancy reference; a door without its street beside the postcode; a
// parent's name over two columns; a joint claim as the couple across one row. The rows, the people and
// the truth are the plain layout's, so a drop in a score is the layout's cost.
//
//   writeUnseenBorough(n, seed, dir, relayoutFor('v2'))   (link.bench.ts: cases unseen-5000-v1 …)
import type { Borough, Household, Person, Rand } from './people.js';
import { EXTRACT_DATE, NICKNAMES, YEAR_END, ageOn, between, homeOn, pick, seeded } from './people.js';
import { dateText, doorAndStreet, type Cell, type Extract, type Sheet } from './extracts.js';

type Kind =
  | 'ref' | 'upn' | 'surname' | 'forename' | 'middle' | 'fullname' | 'dob' | 'sex' | 'other' | 'addr1' | 'addr2' | 'town'
  | 'postcode' | 'eventDate' | 'endDate' | 'age' | 'address' | 'nino' | 'title' | 'uprn' | 'nhs' | 'email' | 'phone' | 'line' | 'houseNo' | 'blank'
  | 'personRef' | 'relForename' | 'relSurname' | 'relation';

/** A column of a plain extract: what it holds, how other systems head it, their abbreviation. */
interface ColumnSpec {
  kind: Kind;
  words: readonly string[];
  abbrev: string;
}
const col = (kind: Kind, words: readonly string[], abbrev: string): ColumnSpec => ({ kind, words, abbrev });
const SURNAME = col('surname', ['Family Name', 'Last Name', 'Surname'], 'Sname');
const FORENAME = col('forename', ['Given Name', 'First Name', 'Forename'], 'Fname');
const DOB = col('dob', ['Birth Date', 'Date Born', 'Date of Birth'], 'DOB');
const SEX = col('sex', ['Sex', 'Gender'], 'Sx');
const POSTCODE = col('postcode', ['Postal Code', 'Post Code', 'Postcode'], 'PCode');

/** The plain layouts' columns, by the plain file's name (the youth justice file has no header). */
const PLAIN: Record<string, readonly ColumnSpec[]> = {
  'Education_Census_Pupils.xlsx': [
    col('upn', ['Unique Pupil Number', 'Pupil UPN'], 'UPN'), SURNAME, FORENAME, col('middle', ['Other Names', 'Middle Names'], 'MName'), DOB, SEX,
    col('other', ['Curriculum Year', 'Year Group'], 'NCY'), col('addr1', ['Address 1', 'Street Address'], 'Addr1'), col('addr2', ['Address 2', 'Locality'], 'Addr2'),
    col('town', ['Post Town', 'Town/City'], 'Twn'), POSTCODE, col('other', ['Establishment', 'School Name'], 'Estab'),
  ],
  'ASB_nominals_export.csv': [
    col('ref', ['Occurrence Ref', 'Incident Number'], 'OccRef'), col('eventDate', ['Date Reported', 'Report Date'], 'RptDt'), col('other', ['Category', 'ASB Type'], 'Cat'),
    col('other', ['Involvement', 'Role in Incident'], 'Invl'), col('fullname', ['Name', 'Full Name'], 'Nm'), DOB, col('age', ['Age at Occurrence', 'Age'], 'AgeOcc'),
    col('address', ['Home Address', 'Residential Address'], 'HomeAddr'), col('other', ['Incident Location', 'Location'], 'Loc'), col('other', ['Beat Code', 'Neighbourhood'], 'Bt'),
  ],
  'yot_cases.csv': [
    col('ref', ['Case Reference', 'YOT Number'], 'CaseRef'), SURNAME, FORENAME, DOB, SEX, POSTCODE, col('other', ['Outcome', 'Disposal'], 'Outc'), col('eventDate', ['Outcome Date', 'Disposal Date'], 'OutcDt'),
  ],
  'DWP_LA_share_UC_PC.csv': [
    col('ref', ['Claim Reference', 'Claim Number'], 'ClmRef'), col('nino', ['National Insurance Number', 'NI Number'], 'NINO'), col('title', ['Title', 'Salutation'], 'Ttl'), FORENAME, SURNAME, DOB,
    POSTCODE, col('other', ['Benefit', 'Benefit Type'], 'Ben'), col('eventDate', ['Award Start Date', 'Start Date'], 'AwdSt'), col('other', ['Joint Claim', 'Couple Claim'], 'Jnt'),
  ],
  'Housing_tenancy_household_members.xlsx': [
    col('ref', ['Tenancy Reference', 'Tenancy Number'], 'TenRef'), col('uprn', ['Property Reference', 'UPRN'], 'PropRef'), col('address', ['Property Address', 'Address'], 'PropAddr'), POSTCODE,
    col('eventDate', ['Tenancy Start Date', 'Start Date'], 'TenSt'), col('endDate', ['Tenancy End Date', 'End Date'], 'TenEnd'), col('other', ['Relationship to Lead', 'Household Role'], 'Rel'),
    col('title', ['Title', 'Salutation'], 'Ttl'), FORENAME, SURNAME, DOB,
  ],
  'ED_attendances_FY2425.csv': [
    col('ref', ['Attendance ID', 'Attendance Number'], 'AttId'), col('eventDate', ['Arrival Date/Time', 'Arrived'], 'ArrDtTm'), col('nhs', ['NHS Number', 'NHS No'], 'NHSNo'), SURNAME, FORENAME, DOB, SEX, POSTCODE,
    col('other', ['Presenting Complaint', 'Complaint'], 'PresCompl'), col('other', ['Discharge Outcome', 'Disposal'], 'DischOut'),
  ],
};
const PLAIN_FILES = Object.keys(PLAIN);

type NameOrder = 'surname-comma' | 'forename-surname' | 'full-middle' | 'surname-forename';
type DateLayout = 'iso' | 'dmy' | 'dmon2' | 'dmy2' | 'serial' | 'dot' | 'long' | 'isoZ' | 'dmyTime' | 'us' | 'instant';
/** How one extract is laid out in a variant; anything not said stays as in the plain layout. */
export interface Layout {
  heading?: 'reworded' | 'upper-snake' | 'camel' | 'abbrev' | 'none';
  /** a heading that says nothing for the one-column name ("Subject", "Nominal") */
  vague?: string;
  reorder?: boolean;
  title?: boolean;
  footer?: boolean;
  fullName?: NameOrder;
  address?: boolean;
  dates?: DateLayout;
  sex?: 'MF' | 'word' | 'digit';
  nhsSpaces?: boolean;
  /** the one-column name in capitals throughout: no case tells the surname */
  upperName?: boolean;
  /** postcodes in lower case without the space ("hx15ab") */
  compactPostcode?: boolean;
  /** dates of birth as a database writes them ("1985-03-02 00:00:00") */
  dobTime?: boolean;
  contact?: boolean;
  format?: 'csv' | 'xlsx';
  /** the address over "Address Line 1–4" (the town in whichever line comes next); on some rows
   * the postcode typed into the last line and its own cell left blank */
  addressLines?: boolean;
  /** with addressLines: the house number in a column of its own */
  houseNumber?: boolean;
  /** the address in one cell, a line break between its lines, the postcode on the last */
  multilineAddress?: boolean;
  /** a missing date of birth written as the system's default, 01/01/1900 */
  placeholderDob?: boolean;
  /** the reference as a 10-digit number (the length of an NHS number) */
  numericRef?: boolean;
  /** National Insurance numbers in lower case with spaces ("ab 12 34 56 c") */
  ninoSpaced?: boolean;
  /** numbers kept as text the way a spreadsheet user forces it, a leading apostrophe (NHS number, UPRN, phone; csv) */
  apostrophe?: boolean;
  /** empty columns between the others */
  blankColumns?: boolean;
  /** a row of group headings above the header ("Person", "Address"), as merged cells show it */
  groupHeader?: boolean;
  /** a notes sheet before the data (xlsx) */
  notes?: boolean;
  /** one sheet per quarter of the year, by the row's event date (xlsx) */
  quarters?: boolean;
  /** a totals row under the data */
  totals?: boolean;
  /** how the csv is written: delimiter, byte-order mark, line end */
  csv?: Extract['csv'];
  /** with fullName: the title written into the name cell ("SMITH, Mrs Julie"), no title column */
  titleInName?: boolean;
  /** phone numbers as a number cell keeps them: the leading 0 gone ("7700900123") */
  phoneAsNumber?: boolean;
  /** identifiers written as Excel's text formula, ="4857773456", to keep their leading zeros (csv) */
  formulaText?: boolean;
  /** the system's own number for each person ("Person ID", "Patient ID") in a column before the
   * file's reference (the claim, tenancy, occurrence or attendance) */
  personRef?: string;
  /** where the plain layout has a postcode only, the door as a front-desk system keeps it: "Flat 9"
   * or "Flat 9, Priestley House" for a flat, the number ("14") or name of a house, no street */
  partialAddress?: boolean;
  /** the young person's parent (or the person who brings them up) named over two columns, with
   * these headings, and a relationship column where one is given */
  parentName?: { forename: string; surname: string; relationship?: string };
  /** a joint claim written as the couple across one row: the partner in columns headed as the
   * claimant's with PTNR for CLMT (the partner's own row is gone, and so is its truth) */
  coupleRow?: boolean;
}
type Variant = readonly [schools: Layout, police: Layout, yot: Layout, dwp: Layout, housing: Layout, health: Layout];

export const VARIANTS: Record<string, Variant> = {
  // headings other systems write, columns in another order, titles and footers
  v1: [
    { heading: 'upper-snake', reorder: true, format: 'csv' },
    { heading: 'reworded', vague: 'Subject', title: true, footer: true },
    { heading: 'camel', reorder: true },
    { heading: 'abbrev', reorder: true, footer: true },
    { heading: 'reworded', title: true, footer: true, reorder: true },
    { heading: 'camel', reorder: true },
  ],
  // the name in one column, in several orders, under headings that say nothing; codes and dates
  v2: [
    { fullName: 'full-middle', vague: 'Individual', sex: 'digit', dates: 'iso' },
    { heading: 'upper-snake', fullName: 'forename-surname', vague: 'Nominal', dates: 'dmon2' },
    { heading: 'reworded', fullName: 'surname-comma', vague: 'Client', sex: 'MF', dates: 'iso' },
    { fullName: 'forename-surname', vague: 'Customer', dates: 'dmon2' },
    { fullName: 'surname-forename', vague: 'Person', format: 'csv', dates: 'dmy' },
    { heading: 'reworded', fullName: 'surname-comma', vague: 'Subject', nhsSpaces: true, sex: 'digit' },
  ],
  // no header rows, full addresses where the plain layout has a postcode only, e-mail and
  // phone, xlsx with Excel serial dates
  v3: [
    { heading: 'none', format: 'csv' },
    { heading: 'none', format: 'xlsx', dates: 'serial' },
    { heading: 'reworded', address: true, contact: true, format: 'xlsx', dates: 'serial', sex: 'digit' },
    { heading: 'none', address: true, contact: true },
    { heading: 'upper-snake', contact: true, dates: 'serial', title: true, footer: true },
    { heading: 'reworded', address: true, contact: true, format: 'xlsx', dates: 'serial', title: true, footer: true, nhsSpaces: true },
  ],
  // every extract without a header row: roles from the cells alone, names in one column
  v4: [
    { heading: 'none', fullName: 'forename-surname', dates: 'iso' },
    { heading: 'none', fullName: 'surname-comma', dates: 'dmon2' },
    { heading: 'none', fullName: 'full-middle', sex: 'MF' },
    { heading: 'none', format: 'xlsx', dates: 'serial' },
    { heading: 'none', fullName: 'surname-forename', format: 'csv', footer: true },
    { heading: 'none', nhsSpaces: true, contact: true },
  ],
  // one-column names in capitals (no case to tell the surname), database dates, compact postcodes
  v5: [
    { heading: 'upper-snake', fullName: 'forename-surname', upperName: true, dobTime: true, compactPostcode: true },
    { heading: 'camel', fullName: 'surname-forename', upperName: true, dobTime: true },
    { heading: 'abbrev', fullName: 'surname-forename', upperName: true, compactPostcode: true },
    { heading: 'reworded', fullName: 'forename-surname', upperName: true, dobTime: true, reorder: true },
    { heading: 'upper-snake', fullName: 'full-middle', upperName: true, format: 'csv', dates: 'iso' },
    { heading: 'abbrev', fullName: 'forename-surname', upperName: true, dobTime: true, compactPostcode: true, nhsSpaces: true },
  ],
  // a council case system's export: addresses over Address Line 1–4 with the house number apart,
  // dotted and written-out dates, semicolon and tab csv with a byte-order mark, notes sheets,
  // group headings, placeholder dates of birth, references of ten digits
  v6: [
    { heading: 'reworded', addressLines: true, houseNumber: true, sex: 'word', dates: 'long', notes: true, groupHeader: true },
    { heading: 'reworded', vague: 'Nominal', dates: 'dot', placeholderDob: true, blankColumns: true, csv: { delimiter: ';', bom: true } },
    { heading: 'camel', numericRef: true, dates: 'long', addressLines: true, houseNumber: true, csv: { delimiter: '\t', eol: '\n' } },
    { heading: 'upper-snake', ninoSpaced: true, dates: 'isoZ', totals: true },
    { heading: 'reworded', addressLines: true, dates: 'dmyTime', groupHeader: true, format: 'xlsx' },
    { heading: 'upper-snake', apostrophe: true, sex: 'digit', multilineAddress: true, dates: 'dot' },
  ],
  // workbooks of one sheet a quarter with a notes sheet, two-row headers and totals; csv with a
  // byte-order mark, semicolons and addresses over several lines in one cell
  v7: [
    { heading: 'abbrev', format: 'csv', addressLines: true, dates: 'dmyTime', csv: { bom: true } },
    { heading: 'upper-snake', format: 'xlsx', quarters: true, notes: true, dates: 'long', totals: true },
    { heading: 'reworded', format: 'xlsx', groupHeader: true, sex: 'MF', placeholderDob: true },
    { heading: 'camel', format: 'xlsx', addressLines: true, houseNumber: true, dates: 'dot', blankColumns: true },
    { heading: 'reworded', format: 'csv', multilineAddress: true, apostrophe: true, dates: 'isoZ', csv: { delimiter: ';' } },
    { heading: 'reworded', format: 'xlsx', quarters: true, nhsSpaces: true, dates: 'dmyTime', totals: true, title: true },
  ],
  // cloud systems' exports: dates as UTC instants of UK local times ("1985-07-13T23:00:00.000Z"
  // for a birth on 14 July), an American product's month-first dates, titles inside the name
  // cell, phone numbers that lost their leading 0 in a number cell
  v9: [
    { heading: 'camel', format: 'csv', dates: 'instant' },
    { heading: 'reworded', dates: 'dmy2', vague: 'Subject' },
    { heading: 'reworded', dates: 'us', address: true },
    { heading: 'upper-snake', fullName: 'surname-comma', titleInName: true, contact: true, phoneAsNumber: true, format: 'xlsx' },
    { heading: 'abbrev', dates: 'instant', contact: true },
    { heading: 'upper-snake', dates: 'instant', nhsSpaces: true },
  ],
  // exports made for Excel: identifiers as text formulas (="…"), a "sep=;" first line, UTF-16
  // tab-separated "Unicode Text"
  v10: [
    { heading: 'upper-snake', format: 'csv', formulaText: true, csv: { delimiter: ';', sepLine: true } },
    { heading: 'reworded', csv: { delimiter: '\t', utf16: true } },
    { heading: 'none', csv: { delimiter: '\t', utf16: true } },
    { heading: 'abbrev', formulaText: true, csv: { sepLine: true } },
    { heading: 'camel', format: 'csv', formulaText: true, dates: 'iso' },
    { heading: 'none', formulaText: true, nhsSpaces: true },
  ],
  // each system's own number for a person beside the file's reference, first: a claim's or a
  // tenancy's people share the reference, each has their own person number
  v11: [
    { personRef: 'Pupil ID' },
    { personRef: 'Nominal ID', heading: 'upper-snake' },
    { personRef: 'Client ID' },
    { personRef: 'Person ID', heading: 'upper-snake' },
    { personRef: 'Person Ref' },
    { personRef: 'Patient ID', heading: 'upper-snake' },
  ],
  // the door without the street where the plain layout has a postcode only (A&E, DWP, youth
  // justice): "Flat 9", "Flat 9, Priestley House", "14"
  v12: [
    {},
    {},
    { partialAddress: true },
    { partialAddress: true, heading: 'upper-snake' },
    {},
    { partialAddress: true, heading: 'upper-snake' },
  ],
  // a parent's name over two columns (the census with a relationship column, youth justice in
  // UPPER_SNAKE), and the benefits extract's joint claims as the couple across one row
  v13: [
    { parentName: { forename: 'Parent Forename', surname: 'Parent Surname', relationship: 'Relationship to Pupil' } },
    {},
    { heading: 'upper-snake', parentName: { forename: 'PARENT_FNAME', surname: 'PARENT_SNAME' } },
    { coupleRow: true },
    {},
    {},
  ],
  // no header rows, with the layouts above: address lines and house numbers, line breaks in an
  // address cell, placeholder dates, ten-digit references, tab and semicolon csv
  v8: [
    { heading: 'none', addressLines: true, dates: 'dot', csv: { delimiter: '\t' } },
    { heading: 'none', placeholderDob: true, dates: 'isoZ', multilineAddress: true },
    { heading: 'none', format: 'xlsx', addressLines: true, houseNumber: true, dates: 'long' },
    { heading: 'none', ninoSpaced: true, numericRef: true, dates: 'dmyTime', csv: { delimiter: ';', bom: true } },
    { heading: 'none', blankColumns: true, dates: 'dot', totals: true },
    { heading: 'none', apostrophe: true, sex: 'word', addressLines: true, csv: { eol: '\n' } },
  ],
};

// ---------------------------------------------------------------------------------------------
// Cells.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number | string): string => String(n).padStart(2, '0');

/** A plain layout's date cell as ISO and any time after it; null for one it cannot read for sure. */
function readDate(c: Cell): { iso: string; time: string } | null {
  if (c instanceof Date) return { iso: c.toISOString().slice(0, 10), time: '' };
  if (typeof c !== 'string') return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(c);
  if (m) return { iso: c, time: '' };
  m = /^(\d{2})\/(\d{2})\/(\d{4})( \d{2}:\d{2})?$/.exec(c);
  if (m) return { iso: `${m[3]}-${m[2]}-${m[1]}`, time: m[4] ?? '' };
  m = /^(\d{2})-([A-Z][a-z]{2})-(\d{4})$/.exec(c);
  if (m) return { iso: `${m[3]}-${pad(MONTHS.indexOf(m[2] as string) + 1)}-${m[1]}`, time: '' };
  // "08/01/25": the century is the reader's problem, so it stays as the partner wrote it
  return null;
}
function writeDate(iso: string, time: string, style: DateLayout, xlsx: boolean): Cell {
  const [y, m, d] = iso.split('-') as [string, string, string];
  if (style === 'serial') {
    if (!xlsx || time) return `${d}/${m}/${y}${time}`;
    return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000) + 25_569;
  }
  if (style === 'dmon2') return `${Number(d)}-${MONTHS[Number(m) - 1]}-${y.slice(2)}${time}`;
  if (style === 'dot') return `${d}.${m}.${y}${time}`;
  if (style === 'long') return `${Number(d)} ${FULL_MONTHS[Number(m) - 1]} ${y}${time}`;
  if (style === 'isoZ') return `${iso}T${time ? time.trim() : '00:00'}:00Z`;
  if (style === 'dmyTime') return `${d}/${m}/${y} ${time ? time.trim() : '00:00'}:00`;
  if (style === 'us') return `${Number(m)}/${Number(d)}/${y}${time}`;
  if (style === 'instant') return londonInstant(iso, time ? time.trim() : '00:00');
  const text = dateText(iso, style === 'dmy2' ? 'dmy2' : style) as string;
  return `${text}${time}`;
}

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
/** The UTC instant of a UK local date and time, as a system that keeps instants exports it. */
function londonInstant(iso: string, hhmm: string): string {
  const guess = Date.parse(`${iso}T${hhmm}:00Z`);
  const p = Object.fromEntries(LONDON.formatToParts(guess).map((x) => [x.type, x.value]));
  const shown = Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:00Z`);
  return new Date(guess - (shown - guess)).toISOString();
}

const title = (s: string): string => s.toLowerCase().replace(/(^|[\s'-])([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase());
/** One name cell in an order a system writes it. */
function fullName(order: NameOrder, forename: string, surname: string, middle: string | null, honorific: string | null = null): string {
  const sur = surname.toUpperCase();
  const fore = `${honorific ? `${honorific} ` : ''}${title(forename)}`;
  if (order === 'surname-comma') return `${sur}, ${fore}${middle ? ` ${title(middle)}` : ''}`;
  if (order === 'forename-surname') return `${fore} ${sur}`;
  if (order === 'surname-forename') return `${sur} ${fore}`;
  return `${fore}${middle ? ` ${title(middle)}` : ''} ${title(surname)}`;
}

/**
 * The parent a system names for a young person: the mother in the household mostly, else the
 * father, a generation up; now and then no one (not recorded) or a parent who lives elsewhere,
 * the young person's surname with a forename no one in the household has. Keyed as clerks key
 * it: a nickname or a slip now and then, an initial for a share.
 */
function parentOf(rand: Rand, p: Person, h: Household): { forename: string; surname: string; relationship: string } | null {
  if (rand() < 0.08) return null;
  const older = h.members.filter((m) => m.role === 'adult' && ageOn(m.dob, YEAR_END) - ageOn(p.dob, YEAR_END) >= 16);
  const mothers = older.filter((m) => m.sex === 'F');
  const fathers = older.filter((m) => m.sex === 'M');
  let parent: Person | undefined = mothers.length && (rand() < 0.8 || !fathers.length) ? mothers[0] : fathers[0];
  if (!parent || rand() < 0.04) {
    if (rand() < 0.5) return null;
    const forename = pick(rand, ['Gary', 'Darren', 'Wayne', 'Lee', 'Craig', 'Imran', 'Tariq', 'Kacper', 'Paul', 'Mark']);
    return { forename, surname: p.surname, relationship: 'Father' };
  }
  let forename = parent.forename;
  const nick = NICKNAMES[forename];
  if (nick && rand() < 0.05) forename = pick(rand, nick);
  if (rand() < 0.01 && forename.length > 4) forename = forename.slice(0, 2) + forename.slice(3);
  if (rand() < 0.1) forename = forename[0] as string;
  const relationship = rand() < 0.1 ? 'Parent' : parent.sex === 'F' ? 'Mother' : 'Father';
  return { forename, surname: parent.surname, relationship };
}

const words = (heading: string): string[] => heading.replace(/[()/.&-]/g, ' ').split(/\s+/).filter(Boolean);
function headingFor(spec: ColumnSpec, style: NonNullable<Layout['heading']>, rand: Rand, prefix: string): string {
  const phrase = pick(rand, spec.words);
  if (style === 'reworded') return phrase;
  if (style === 'abbrev') return spec.abbrev;
  const w = words(phrase);
  if (style === 'camel') return w.map((x, i) => (i === 0 ? x.toLowerCase() : x[0]?.toUpperCase() + x.slice(1).toLowerCase())).join('');
  return `${prefix}${w.join('_').toUpperCase()}`;
}

/** A person's e-mail and phone as they gave them, the same wherever they appear. */
function contactOf(p: Person): { email: string; phone: string } {
  const r = seeded(Number(p.id.replace(/\D/g, '')) * 31 + 5);
  const domain = pick(r, ['gmail.com', 'hotmail.co.uk', 'yahoo.co.uk', 'outlook.com', 'icloud.com', 'btinternet.com']);
  const local = pick(r, [`${p.forename}.${p.surname}`, `${p.forename}${p.surname}${between(r, 1, 99)}`, `${p.forename[0]}${p.surname}`, `${p.surname}${p.forename}${between(r, 70, 99)}`]);
  const phone = `07${between(r, 300, 999)}${String(between(r, 0, 999_999)).padStart(6, '0')}`;
  return { email: `${local.toLowerCase().replace(/[^a-z0-9.]/g, '')}@${domain}`, phone };
}
const phoneText = (rand: Rand, digits: string): string => {
  const k = rand();
  if (k < 0.4) return `${digits.slice(0, 5)} ${digits.slice(5)}`;
  if (k < 0.6) return `+44 ${digits.slice(1, 5)} ${digits.slice(5)}`;
  return digits;
};

const POSTCODE_TEXT = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i;
const LINES = [1, 2, 3, 4].map((n) => col('line', [`Address Line ${n}`, `Address ${n}`], `Add${n}`));
const HOUSE_NO = col('houseNo', ['House Number', 'House No'], 'HseNo');
const BLANK = col('blank', [''], '');
/** Lines of an address written over n columns: any beyond the last run on in it. */
function spread(parts: string[], n: number): Array<string | null> {
  const lines: Array<string | null> = parts.slice(0, n - 1);
  if (parts.length >= n) lines.push(parts.slice(n - 1).join(', '));
  while (lines.length < n) lines.push(null);
  return lines;
}
/** The group a column's heading sits under in a two-row header. */
const groupOf = (kind: Kind): string =>
  ['line', 'houseNo', 'address', 'addr1', 'addr2', 'town', 'postcode', 'uprn'].includes(kind) ? 'Address' : ['ref', 'eventDate', 'endDate', 'other', 'age'].includes(kind) ? 'Case details' : ['blank'].includes(kind) ? '' : 'Person';
/** The quarter of the financial year an ISO date falls in ("Q1 2024-25"). */
function quarterOf(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const fy = m >= 4 ? y : y - 1;
  return `Q${Math.floor(((m + 8) % 12) / 3) + 1} ${fy}-${String((fy + 1) % 100).padStart(2, '0')}`;
}
const NOTES: Cell[][] = [
  ['About this extract'],
  ['Produced for the early help data share under the information sharing agreement.'],
  ['One sheet per quarter; dates are day first. A blank cell was not recorded.'],
  [],
  ['Queries to the information governance team.'],
];

// ---------------------------------------------------------------------------------------------
// One extract laid out.

interface Column {
  spec: ColumnSpec;
  cells: Cell[];
}

/** `layoutRand` draws the layout (prefix, column order, headings); `rand` the cells. */
function relayoutExtract(e: Extract, plainFile: string, layout: Layout, borough: Borough, rand: Rand, layoutRand: Rand = rand): Extract[] {
  const specs = PLAIN[plainFile] as readonly ColumnSpec[];
  const people = new Map<string, Person>();
  const homes = new Map<string, Household>();
  for (const h of borough.households) {
    homes.set(h.id, h);
    for (const p of h.members) people.set(p.id, p);
  }
  const format = layout.format ?? (plainFile.endsWith('.xlsx') ? 'xlsx' : 'csv');
  const prefix = pick(layoutRand, ['', 'PER_', 'CL_', 'P_']);
  const sheets = e.sheets.flatMap((sheet): Sheet[] => {
    let cols: Column[] = specs.map((spec, i) => ({ spec, cells: sheet.rows.map((r) => r[i] ?? null) }));
    const of = (kind: Kind): Column | undefined => cols.find((c) => c.spec.kind === kind);
    const person = (i: number): Person => people.get((sheet.truth[i] as [string, string])[0]) as Person;
    // each row's event day as the plain layout has it, for a workbook of one sheet a quarter
    const eventDay = of('eventDate')?.cells.map((v) => readDate(v)?.iso ?? null);
    if (layout.fullName) {
      const fore = of('forename');
      const sur = of('surname');
      const mid = of('middle');
      const whole = of('fullname');
      const honorific = layout.titleInName ? of('title') : undefined;
      const cells = sheet.rows.map((_, i) => {
        let f = fore?.cells[i] as string | null;
        let s = sur?.cells[i] as string | null;
        if (whole) [s, f] = String(whole.cells[i]).split(', ') as [string, string];
        // a middle name where the system keeps one, or for a share of people where it is typed in
        const m = mid ? (mid.cells[i] as string | null) : layout.fullName === 'full-middle' || rand() < 0.3 ? person(i).middle : null;
        const name = fullName(layout.fullName as NameOrder, f ?? '', s ?? '', m, (honorific?.cells[i] as string | null | undefined) ?? null);
        return layout.upperName ? name.toUpperCase() : name;
      });
      const at = cols.findIndex((c) => c.spec.kind === 'surname' || c.spec.kind === 'forename' || c.spec.kind === 'fullname');
      const named: Column = { spec: col('fullname', ['Name', 'Full Name'], 'Nm'), cells };
      cols = cols.filter((c) => !['surname', 'forename', 'middle', 'fullname'].includes(c.spec.kind) && c !== honorific);
      cols.splice(at, 0, named);
    }
    if (layout.address && !of('address') && !of('addr1')) {
      const pc = of('postcode');
      const cells = sheet.rows.map((_, i): Cell => {
        const h = homes.get((sheet.truth[i] as [string, string])[1]) as Household;
        const stay = h.stays.find((s) => s.home.postcode === pc?.cells[i]);
        const home = stay ? stay.home : homeOn(h, YEAR_END);
        if (rand() < 0.04) return null;
        return `${doorAndStreet(rand, home, rand() < 0.3)}, ${home.town}`;
      });
      const at = pc ? cols.indexOf(pc) : cols.length;
      cols.splice(at, 0, { spec: col('address', ['Address', 'Home Address', 'Residential Address'], 'Addr'), cells });
    }
    if (layout.addressLines || layout.multilineAddress) {
      const whole = of('address');
      const split = [of('addr1'), of('addr2'), of('town')].filter((c): c is Column => c !== undefined);
      const pc = of('postcode');
      // what the plain layout wrote, or where it has a postcode only, the household's home then
      const parts = sheet.rows.map((_, i): string[] => {
        if (whole) return typeof whole.cells[i] === 'string' ? (whole.cells[i] as string).split(', ') : [];
        if (split.length) return split.map((c) => c.cells[i]).filter((v): v is string => typeof v === 'string' && v !== '');
        const h = homes.get((sheet.truth[i] as [string, string])[1]) as Household;
        const home = h.stays.find((s) => s.home.postcode === pc?.cells[i])?.home ?? homeOn(h, YEAR_END);
        if (rand() < 0.04) return [];
        const door = doorAndStreet(rand, home, rand() < 0.3).split(', ');
        return layout.multilineAddress ? [...door, home.town, home.postcode] : [...door, home.town];
      });
      const at = Math.min(...[whole, ...split, pc].filter((c): c is Column => c !== undefined).map((c) => cols.indexOf(c)), cols.length);
      let added: Column[];
      if (layout.multilineAddress) {
        added = [{ spec: col('address', ['Address', 'Home Address'], 'Addr'), cells: parts.map((p) => (p.length ? p.join('\n') : null)) }];
      } else {
        const numbers: Cell[] = [];
        const lines = parts.map((p, i) => {
          const first = /^(\d+[a-z]?) (.+)$/i.exec(p[0] ?? '');
          if (layout.houseNumber && first) {
            numbers.push(first[1] as string);
            p = [first[2] as string, ...p.slice(1)];
          } else numbers.push(null);
          // a postcode typed into the last line, its own cell left blank
          if (pc && typeof pc.cells[i] === 'string' && p.length > 0 && p.length < 4 && rand() < 0.15) {
            p = [...p.slice(0, -1), `${p[p.length - 1] as string} ${pc.cells[i] as string}`];
            pc.cells[i] = null;
          }
          return spread(p, 4);
        });
        added = LINES.map((spec, k) => ({ spec, cells: lines.map((l) => l[k] ?? null) }));
        if (layout.houseNumber) added.unshift({ spec: HOUSE_NO, cells: numbers });
      }
      cols = cols.filter((c) => c !== whole && !split.includes(c));
      cols.splice(Math.min(at, cols.length), 0, ...added);
    }
    if (layout.partialAddress && !of('address') && !of('addr1')) {
      const pc = of('postcode');
      const cells = sheet.rows.map((_, i): Cell => {
        const h = homes.get((sheet.truth[i] as [string, string])[1]) as Household;
        const home = h.stays.find((s) => s.home.postcode === pc?.cells[i])?.home ?? homeOn(h, YEAR_END);
        if (rand() < 0.04) return null;
        if (home.flatKind === 'flat') return home.block && rand() < 0.5 ? `Flat ${home.flat}, ${home.block}` : `Flat ${home.flat}`;
        if (home.flatKind === 'letter') return `Flat ${(home.flat as string).toUpperCase()}`;
        if (home.flatKind === 'room') return `Room ${home.flat}`;
        return home.houseName ?? home.number;
      });
      cols.splice(pc ? cols.indexOf(pc) : cols.length, 0, { spec: col('address', ['Address Line 1', 'Address 1'], 'Addr1'), cells });
    }
    if (layout.personRef) {
      // one number per person in this system, in the order people first appear
      const numbers = new Map<string, string>();
      const cells = sheet.rows.map((_, i): Cell => {
        const id = (sheet.truth[i] as [string, string])[0];
        let n = numbers.get(id);
        if (n === undefined) numbers.set(id, (n = String(4_100_000 + numbers.size * 13 + Math.floor(rand() * 13))));
        return n;
      });
      const ref = of('ref') ?? of('upn');
      cols.splice(ref ? cols.indexOf(ref) : 0, 0, { spec: col('personRef', [layout.personRef], layout.personRef.replace(/\s+/g, '')), cells });
    }
    if (layout.parentName) {
      const named = sheet.rows.map((_, i) => parentOf(rand, person(i), homes.get(person(i).household) as Household));
      const upper = layout.heading === 'upper-snake';
      const added: Column[] = [
        { spec: col('relForename', [layout.parentName.forename], layout.parentName.forename), cells: named.map((n) => n?.forename ?? null) },
        { spec: col('relSurname', [layout.parentName.surname], layout.parentName.surname), cells: named.map((n) => (n ? (upper ? n.surname.toUpperCase() : n.surname) : null)) },
      ];
      if (layout.parentName.relationship) added.push({ spec: col('relation', [layout.parentName.relationship], layout.parentName.relationship), cells: named.map((n) => n?.relationship ?? null) });
      const after = Math.max(...(['surname', 'forename', 'fullname', 'dob'] as const).map((k) => cols.findIndex((c) => c.spec.kind === k)));
      cols.splice(after + 1, 0, ...added);
    }
    // the rows kept: a couple across one row drops the partner's own row
    let kept = sheet.rows.map((_, r) => r);
    if (layout.coupleRow) {
      const ref = of('ref');
      const own = cols.filter((c) => (['nino', 'title', 'forename', 'surname', 'dob'] as Kind[]).includes(c.spec.kind));
      const partner = sheet.rows.map((_, r) => r > 0 && ref?.cells[r] === ref?.cells[r - 1] && person(r).household === person(r - 1).household);
      const columns: Column[] = own.map((c) => {
        const plain = sheet.header?.[specs.indexOf(c.spec)] ?? c.spec.words[0] ?? '';
        const heading = /^CLMT_/.test(plain) ? plain.replace(/^CLMT_/, 'PTNR_') : `Partner ${plain}`;
        return { spec: col(c.spec.kind, [heading], heading), cells: sheet.rows.map((_, r) => (partner[r + 1] ? (c.cells[r + 1] ?? null) : null)) };
      });
      const at = Math.max(...own.map((c) => cols.indexOf(c)));
      cols.splice(at + 1, 0, ...columns);
      kept = kept.filter((r) => !partner[r]);
    }
    if (layout.contact) {
      const seen = sheet.rows.map((_, i) => contactOf(person(i)));
      cols.push({ spec: col('email', ['Email Address', 'E-mail'], 'Email'), cells: seen.map((c) => (rand() < 0.7 ? c.email : null)) });
      const phone = (digits: string): Cell => (layout.phoneAsNumber ? (format === 'xlsx' ? Number(digits) : digits.slice(1)) : phoneText(rand, digits));
      cols.push({ spec: col('phone', ['Mobile Number', 'Contact Telephone'], 'Tel'), cells: seen.map((c) => (rand() < 0.6 ? phone(c.phone) : null)) });
    }
    for (const c of cols) {
      const kind = c.spec.kind;
      if (layout.dates && (kind === 'dob' || kind === 'eventDate' || kind === 'endDate'))
        c.cells = c.cells.map((v) => {
          const read = readDate(v);
          return read ? writeDate(read.iso, read.time, layout.dates as DateLayout, format === 'xlsx') : v;
        });
      else if (format === 'csv' && (kind === 'dob' || kind === 'eventDate' || kind === 'endDate'))
        // a workbook's date cells written to csv the way its export would: dd/mm/yyyy
        c.cells = c.cells.map((v) => (v instanceof Date ? writeDate(v.toISOString().slice(0, 10), '', 'dmy', false) : v));
      if (layout.sex && kind === 'sex')
        c.cells = c.cells.map((v) => {
          const male = v === 'M' || v === 'Male';
          return layout.sex === 'digit' ? (male ? '1' : '2') : layout.sex === 'MF' ? (male ? 'M' : 'F') : male ? 'Male' : 'Female';
        });
      if (layout.dobTime && kind === 'dob')
        c.cells = c.cells.map((v) => {
          const read = readDate(v);
          return read ? `${read.iso} 00:00:00` : v;
        });
      if (layout.compactPostcode && kind === 'postcode') c.cells = c.cells.map((v) => (typeof v === 'string' ? v.replace(/\s+/g, '').toLowerCase() : v));
      if (layout.placeholderDob && kind === 'dob')
        // in a workbook, Excel's day 1 (exceljs counts from 30 Dec 1899 without Excel's phantom 29 Feb 1900)
        c.cells = c.cells.map((v) => (v === null ? (format === 'xlsx' && !layout.dates ? dateText('1899-12-31', 'cell') : writeDate('1900-01-01', '', layout.dates ?? 'dmy', format === 'xlsx')) : v));
      if (layout.ninoSpaced && kind === 'nino') c.cells = c.cells.map((v) => (typeof v === 'string' ? v.toLowerCase().replace(/^(..)(..)(..)(..)(.)$/, '$1 $2 $3 $4 $5') : v));
      if (layout.numericRef && kind === 'ref') {
        const made = new Map<Cell, string>();
        c.cells = c.cells.map((v) => made.get(v) ?? (made.set(v, String(between(rand, 1_000_000_000, 9_999_999_999))).get(v) as string));
      }
      if (layout.apostrophe && format === 'csv' && (kind === 'nhs' || kind === 'uprn' || kind === 'phone')) c.cells = c.cells.map((v) => (v === null ? v : `'${String(v)}`));
      if (layout.formulaText && format === 'csv' && (kind === 'nhs' || kind === 'uprn' || kind === 'upn' || kind === 'nino')) c.cells = c.cells.map((v) => (v === null ? v : `="${String(v)}"`));
      if (layout.nhsSpaces && kind === 'nhs') c.cells = c.cells.map((v) => (typeof v === 'string' && v.length === 10 ? `${v.slice(0, 3)} ${v.slice(3, 6)} ${v.slice(6)}` : v));
    }
    if (layout.reorder) {
      const order = cols.map((c) => ({ c, k: layoutRand() }));
      order.sort((a, b) => a.k - b.k);
      cols = order.map((o) => o.c);
    }
    if (layout.blankColumns)
      for (let k = 0; k < 2; k++) cols.splice(between(rand, 1, cols.length - 1), 0, { spec: BLANK, cells: sheet.rows.map(() => null) });
    const style = layout.heading;
    const header =
      style === 'none'
        ? null
        : cols.map((c, i) => {
            if (c.spec.kind === 'blank') return '';
            if (c.spec.kind === 'fullname' && layout.vague) return style === 'upper-snake' ? `${prefix}${layout.vague.toUpperCase()}` : layout.vague;
            if (['relForename', 'relSurname', 'relation'].includes(c.spec.kind) || (layout.coupleRow && !specs.includes(c.spec))) return c.spec.words[0] ?? '';
            if (!style) {
              // the plain heading where there was one
              const plainAt = specs.indexOf(c.spec);
              return (plainAt >= 0 && sheet.header ? sheet.header[plainAt] : null) ?? c.spec.words[0] ?? `Column ${i + 1}`;
            }
            return headingFor(c.spec, style, layoutRand, prefix);
          });
    const rows = sheet.rows.map((_, r) => cols.map((c) => c.cells[r] ?? null));
    const what = plainFile.replace(/\.[a-z]+$/, '').replace(/_/g, ' ');
    const laid = (name: string, at: number[]): Sheet => {
      const above = layout.title ? [[`${what}${name ? ` — ${name}` : ''}`], [`Run by the information team`], []] : style === 'none' ? [] : sheet.header === null ? [] : sheet.preamble;
      const groups = cols.map((c, i) => (i > 0 && groupOf((cols[i - 1] as Column).spec.kind) === groupOf(c.spec.kind) ? null : groupOf(c.spec.kind) || null));
      const footer: Cell[][] = [];
      if (layout.totals) footer.push(cols.map((_, i) => (i === 0 ? 'Total' : i === cols.length - 1 ? at.length : null)));
      if (layout.footer) footer.push([], [`Extracted ${dateText(EXTRACT_DATE, 'dmy') as string}`], [`Total records: ${at.length}`]);
      return {
        name,
        preamble: layout.groupHeader && header ? [...above, groups] : above,
        header,
        rows: at.map((r) => rows[r] as Cell[]),
        truth: at.map((r) => sheet.truth[r] as [string, string]),
        footer: footer.length ? footer : undefined,
      };
    };
    const all = kept;
    if (!layout.quarters || !eventDay) return [laid(sheet.name, all)];
    const byQuarter = new Map<string, number[]>();
    all.forEach((r) => {
      const q = quarterOf(eventDay[r] ?? YEAR_END);
      byQuarter.set(q, [...(byQuarter.get(q) ?? []), r]);
    });
    return [...byQuarter.keys()].sort().map((q) => laid(q, byQuarter.get(q) as number[]));
  });
  if (layout.notes && format === 'xlsx') sheets.unshift({ name: 'Notes', preamble: [], header: null, rows: NOTES, truth: [] });
  const base = plainFile.replace(/\.[a-z]+$/, '');
  if (format === 'xlsx') return [{ file: `${base}.xlsx`, sheets: sheets.map((s, i) => ({ ...s, name: s.name || `Sheet${i + 1}` })) }];
  // a workbook's sheets become one csv each
  return sheets.map((s) => ({ file: sheets.length > 1 ? `${base}_${s.name.replace(/\W+/g, '_')}.csv` : `${base}.csv`, sheets: [{ ...s, name: '' }], csv: layout.csv }));
}

/**
 * The relayout for writeUnseenBorough: each plain extract laid out as the variant says. `byFile`:
 * each file's layout drawn on its own (not after the cells of the files before it), so next
 * month's extracts (next-month.ts) come in the same layout as last month's.
 */
export function relayoutFor(variant: string, seed = 1, byFile = false): (extracts: Extract[], borough: Borough) => Extract[] {
  const layouts = VARIANTS[variant];
  if (!layouts) throw new Error(`no unseen variant ${variant}; variants: ${Object.keys(VARIANTS).join(', ')}`);
  return (extracts, borough) => {
    const rand = seeded(seed * 104_729 + variant.length);
    return extracts.flatMap((e) => {
      const k = PLAIN_FILES.indexOf(e.file);
      if (k < 0) throw new Error(`variants.ts does not know the extract ${e.file}`);
      const layoutRand = byFile ? seeded(seed * 104_729 + variant.length + 7919 * (k + 1)) : rand;
      return relayoutExtract(e, e.file, layouts[k] as Layout, borough, rand, layoutRand);
    });
  };
}
