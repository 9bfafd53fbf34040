// Suggests a role for every column from its header and its cells, with a confidence.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { parseDate } from '../../../shared/domain/normalise/date.js';
import { nhsNumberValid, normaliseNino, normaliseUpn } from '../../../shared/domain/normalise/identifiers.js';
import { looksLikePostcode } from '../../../shared/domain/normalise/postcode.js';
import { normaliseSex } from '../../../shared/domain/normalise/sex.js';

export interface RoleSuggestion {
  role: ColumnRole;
  confidence: number;
}

/** Lower-case words only: "Date_of-Birth " → "date of birth". */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const EXACT: Array<[ColumnRole, string[]]> = [
  ['forename', ['forename', 'forenames', 'first name', 'firstname', 'first names', 'given name', 'given names', 'christian name', 'fname', 'f name', 'first', 'preferred forename', 'legal forename', 'pupil forename', 'child forename', 'client forename', 'person forename', 'known as', 'preferred name', 'forename s']],
  ['middle_names', ['middle name', 'middle names', 'middlename', 'other names', 'other forenames', 'second name', 'middle']],
  ['surname', ['surname', 'last name', 'lastname', 'family name', 'sname', 'legal surname', 'preferred surname', 'pupil surname', 'child surname', 'client surname', 'person surname', 'surname s', 'last']],
  ['full_name', ['name', 'full name', 'fullname', 'client name', 'person name', 'pupil name', 'child name', 'offender name', 'patient name', 'tenant name', 'subject name', 'claimant name', 'young person name', 'names', 'individual name', 'customer name', 'resident name', 'person']],
  ['title', ['title', 'salutation', 'honorific']],
  ['dob', ['dob', 'd o b', 'date of birth', 'dateofbirth', 'birth date', 'birthdate', 'born', 'date born', 'birth', 'birthday', 'date of birth dd mm yyyy', 'dob dd mm yyyy', 'pupil dob', 'client dob', 'patient dob']],
  ['age', ['age', 'age years', 'age in years', 'current age', 'age at incident', 'age at offence', 'age at referral']],
  ['sex', ['sex', 'gender', 'sex code', 'gender code', 'legal sex', 'm f']],
  ['address', ['address', 'full address', 'home address', 'current address', 'address full', 'residential address', 'property address', 'addr', 'location address', 'address details']],
  ['town', ['town', 'city', 'post town', 'town city', 'locality town']],
  ['postcode', ['postcode', 'post code', 'postal code', 'pcode', 'pcd', 'pcds', 'pc', 'home postcode', 'current postcode', 'address postcode', 'postcode of residence']],
  ['uprn', ['uprn', 'unique property reference number', 'property uprn', 'blpu uprn']],
  ['nhs_number', ['nhs number', 'nhs no', 'nhs num', 'nhsno', 'nhs', 'nhs id', 'nhs nbr', 'patient nhs number']],
  ['nino', ['ni number', 'nino', 'ni no', 'national insurance number', 'national insurance no', 'nat ins no', 'ni', 'nino number', 'claimant nino']],
  ['upn', ['upn', 'unique pupil number', 'pupil upn', 'pupil number']],
  ['agency_ref', ['rec id', 'recid', 'id', 'ref', 'reference', 'client ref', 'client id', 'client reference', 'case number', 'case no', 'case ref', 'case id', 'tenancy ref', 'tenancy reference', 'person id', 'person ref', 'crn', 'pnc id', 'pnc', 'mosaic id', 'lcs id', 'pupil id', 'claim ref', 'claim reference', 'household ref', 'patient id', 'mrn', 'hospital number', 'record id', 'urn', 'yot ref', 'yot id', 'offender id', 'incident ref', 'account ref']],
];

const EXACT_MAP = new Map<string, ColumnRole>();
for (const [role, keys] of EXACT) for (const key of keys) if (!EXACT_MAP.has(key)) EXACT_MAP.set(key, role);

