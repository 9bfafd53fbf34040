// Turns one data row into a normalised Record, or says why it cannot be one.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { normaliseAddress, type NormalisedAddress } from '../../../shared/domain/normalise/address.js';
import { findPostcode, parsePostcode } from '../../../shared/domain/normalise/postcode.js';
import { isPlaceholderDate, notDateReason, parseDate, type ParsedDate } from '../../../shared/domain/normalise/date.js';
import { normaliseNhsNumber, normaliseNino, normaliseUpn, normaliseUprn } from '../../../shared/domain/normalise/identifiers.js';
import { cleanName, nameKey, splitFullName, type NameOrder } from '../../../shared/domain/normalise/name.js';
import { normaliseSex } from '../../../shared/domain/normalise/sex.js';
import { cleanCell } from '../../../shared/domain/normalise/text.js';
import { normaliseEmail, normalisePhone } from '../../../shared/domain/normalise/contact.js';
import { wholeYearsBetween } from '../../../shared/domain/calendar.js';
import { JOINT, RELATED_PERSON, relationKind, whoseHeading } from '../../../shared/domain/relationship.js';
import { normalisePersonNumber } from './person-number.js';
import { ADDRESS_ROLES, addressGroupsOf, groupForRow, type AddressGroup, type AddressGroups } from './address-groups.js';

export interface RecordValues {
  forename: string | null;
  middleNames: string | null;
  surname: string | null;
  title: string | null;
  dob: string | null;
  /** The year of birth when only the year is known (dob is then null). */
  dobYear: number | null;
  age: number | null;
  sex: string | null;
  address: string | null;
  postcode: string | null;
  uprn: string | null;
  nhsNumber: string | null;
  nhsNumberValid: boolean;
  nino: string | null;
  ninoValid: boolean;
  upn: string | null;
  upnValid: boolean;
  /** A national number with no check this app knows (a foreign social security number): spaces, hyphens and dots removed. */
  otherId: string | null;
  /** A previous (birth, maiden) surname, cleaned like a surname. */
  previousSurname: string | null;
  /** Lower-cased e-mail address and phone digits (contact.ts), null when not valid-looking. */
  email: string | null;
  phone: string | null;
  /** What the row says about the person (a register's occupation, father's forename): trimmed, as given. */
  occupation: string | null;
  fatherForename: string | null;
  /**
   * Someone the row names as related to the person (a next of kin, a parent or carer): their
   * forename or initial, their surname, and the relationship (its cell, else the name column's
   * heading when that names one, "Parent/Carer"). Never the person's own name.
   */
  relativeForename: string | null;
  relativeSurname: string | null;
  relativeRelationship: string | null;
  agencyRef: string | null;
  /** The partner system's own number for the person (person-number.ts): links that partner's rows of one person. */
  personRef: string | null;
  eventDate: string | null;
  forenameKey: string | null;
  surnameKey: string | null;
  problems: string[];
  /** The address normaliser's parts (null when the row has no address). */
  addressParts: NormalisedAddress | null;
}

/** Why a row under a header cannot be a record: a mapping can fix it (unlike a second table's rows). */
export const NO_NAME = 'no name in any name column';
/** A name and nothing else to tell the person apart: a mapping can fix this too (the reason goes on to say what the row lacks). */
export const TOO_LITTLE = 'not enough to identify a person';
const TOO_LITTLE_NAME_ONLY = `${TOO_LITTLE}: the row has only a name, and only one part of it; a record needs a forename and a surname, or two of a name, a date of birth or age, a national identifier, an address or postcode, an e-mail or phone`;
/** Reasons (or, ending in %, the start of reasons) a re-mapping may turn into records. */
export const REMAPPABLE_REASONS = [NO_NAME, `${TOO_LITTLE}%`] as const;

export type BuildResult = { ok: true; record: RecordValues } | { ok: false; reason: string };

export interface BuildContext {
  headers: string[];
  roles: ColumnRole[];
  /** Two-digit years resolve to the century that keeps dates on or before this year. */
  pivotYear: number;
  /** Per column, how nn/nn dates are ordered when the sheet showed it (else day first, flagged). */
  dateOrders?: ReadonlyArray<'dmy' | 'mdy' | null>;
  /** The as-of or import date (yyyy-mm-dd): a birth date after it is flagged. */
  today?: string;
  /** Per column, the order of names in a whole-name column when the sheet showed it. */
  nameOrders?: ReadonlyArray<NameOrder | null>;
}

/** Column indexes per role, worked out once per sheet rather than once per row. */
export type PreparedContext = BuildContext & {
  columns: ReadonlyMap<ColumnRole, number[]>;
  evidenceKinds: number;
  /** Dates already read in this sheet, per column (which fixes the day/month order), by text. */
  dates: Array<Map<string, ParsedDate | null> | undefined>;
  /** The related person's name column's heading when it names the relationship ("Parent/Carer"), else null. */
  relativeHeading: string | null;
  /** Two addresses on a row: which to read, and per group the context whose address columns are that group's only. */
  addressGroups: { groups: AddressGroups; views: ReadonlyMap<AddressGroup, PreparedContext> } | null;
};

const EVIDENCE: ReadonlyArray<readonly string[]> = [
  ['forename', 'surname', 'full_name'], ['dob', 'age'], ['nhs_number', 'nino', 'upn', 'other_id'], ['address', 'address_line', 'town', 'postcode', 'uprn'], ['email', 'phone'],
];

export function prepareContext(ctx: BuildContext): PreparedContext {
  const columns = new Map<ColumnRole, number[]>();
  ctx.roles.forEach((role, i) => columns.set(role, [...(columns.get(role) ?? []), i]));
  const mapped = new Set<string>(ctx.roles);
  const evidenceKinds = EVIDENCE.filter((kind) => kind.some((r) => mapped.has(r))).length;
  const prepared: PreparedContext = { ...ctx, columns, evidenceKinds, dates: [], relativeHeading: relativeHeadingOf(ctx.headers, columns), addressGroups: null };
  const groups = addressGroupsOf(ctx.headers, ctx.roles);
  if (groups) {
    // each view shares the sheet's date memo; only its address columns differ
    const view = (g: AddressGroup): PreparedContext => {
      const only = new Map(columns);
      for (const role of ADDRESS_ROLES) {
        const cs = columns.get(role)?.filter((c) => g.columns.includes(c));
        if (cs?.length) only.set(role, cs);
        else only.delete(role);
      }
      return { ...prepared, columns: only };
    };
    prepared.addressGroups = { groups, views: new Map([[groups.preferred, view(groups.preferred)], [groups.other, view(groups.other)]]) };
  }
  return prepared;
}

/**
 * The relationship the related person's heading says: the whole name column's heading
 * ("Parent/Carer"), or whom the heading of a part names ("Mother's Forename" → "Mother",
 * "PTNR_SURNAME" → "PTNR", "Tenant 2 Surname" → "Tenant 2"); null when it says none ("NOK Name").
 * A part whose heading names no related person ("Person 2 Surname") is the second person of a
 * couple across the row (the importer reads no other such heading as a relative's): joint.
 */
function relativeHeadingOf(headers: readonly string[], columns: ReadonlyMap<ColumnRole, number[]>): string | null {
  const whole = columns.get('relative_name')?.[0];
  const part = columns.get('relative_surname')?.[0] ?? columns.get('relative_forename')?.[0];
  const heading = whole !== undefined ? cleanCell(headers[whole]) : part !== undefined ? whoseHeading(headers[part] ?? '') : null;
  if (heading && relationKind(heading) !== null) return heading.slice(0, 80);
  return whole === undefined && heading && !RELATED_PERSON.test(heading.toLowerCase()) ? JOINT : null;
}