const CONTAINS: Array<[RegExp, ColumnRole]> = [
  [/\b(date of birth|birth date|dob)\b/, 'dob'],
  [/\bnhs\b/, 'nhs_number'],
  [/\b(nino|national insurance|ni (no|number))\b/, 'nino'],
  [/\b(upn|unique pupil)\b/, 'upn'],
  [/\buprn\b/, 'uprn'],
  [/\bpost ?code\b/, 'postcode'],
  [/\b(forename|first name|given name)s?\b/, 'forename'],
  [/\b(surname|last name|family name)\b/, 'surname'],
  [/\bmiddle names?\b/, 'middle_names'],
  [/\b(address )?(line|addr) ?[1-6]\b|\baddress ?[1-6]\b|\b(street|road|house (number|name|no)|flat|building|locality|district|premise)\b/, 'address_line'],
  [/\baddress\b/, 'address'],
  [/\b(gender|sex)\b/, 'sex'],
  [/\b(full )?name\b/, 'full_name'],
  [/\bdate\b|\b(start|end|from|to)\b.*\b(date|dt)\b|\bdt\b|\bon\b$/, 'event_date'],
  [/\b(ref|reference|id|number|no)\b/, 'agency_ref'],
  [/\b(type|category|outcome|offence|incident|sessions?|absence|absences|exclusions?|claim|benefit|tenancy|attendance|reason|status|diagnosis|disposal|term|arrears|flag)\b/, 'event'],
];

export function roleFromHeader(header: string | null): RoleSuggestion | null {
  if (!header) return null;
  const key = headerKey(header);
  if (!key) return null;
  const exact = EXACT_MAP.get(key);
  if (exact) return { role: exact, confidence: 0.95 };
  for (const [pattern, role] of CONTAINS) if (pattern.test(key)) return { role, confidence: 0.7 };
  return null;
}

const share = (values: string[], test: (v: string) => boolean): number =>
  values.length === 0 ? 0 : values.filter(test).length / values.length;

/** What the cells say, for columns whose header is silent or ambiguous. */
export function roleFromCells(values: string[]): RoleSuggestion | null {
  const sample = values.filter((v) => v.trim() !== '').slice(0, 200);
  if (sample.length === 0) return null;
  const checks: Array<[ColumnRole, (v: string) => boolean]> = [
    ['nhs_number', (v) => nhsNumberValid(v.replace(/[\s-]/g, ''))],
    ['nino', (v) => normaliseNino(v).valid],
    ['upn', (v) => normaliseUpn(v).valid],
    ['postcode', looksLikePostcode],
    ['sex', (v) => normaliseSex(v) !== null && v.trim().length <= 6],
    ['event_date', (v) => parseDate(v) !== null],
  ];
  for (const [role, test] of checks) {
    const s = share(sample, test);
    if (s >= 0.8) return { role, confidence: 0.5 + 0.3 * s };
  }
  return null;
}

/**
 * Combines header and cells: a clear header wins, cells confirm or correct a vague one (a
 * "Date" column whose values are all birth dates stays an event date; an "ID" column full of
 * valid NHS numbers becomes NHS number).
 */
export function suggestRole(header: string | null, values: string[]): RoleSuggestion {
  const byHeader = roleFromHeader(header);
  if (byHeader && byHeader.confidence >= 0.9) return byHeader;
  const byCells = roleFromCells(values);
  if (byCells && (!byHeader || byHeader.role === 'agency_ref' || byHeader.role === 'event' || byHeader.role === 'event_date')) {
    if (!byHeader || byCells.role !== 'event_date') return byCells;
  }
  if (byHeader) return byHeader;
  if (byCells) return byCells;
  return { role: values.some((v) => v.trim() !== '') ? 'event' : 'ignore', confidence: 0.2 };
}

export const PERSON_NAME_ROLES: ReadonlySet<ColumnRole> = new Set(['forename', 'surname', 'full_name']);