/** A generational suffix standing as a word of a whole name. */
const GENERATION_SUFFIX = /(?:^|[\s,])(jr|jnr|junior|sr|snr|senior)\.?(?=$|[\s,])/i;

/** Letters (with apostrophes, hyphens, stops and spaces) only: a name, not "Page 1" or "Total: 5". */
const NAME_LIKE = /^\p{L}[\p{L}'’ .-]*$/u;

/** Distinct texts kept per memo before it starts again (bounded memory on any file). */
const MEMO_SIZE = 20_000;

const NONE: number[] = [];

const clip = (v: string, n: number): string => (v.length > n ? `${v.slice(0, n)}…` : v);

interface Cell {
  value: string;
  column: number;
}

// Module-level helpers rather than closures inside buildRecord: it runs once per row.
function firstOf(cells: ReadonlyArray<string | null>, ctx: PreparedContext, role: ColumnRole): Cell | null {
  const columns = ctx.columns.get(role);
  if (!columns) return null;
  for (const i of columns) {
    const value = cleanCell(cells[i]);
    if (value) return { value, column: i };
  }
  return null;
}

/** The first filled cell's value only (no column wanted): nothing allocated per call. */
function firstValue(cells: ReadonlyArray<string | null>, ctx: PreparedContext, role: ColumnRole): string | undefined {
  const columns = ctx.columns.get(role);
  if (!columns) return undefined;
  for (const i of columns) {
    const value = cleanCell(cells[i]);
    if (value) return value;
  }
  return undefined;
}

function allOf(cells: ReadonlyArray<string | null>, ctx: PreparedContext, role: ColumnRole): string[] {
  const columns = ctx.columns.get(role);
  if (!columns) return NONE_S;
  const values: string[] = [];
  for (const i of columns) {
    const value = cleanCell(cells[i]);
    if (value) values.push(value);
  }
  return values;
}
const NONE_S: string[] = [];

const LINE_BREAK = /\r\n|\r|\n/;
/**
 * An address role's cells as lines: a cell written over several lines ("Flat 4⏎Copley Court⏎14
 * Gladstone Mount") is one line each, as commas would part them; run together by white space,
 * the flat, the building and the street could not be told apart.
 */
function addressLinesIn(cells: ReadonlyArray<string | null>, ctx: PreparedContext, role: ColumnRole): string[] {
  const columns = ctx.columns.get(role);
  if (!columns) return NONE_S;
  const values: string[] = [];
  for (const i of columns) {
    const raw = cells[i];
    if (raw && (raw.includes('\n') || raw.includes('\r'))) {
      const lines = raw.split(LINE_BREAK).map((l) => cleanCell(l)).filter((l): l is string => l !== null);
      if (lines.length) values.push(lines.join(', '));
      continue;
    }
    const value = cleanCell(raw);
    if (value) values.push(value);
  }
  return values;
}

/**
 * A date cell read once per distinct text in a sheet (extracts repeat event dates row after row,
 * and a person's birth date on each of their rows). The result is shared: never changed after.
 */
function dateIn(value: string, column: number, ctx: PreparedContext): ParsedDate | null {
  // Keyed by the text alone within its column: no key string to build per cell.
  let memo = ctx.dates[column];
  if (!memo) ctx.dates[column] = memo = new Map();
  const known = memo.get(value);
  if (known !== undefined) return known;
  const order = ctx.dateOrders?.[column] ?? undefined;
  const parsed = parseDate(value, order ? { pivotYear: ctx.pivotYear, allowSerial: true, order } : { pivotYear: ctx.pivotYear, allowSerial: true });
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(value, parsed);
  return parsed;
}

/** A cell's date as yyyy-mm-dd, or null when empty or not a date. */
function readDateCell(cells: ReadonlyArray<string | null>, column: number, ctx: PreparedContext): string | null {
  const value = cleanCell(cells[column]);
  return value ? (dateIn(value, column, ctx)?.iso ?? null) : null;
}

const POSTCODES = new Map<string, ReturnType<typeof parsePostcode>>();

/** A postcode cell read once per distinct text (households share one). */
function postcodeIn(value: string): ReturnType<typeof parsePostcode> {
  let parsed = POSTCODES.get(value);
  if (parsed === undefined) {
    parsed = parsePostcode(value);
    if (POSTCODES.size >= MEMO_SIZE) POSTCODES.clear();
    POSTCODES.set(value, parsed);
  }
  return parsed;
}

/** "123-45 6789" → "123456789": the separators people type carry no meaning; null when nothing is left. */
/** A previous surname cell, cleaned as a surname is; "N/A" and the like are no surname. */
/** A describing cell as stored: trimmed, inner spaces collapsed, at most 80 characters; null when empty. */
function detailOf(value: string | undefined): string | null {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v.slice(0, 80) : null;
}

/** A related person's name cell ("Mrs S Begum", "BEGUM, Shazia"): forename or initial and surname, both null when no surname. */
function relativeNameOf(value: string | undefined): { forename: string | null; surname: string | null } {
  const split = splitFullName(value);
  const surname = split.surname && nameKey(split.surname) ? split.surname.slice(0, 80) : null;
  const forename = split.forename?.replace(/\.+$/, '') || null;
  return surname ? { forename: forename && forename.slice(0, 80), surname } : { forename: null, surname: null };
}

/** A title or an initial before the surname in a surname cell ("Mrs S Begum", "S. Begum"). */
const TITLED = /^(mr|mrs|miss|ms|mx|dr|\p{L})\.?\s/iu;

/**
 * The related person's name over columns: the surname's cell (with a title or an initial before
 * it read as a whole name: "Mrs S Begum"), the forename's or initial's cell where there is one.
 */
function relativePartsOf(cells: ReadonlyArray<string | null>, ctx: PreparedContext): { forename: string | null; surname: string | null } {
  const written = firstValue(cells, ctx, 'relative_surname');
  const whole = written && TITLED.test(written) ? relativeNameOf(written) : null;
  const surname = whole?.surname ?? cleanName(written).name;
  if (!surname || !nameKey(surname)) return { forename: null, surname: null };
  const forename = cleanName(firstValue(cells, ctx, 'relative_forename')).name?.replace(/\.+$/, '') || whole?.forename || null;
  return { forename: forename && forename.slice(0, 80), surname: surname.slice(0, 80) };
}

function relativeOf(cells: ReadonlyArray<string | null>, ctx: PreparedContext): Pick<RecordValues, 'relativeForename' | 'relativeSurname' | 'relativeRelationship'> {
  const name = ctx.columns.has('relative_name') ? relativeNameOf(firstValue(cells, ctx, 'relative_name')) : ctx.columns.has('relative_surname') ? relativePartsOf(cells, ctx) : null;
  if (!name?.surname) return { relativeForename: null, relativeSurname: null, relativeRelationship: null };
  return { relativeForename: name.forename, relativeSurname: name.surname, relativeRelationship: detailOf(firstValue(cells, ctx, 'relative_relationship')) ?? ctx.relativeHeading };
}

function previousSurnameOf(value: string | undefined): string | null {
  if (!value) return null;
  const cleaned = cleanName(value);
  const key = nameKey(cleaned.name);
  return key ? cleaned.name : null;
}

export function normaliseOtherId(value: string | undefined): string | null {
  const v = value?.replace(/[\s\-./]+/g, '').toUpperCase();
  return v ? v : null;
}

// Household members share an address and extracts come sorted, so one file repeats the same
// address text many times: the pure normaliser's answers are remembered (a bounded map, emptied
// when full). The postcode is not passed: it has its own field.
const ADDRESS_MEMO = new Map<string, NormalisedAddress>();
const ADDRESS_MEMO_SIZE = 20_000;

function addressPartsOf(lines: string[], town: string | null): NormalisedAddress {
  const key = `${lines.join('\n')}\u0000${town ?? ''}`;
  let parts = ADDRESS_MEMO.get(key);
  if (!parts) {
    if (ADDRESS_MEMO.size >= ADDRESS_MEMO_SIZE) ADDRESS_MEMO.clear();
    parts = normaliseAddress(lines, { town });
    ADDRESS_MEMO.set(key, parts);
  }
  return parts;
}

/** An e-mail or phone column, where the record fields have them: identity evidence too. */
function contactIn(cells: ReadonlyArray<string | null>, ctx: PreparedContext): boolean {
  const columns = ctx.columns as ReadonlyMap<string, number[]>;
  for (const role of ['email', 'phone']) for (const i of columns.get(role) ?? NONE) if (cleanCell(cells[i])) return true;
  return false;
}

/**
 * Dummy people partners' systems hold: placeholder NHS numbers (one digit repeated, a run of
 * digits) and TEST/DUMMY/XX names. The whole 999 range is NOT refused: it is the range NHS test
 * and synthetic data sets use for every patient, and refusing it would empty a health extract.
 */
// "XX", "ZZZ TEST", "XXTESTPATIENT": a run of x or z alone or before a placeholder word. A name
// a clerk mistyped with a doubled first letter ("Zzanna" for Zuzanna) is a person's.
const DUMMY_NAME = /^(test|testing|dummy|do not use|dnu)$|^(x{2,}|z{2,})($| |test|dummy|patient|person|record|client|do ?not|dnu)|test ?patient|dummy ?(patient|person|record|client)/i;

function dummyReason(nhs: string | null, forename: string | null, surname: string | null): string | null {
  if (nhs && (/^(\d)\1{9}$/.test(nhs) || nhs === '1234567890' || nhs === '0123456789')) return 'test or dummy record: a placeholder NHS number (one digit repeated, or a run of digits)';
  for (const name of [forename, surname]) {
    if (name && DUMMY_NAME.test(name.replace(/[\s.-]+/g, ' ').trim())) return 'test or dummy record: the name says TEST, DUMMY or XX';
  }
  return null;
}

const columnName = (ctx: PreparedContext, i: number): string => ctx.headers[i] || `column ${i + 1}`;

const MONTH_WORD = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const PARTIAL_YEAR = new RegExp(`^(?:(?:c|ca|circa|abt|about|bef|before|aft|after)\\.?\\s*)?(?:${MONTH_WORD}\\s+|\\d{1,2}[/.-])?(\\d{4})(?:[/.-]\\d{1,2})?$`, 'i');

/** The year of a birth given only as a year, "c. 1843", "Mar 1843", "03/1843" or "1843-03"; null otherwise. */
export function partialBirthYear(value: string, pivotYear: number): number | null {
  const m = PARTIAL_YEAR.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  return year >= 1000 && year <= pivotYear ? year : null;
}

export function buildRecord(cells: ReadonlyArray<string | null>, ctx: PreparedContext): BuildResult {
  const problems: string[] = [];

  const fore = cleanName(firstValue(cells, ctx, 'forename'));
  const sur = cleanName(firstValue(cells, ctx, 'surname'));
  let forename = fore.name;
  let surname = sur.name;
  let title = firstValue(cells, ctx, 'title')?.replace(/\.$/, '') ?? fore.title ?? sur.title;
  let middleNames = allOf(cells, ctx, 'middle_names').map((m) => cleanName(m).name ?? '').filter(Boolean).join(' ') || null;
  const full = firstOf(cells, ctx, 'full_name');
  if (full && (!forename || !surname)) {
    const split = splitFullName(full.value, ctx.nameOrders?.[full.column] ?? null);
    const titled = cleanName(full.value.includes(',') ? full.value.slice(full.value.indexOf(',') + 1) : full.value);
    title ??= titled.title;
    // A one-word full name that is the forename already read says nothing of the surname: copying
    // it there would make "William" look like "William William" to the linker.
    const onlyTheForename = forename !== null && split.forename === null && split.surname !== null && nameKey(split.surname) === nameKey(forename);
    forename ??= split.forename;
    if (!onlyTheForename) surname ??= split.surname;
    middleNames ??= split.middleNames;
    // "Simon SMITH Jr", "SMITH, Simon Snr": the split drops the suffix, which is what tells a
    // father from his son of the same name; kept with the middle names, where the linker reads
    // it and no name comparison is thrown by it.
    const suffix = GENERATION_SUFFIX.exec(full.value)?.[1];
    if (suffix && !`${middleNames ?? ''} ${surname ?? ''}`.toUpperCase().split(/[\s.,]+/).includes(suffix.toUpperCase())) middleNames = middleNames ? `${middleNames} ${suffix}` : suffix;
  }

  // The row's own event comes first: a date of birth is read against it.
  let eventDate: string | null = null;
  for (const i of ctx.columns.get('event_date') ?? NONE) {
    const value = cleanCell(cells[i]);
    if (!value) continue;
    const iso = dateIn(value, i, ctx)?.iso;
    if (iso && (eventDate === null || iso > eventDate)) eventDate = iso;
  }
  // A row whose event has an end (a tenancy, a claim) lists whoever shares it, and people join it
  // after it starts: a baby is added to its parents' tenancy. Only a birth after the end (or,
  // while it runs, after the extract date) is impossible.
  const endColumns = ctx.columns.get('event_end_date') ?? NONE;
  let eventEnd: string | null = null;
  for (const i of endColumns) {
    const value = cleanCell(cells[i]);
    const iso = value ? dateIn(value, i, ctx)?.iso : undefined;
    if (iso && (eventEnd === null || iso > eventEnd)) eventEnd = iso;
  }

  const ageCell = firstOf(cells, ctx, 'age');
  const age = ageCell && /^\d{1,3}$/.test(ageCell.value) && Number(ageCell.value) <= 130 ? Number(ageCell.value) : null;
  if (ageCell && age === null) problems.push(`${columnName(ctx, ageCell.column)}: "${clip(ageCell.value, 12)}" is not an age in years`);

  const dobCell = firstOf(cells, ctx, 'dob');
  // A year (or month and year) of birth alone, as registers and burial ages give it: evidence of
  // who the person is, but no date (and "1843" is not the spreadsheet day number 1843, 1905-01-16).
  const partialYear = dobCell ? partialBirthYear(dobCell.value, ctx.pivotYear) : null;
  const read = dobCell && partialYear === null ? dateIn(dobCell.value, dobCell.column, ctx) : null;
  let dob: { iso: string; ambiguousDayMonth: boolean } | null = read;
  if (dobCell && partialYear !== null) problems.push(`${columnName(ctx, dobCell.column)}: only the year of birth (${partialYear}): stored as the year of birth, not as a date`);
  else if (dobCell && !read) {
    const why = notDateReason(dobCell.value);
    problems.push(`${columnName(ctx, dobCell.column)}: "${clip(dobCell.value, 20)}" is not a date${why ? ` (${why})` : ''}`);
  }
  if (dobCell && read) {
    // Nobody is born after their own event or the extract's date: a two-digit year takes the
    // century that makes the birth possible ("08/01/25" at a 2024 attendance is 1925).
    const spanEnd = endColumns.length > 0 ? eventEnd : eventDate;
    const limit = spanEnd && (!ctx.today || spanEnd < ctx.today) ? spanEnd : ctx.today;
    const centuryEarlier = (iso: string): string => `${String(Number(iso.slice(0, 4)) - 100).padStart(4, '0')}${iso.slice(4)}`;
    if (read.twoDigitYear && limit && read.iso > limit) dob = { iso: centuryEarlier(read.iso), ambiguousDayMonth: read.ambiguousDayMonth };
    // The row's age settles the century where it can ("13-Sep-15" at 73 is 1915, not 2015); a
    // two-digit year that fits the age in neither century is a keying error: flagged, not used.
    if (read.twoDigitYear && limit && age !== null && dob) {
      const candidates = [read.iso, centuryEarlier(read.iso)].filter((iso) => iso <= limit);
      const miss = (iso: string): number => Math.abs(wholeYearsBetween(iso, limit) - age);
      const best = candidates.sort((a, b) => miss(a) - miss(b))[0];
      if (best && miss(best) <= 2) dob = { iso: best, ambiguousDayMonth: read.ambiguousDayMonth };
      else if (best) {
        problems.push(`${columnName(ctx, dobCell.column)}: date of birth "${clip(dobCell.value, 20)}" fits the row's age ${age} in no century: not used`);
        dob = null;
      }
    }
    if (dob && isPlaceholderDate(dob.iso)) {
      // "01/01/1900": the system's way of saying it was not known, never the person's birth
      problems.push(`${columnName(ctx, dobCell.column)}: "${clip(dobCell.value, 20)}" is a placeholder for a date of birth not known: not used`);
      dob = null;
    }
    if (read.ambiguousDayMonth && !ctx.dateOrders?.[dobCell.column]) problems.push('date of birth: day and month could be either way round (read as day first)');
    const year = Number(dob?.iso.slice(0, 4));
    if (dob && limit && dob.iso > limit) {
      // Impossible: kept in the raw row, flagged, and not used as the person's birth date.
      const what = limit === ctx.today && spanEnd !== limit ? 'the extract date' : endColumns.length > 0 ? "the row's own event end" : "the row's own event date";
      problems.push(`${columnName(ctx, dobCell.column)}: date of birth ${dob.iso} is after ${what} ${limit}`);
      dob = null;
    } else if (year < ctx.pivotYear - 120) {
      problems.push(`date of birth ${dob?.iso ?? ''} is more than 120 years ago${year < 1880 ? ' (before 1880: check this is not a historical record)' : ''}`);
    }
  }


  const sexCell = firstOf(cells, ctx, 'sex');
  const sex = sexCell ? normaliseSex(sexCell.value) : null;
  if (sexCell && !sex) problems.push(`${columnName(ctx, sexCell.column)}: "${clip(sexCell.value, 20)}" is not a sex code`);

  // two addresses on the row: one group's columns are the address, the other stays in the raw row
  const two = ctx.addressGroups;
  const actx = two ? (two.views.get(groupForRow(two.groups, cells, (c) => readDateCell(cells, c, ctx), ctx.today ?? null)) ?? ctx) : ctx;
  const addressLines = [...addressLinesIn(cells, actx, 'address'), ...addressLinesIn(cells, actx, 'address_line')];
  const towns = allOf(cells, actx, 'town');
  const addressParts = [...addressLines, ...towns];
  const address = addressParts.length ? addressParts.join(', ') : null;
  const pcCell = firstOf(cells, actx, 'postcode');
  let postcode: string | null = null;
  if (pcCell) {
    const parsed = postcodeIn(pcCell.value);
    postcode = parsed?.postcode ?? null;
    if (!parsed) problems.push(`${columnName(ctx, pcCell.column)}: "${clip(pcCell.value, 12)}" is not a UK postcode`);
    else if (parsed.repaired) problems.push(`${columnName(ctx, pcCell.column)}: "${clip(pcCell.value, 12)}" read as ${parsed.postcode} (O/0 or I/1 slip)`);
    else if (!parsed.valid) problems.push(`${columnName(ctx, pcCell.column)}: ${parsed.postcode} breaks the postcode rules (a letter never used in that place)`);
  } else if (address) {
    // A postcode written into a one-cell address fills the postcode field.
    postcode = findPostcode(address.toUpperCase())?.postcode ?? null;
  }

  const nhs = normaliseNhsNumber(firstValue(cells, ctx, 'nhs_number'));
  if (nhs.value && !nhs.valid) problems.push(nhs.problem ?? 'NHS number fails its check digit');
  const nino = normaliseNino(firstValue(cells, ctx, 'nino'));
  if (nino.value && !nino.valid) problems.push(nino.problem ?? 'National Insurance number is not in a valid format');
  const upn = normaliseUpn(firstValue(cells, ctx, 'upn'));
  if (upn.value && !upn.valid) problems.push(upn.problem ?? 'UPN fails its check letter');
  const uprnCell = firstOf(cells, actx, 'uprn');
  const uprn = normaliseUprn(uprnCell?.value);
  if (uprnCell && !uprn) problems.push(`${columnName(ctx, uprnCell.column)}: "${clip(uprnCell.value, 16)}" is not a UPRN`);

  // Enough to identify someone: at least two kinds of evidence, whichever columns carry them.
  const otherId = normaliseOtherId(firstValue(cells, ctx, 'other_id'));
  const named = Boolean(forename || surname);
  const kinds =
    (named ? 1 : 0) + (dob || age !== null || partialYear !== null ? 1 : 0) + (nhs.value || nino.value || upn.value || otherId ? 1 : 0) + (address || postcode || uprn ? 1 : 0) + (contactIn(cells, ctx) ? 1 : 0);
  // A sheet that maps names and nothing else (a bare list) keeps its named rows, flagged: the
  // rule is for rows that leave blank what their sheet could have told.
  // A forename with a surname names someone, as a register's or a contact list's row does where
  // the other fields were never filled in: kept, flagged, for the linker to weigh (its name alone
  // links it only where the name is rare enough to). One part of a name alone is not enough.
  const fullyNamed = Boolean(forename && surname && NAME_LIKE.test(forename) && NAME_LIKE.test(surname));
  if (kinds < 2 && !fullyNamed && !(named && ctx.evidenceKinds < 2)) return { ok: false, reason: named ? TOO_LITTLE_NAME_ONLY : NO_NAME };
  if (kinds < 2) problems.push('only a name: nothing else in the row tells this person from a namesake');
  const dummy = dummyReason(nhs.value, forename, surname);
  if (dummy) return { ok: false, reason: dummy };

  return {
    ok: true,
    record: {
      forename,
      middleNames,
      surname,
      title: title ?? null,
      dob: dob?.iso ?? null,
      dobYear: partialYear,
      age,
      sex,
      address,
      postcode,
      uprn,
      nhsNumber: nhs.value,
      nhsNumberValid: nhs.valid,
      nino: nino.value,
      ninoValid: nino.valid,
      upn: upn.value,
      upnValid: upn.valid,
      otherId,
      previousSurname: previousSurnameOf(firstValue(cells, ctx, 'previous_surname')),
      email: normaliseEmail(firstValue(cells, ctx, 'email')),
      phone: normalisePhone(firstValue(cells, ctx, 'phone')),
      occupation: detailOf(firstValue(cells, ctx, 'occupation')),
      fatherForename: detailOf(firstValue(cells, ctx, 'father_forename')),
      ...relativeOf(cells, ctx),
      agencyRef: firstValue(cells, ctx, 'agency_ref') ?? null,
      personRef: normalisePersonNumber(firstValue(cells, ctx, 'person_ref')),
      eventDate,
      forenameKey: nameKey(forename),
      surnameKey: nameKey(surname),
      problems,
      // a town alone is a part too, stored so the linker need not parse the address text again
      addressParts: addressLines.length || towns.length ? addressPartsOf(addressLines, towns[0] ?? null) : null,
    },
  };
}
