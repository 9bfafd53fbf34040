// Suggests a role for every column from its header and its cells, with a confidence.
//
// Headers: exact synonyms (0.95), then phrase patterns (0.75), each tried again after correcting
// misspelt words against the synonyms' vocabulary (a small edit-distance matcher: "Surnmae",
// "Date of Brith", "Adress Line 1"). Qualifiers move a column off a person's fields: "School
// Name", "Parent Surname", "GP Postcode" describe someone or something else; "Previous Surname"
// describes the past. Cells confirm or correct: valid NHS numbers (mod 11), NINOs, UPNs (check
// letter), postcodes, sex codes, dates (birth dates spread over decades; event dates cluster),
// full names, free-text addresses and address lines (house number and street, or a flat),
// reference codes of one shape, UPRNs. Of two columns of birth-like dates, the one later in the
// row is an event date (settleBirthDates).
import { ROLE_LABELS, type ColumnRole } from '../../../shared/domain/record-fields.js';
import { dateOrderOf, parseDate } from '../../../shared/domain/normalise/date.js';
import { nhsNumberValid, normaliseNino, normaliseUpn } from '../../../shared/domain/normalise/identifiers.js';
import { looksLikeAddress } from '../../../shared/domain/normalise/address.js';
import { looksLikeFullName, nameKey } from '../../../shared/domain/normalise/name.js';
import { nicknameGroupsOf } from '../link/names.js';
import { looksLikePostcode } from '../../../shared/domain/normalise/postcode.js';
import { normaliseEmail, normalisePhone } from '../../../shared/domain/normalise/contact.js';
import { normaliseSex } from '../../../shared/domain/normalise/sex.js';
import { cleanCell } from '../../../shared/domain/normalise/text.js';

export interface RoleSuggestion {
  role: ColumnRole;
  confidence: number;
  /** Why: what in the heading or the cells chose the role, in words the analyst reads. */
  reason?: string;
  /** Another person's field on the row (a third tenant's, a related person's not read): never the row's person's. */
  otherPerson?: boolean;
}

/** Lower-case words only: "Date_of-Birth " → "date of birth". */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const EXACT: Array<[ColumnRole, string[]]> = [
  ['forename', ['forename', 'forenames', 'first name', 'firstname', 'first names', 'given name', 'given names', 'givenname', 'christian name', 'fname', 'f name', 'first', 'legal forename', 'pupil forename', 'child forename', 'client forename', 'person forename', 'patient forename', 'forename s', 'first name s', 'given name s', 'name first', 'name forename', 'first forename', 'official forename', 'registered forename', 'offender forename', 'claimant forename', 'tenant forename', 'subject forename', 'preferred forename', 'preferred first name', 'known as', 'preferred name']],
  ['middle_names', ['middle name', 'middle names', 'middlename', 'middlenames', 'other forenames', 'second name', 'second forename', 'middle', 'middle name s', 'middle initial', 'middle initials', 'initial', 'initials']],
  ['surname', ['surname', 'last name', 'lastname', 'family name', 'familyname', 'sname', 'legal surname', 'pupil surname', 'child surname', 'client surname', 'person surname', 'patient surname', 'surname s', 'last', 'name last', 'name surname', 'official surname', 'registered surname', 'offender surname', 'claimant surname', 'tenant surname', 'subject surname', 'preferred surname']],
  ['full_name', ['name', 'full name', 'fullname', 'client name', 'person name', 'pupil name', 'child name', 'offender name', 'patient name', 'tenant name', 'subject name', 'claimant name', 'young person name', 'names', 'individual name', 'customer name', 'resident name', 'person', 'client', 'patient', 'pupil', 'young person', 'nominal', 'nominal name', 'applicant name', 'service user', 'service user name', 'member name', 'student name', 'learner name', 'name of person', 'name of child', 'surname forename', 'surname first name', 'forename surname', 'first name surname']],
  ['title', ['title', 'salutation', 'honorific', 'prefix', 'name title', 'title code']],
  ['dob', ['dob', 'd o b', 'date of birth', 'dateofbirth', 'birth date', 'birthdate', 'born', 'date born', 'birth', 'birthday', 'date of birth dd mm yyyy', 'dob dd mm yyyy', 'pupil dob', 'client dob', 'patient dob', 'child dob', 'person dob', 'date of birth dob', 'birth dt', 'dob date', 'date birth']],
  ['age', ['age', 'age years', 'age in years', 'current age', 'age at incident', 'age at offence', 'age at referral', 'age yrs', 'age at attendance', 'age now', 'age at date']],
  ['sex', ['sex', 'gender', 'sex code', 'gender code', 'legal sex', 'm f', 'sex m f', 'gender m f', 'gender identity', 'sex at birth', 'sex gender']],
  ['address', ['address', 'full address', 'home address', 'current address', 'address full', 'residential address', 'property address', 'addr', 'location address', 'address details', 'address text', 'address of residence', 'home addr', 'client address', 'pupil address', 'patient address', 'usual address', 'main address', 'correspondence address']],
  ['address_line', ['address line 1', 'address line 2', 'address line 3', 'address line 4', 'address line 5', 'address 1', 'address 2', 'address 3', 'address 4', 'address 5', 'addr 1', 'addr 2', 'addr 3', 'addr 4', 'add1', 'add2', 'add3', 'add4', 'line 1', 'line 2', 'line 3', 'line 4', 'street', 'street name', 'road', 'house number', 'house no', 'house name', 'building', 'building name', 'building number', 'flat', 'flat number', 'flat no', 'sub building', 'premise', 'premises', 'locality', 'district', 'area', 'estate', 'street number', 'number and street', 'thoroughfare', 'dependent locality', 'village']],
  ['town', ['town', 'city', 'post town', 'town city', 'locality town', 'posttown', 'town or city', 'suburb', 'county', 'town name']],
  ['postcode', ['postcode', 'post code', 'postal code', 'pcode', 'pcd', 'pcds', 'pcd7', 'pcd8', 'pc', 'home postcode', 'current postcode', 'address postcode', 'postcode of residence', 'post code of residence', 'zip', 'zip code', 'postcode full', 'client postcode', 'pupil postcode', 'patient postcode', 'home post code', 'postcode home', 'usual postcode']],
  ['uprn', ['uprn', 'unique property reference number', 'property uprn', 'blpu uprn', 'uprn number', 'uprn no', 'property reference number', 'lpi uprn', 'address uprn']],
  ['nhs_number', ['nhs number', 'nhs no', 'nhs num', 'nhsno', 'nhs', 'nhs id', 'nhs nbr', 'patient nhs number', 'nhs number new', 'new nhs number', 'nhsnumber', 'nhs no new', 'nhs numb', 'person nhs number', 'nhs nr']],
  ['nino', ['ni number', 'nino', 'ni no', 'national insurance number', 'national insurance no', 'nat ins no', 'ni', 'nino number', 'claimant nino', 'ni num', 'nino no', 'nat insurance number', 'national insurance', 'ins number', 'ni nbr']],
  ['upn', ['upn', 'unique pupil number', 'pupil upn', 'pupil number', 'upn number', 'former upn', 'upn no', 'pupil unique number']],
  // Foreign national numbers with no check this app knows (DESIGN §3: evidence, never a veto).
  ['other_id', ['soc sec id', 'soc sec no', 'soc sec number', 'ssn', 'ss number', 'social security number', 'social security no', 'social security id', 'social security', 'national id', 'national id number', 'national id no', 'national identity number', 'national identification number', 'national identifier', 'id card number', 'identity card number', 'identity number', 'personal identity number', 'social insurance number', 'sin', 'pps number', 'ppsn', 'personal public service number', 'bsn', 'pesel', 'personnummer', 'cpr number', 'foreign national id']],
  // Linkage evidence: a surname from before a marriage or other change, and contact details.
  ['previous_surname', ['previous surname', 'maiden name', 'maiden surname', 'birth surname', 'surname at birth', 'former surname', 'previous last name', 'former last name', 'previous family name', 'birth name', 'nee', 'née', 'previous name']],
  ['email', ['email', 'e mail', 'email address', 'e mail address', 'emailaddress', 'email addr', 'contact email', 'personal email', 'home email', 'client email', 'e mail addr', 'mail']],
  ['phone', ['phone', 'phone number', 'phone no', 'telephone', 'telephone number', 'telephone no', 'tel', 'tel no', 'tel number', 'mobile', 'mobile number', 'mobile no', 'mobile phone', 'home phone', 'home telephone', 'contact number', 'contact telephone', 'contact phone', 'landline', 'phone 1', 'mob', 'mob no']],
  // What a register or a list of people says about the person: compared in linkage where held.
  ['occupation', ['occupation', 'occupations', 'profession', 'trade', 'job', 'job title', 'rank or profession', 'rank profession', 'trade or profession', 'quality trade or profession', 'occupation or trade', 'calling']],
  ['father_forename', ['father', 'fathers name', 'father s name', 'father name', 'fathers forename', 'father s forename', 'father forename', 'fathers first name', 'father s first name', 'father first name', 'fathers christian name', 'father s christian name', 'fathers given name', 'father s given name']],
  ['agency_ref', ['rec id', 'recid', 'id', 'ref', 'reference', 'client ref', 'client id', 'client reference', 'client no', 'case number', 'case no', 'case ref', 'case id', 'tenancy ref', 'tenancy reference', 'tenancy id', 'tenancy no', 'person id', 'person ref', 'crn', 'pnc id', 'pnc', 'pnc number', 'mosaic id', 'lcs id', 'pupil id', 'claim ref', 'claim reference', 'claim id', 'claim no', 'household ref', 'patient id', 'mrn', 'hospital number', 'hospital no', 'record id', 'urn', 'yot ref', 'yot id', 'yot case no', 'yot case number', 'offender id', 'account ref', 'account number', 'nominal id', 'nominal ref', 'unique id', 'uniqueid', 'system id', 'customer ref', 'customer id', 'resident id', 'subject id', 'person number', 'client number', 'individual id', 'attendance id', 'attendance ref', 'exclusion ref', 'exclusion id', 'referral id', 'referral ref', 'episode id', 'local id', 'key', 'row id']],
  ['event_date', ['date', 'event date', 'incident date', 'offence date', 'attendance date', 'start date', 'date of incident', 'date of offence', 'date of attendance', 'referral date', 'date of referral', 'exclusion date', 'date reported', 'reported date', 'occurrence date', 'arrival date', 'admission date', 'claim start date', 'claim start', 'tenancy start', 'tenancy start date', 'start', 'from', 'from date', 'date from', 'effective date', 'event dt', 'incident dt', 'occurred', 'date occurred', 'activity date', 'contact date', 'visit date', 'assessment date', 'period start']],
];

const EXACT_MAP = new Map<string, ColumnRole>();
for (const [role, keys] of EXACT) for (const key of keys) if (!EXACT_MAP.has(key)) EXACT_MAP.set(key, role);
/** Spaces removed, for "DateOfBirth", "Post-Code", "NHSNumber". */
const COMPACT_MAP = new Map<string, ColumnRole>();
for (const [key, role] of EXACT_MAP) {
  const compact = key.replace(/ /g, '');
  if (!COMPACT_MAP.has(compact)) COMPACT_MAP.set(compact, role);
}

const CONTAINS: Array<[RegExp, ColumnRole]> = [
  [/\b(date of birth|birth ?date|dob|d o b|born)\b/, 'dob'],
  [/\bnhs\b/, 'nhs_number'],
  [/\b(nino|national insurance|ni (no|number|num))\b/, 'nino'],
  [/\b(upn|unique pupil)\b/, 'upn'],
  [/\buprn\b/, 'uprn'],
  [/\b(post ?code|postal code|pcode)\b/, 'postcode'],
  [/\b(forenames?|first ?names?|given ?names?|christian name)\b/, 'forename'],
  [/\b(surnames?|last ?name|family name)\b/, 'surname'],
  [/\bmiddle (names?|initials?)\b/, 'middle_names'],
  [/\btitle\b/, 'title'],
  [/\b(phone|telephone|tel|mobile|mob|landline)\b/, 'phone'],
  [/\be ?mail\b/, 'email'],
  [/\b(address )?(line|addr|add) ?[1-6]\b|\baddress ?[1-6]\b|\b(street|road|house (number|name|no)|flat|building|locality|district|premises?|thoroughfare)\b/, 'address_line'],
  [/\b(town|city|post town|suburb)\b/, 'town'],
  [/\baddress\b/, 'address'],
  [/\b(gender|sex)\b/, 'sex'],
  [/\bage\b/, 'age'],
  [/^fathers?( s)? (fore ?names?|first ?names?|christian names?|given names?|names?)\b/, 'father_forename'],
  [/\b(occupation|profession)\b/, 'occupation'],
  [/\b(full )?name\b/, 'full_name'],
  [/\b(end|until|to|outcome|closed?|closure|finish(ed)?|expiry|expires?|left|leaving|discharged?|review|due|next|last|updated?|modified|created|entered|extracted|run|printed)\b/, 'event'],
  [/\bdate\b|\bdt\b|\b(start|from|began|commenced)\b|^(occurred|reported|arrival|arrived|admission|admitted|when)( on| at)?$/, 'event_date'],
  [/\b(ssn|soc sec|social (security|insurance)|national (id|identity|identification)|identity card|id card)\b/, 'other_id'],
  [/\b(ref|reference|id|number|no|num|nbr|code)\b/, 'agency_ref'],
  [/\b(type|category|outcome|offence|incident|sessions?|absences?|exclusions?|claim|benefit|tenancy|attendance|reason|status|diagnosis|disposal|term|arrears|flag|involvement|complaint|mode|site|relationship|summary|notes?|comments?|description|(un)?authori[sz]ed|possible|present|absent|amount|balance|count|total)\b/, 'event'],
];
/** Dates that close or follow an event are details of it, not its date. */
const LATER_DATE = /\b(end|until|to|outcome|closed?|closure|finish(ed)?|expiry|expires?|left|leaving|discharged?|review|due|next|last|updated?|modified|created|entered|extracted|run|printed)\b/;

/** Words that put a person field on someone or something else (the column is kept, not used). */
const OTHER_ENTITY = /\b(parents?|mother|mothers|father|fathers|carers?|guardians?|contacts?|kin|nok|emergency|gp|doctor|practice|surgery|school|schools|establishment|provider|site|team|officer|worker|staff|referrer|social|agency|organi[sz]ation|org|company|employer|landlord|hospital|ward|court|station|sibling|siblings|partner|spouse|teacher|author|user name|username|created by|recorded by|entered by|updated by|file|sheet|tab|scheme|course|project|programme|program|service name|unit|team name|street name|building name|house name|dfe|la|local authority|council|trust)\b/;
/** Words that put a person field in the past. */
const PAST = /\b(previous|prev|former|old|maiden|birth surname|surname at birth|name at birth|prior|alias|aka|also known)\b/;
/** Variants that yield to a plain or legal column of the same role. */
const SECONDARY = /\b(preferred|known as|nickname|other|alternative|alt|2nd|secondary)\b/;
const PRIMARY = /\b(legal|official|registered|current|usual|main)\b/;

const PERSON_ROLES: ReadonlySet<ColumnRole> = new Set([
  'forename', 'middle_names', 'surname', 'full_name', 'title', 'dob', 'age', 'sex', 'address', 'address_line', 'town', 'postcode', 'uprn', 'nhs_number', 'nino', 'upn', 'other_id',
]);

// ---------------------------------------------------------------------------------------------
// Fuzzy words: each header word is corrected to the nearest vocabulary word within a small edit
// distance (optimal string alignment, so a swapped pair of letters costs 1).

/** Common header words that mean something else: known, so never "corrected" into a synonym. */
const OTHER_FIELD_WORDS: ReadonlySet<string> = new Set(['country', 'nationality', 'ethnicity', 'religion', 'language', 'status', 'reason', 'outcome', 'summary', 'notes', 'comment', 'comments', 'description', 'category', 'school', 'sessions', 'session', 'possible', 'authorised', 'unauthorised', 'absence', 'absences', 'exclusion', 'exclusions', 'offences', 'court', 'relationship', 'involvement', 'complaint', 'arrears', 'balance', 'benefit', 'benefits', 'amount', 'value', 'count', 'total', 'phone', 'mobile', 'email', 'occupation', 'ward', 'parent', 'mother', 'mothers', 'brother', 'sister', 'husband', 'spouse', 'guardian', 'carer', 'contact', 'worker', 'officer', 'practice', 'surgery', 'hospital', 'disposal', 'diagnosis', 'referral', 'source', 'period', 'month', 'year', 'years', 'week', 'weeks', 'days', 'hours', 'minutes', 'start', 'ended', 'closed', 'opened']);

const VOCABULARY: string[] = (() => {
  const words = new Set<string>();
  for (const [, keys] of EXACT) for (const k of keys) for (const w of k.split(' ')) if (w.length >= 4 && /^[a-z]+$/.test(w)) words.add(w);
  for (const w of ['birth', 'postcode', 'surname', 'forename', 'address', 'gender', 'national', 'insurance', 'number', 'middle', 'names', 'street', 'house', 'building', 'reference', 'incident', 'offence', 'attendance', 'tenancy', 'unique', 'pupil', 'property', 'telephone']) words.add(w);
  for (const w of OTHER_FIELD_WORDS) words.add(w);
  return [...words];
})();

/**
 * A heading that names a field of its own, though not one the record holds ("Ethnicity",
 * "Main Language"): the column has a heading to go by, so its cells are not read as something
 * else by where the column stands (a code column before the address is not its first line).
 */
export function headingNamesOtherField(header: string | null | undefined): boolean {
  return headerKey(header ?? '').split(' ').some((w) => OTHER_FIELD_WORDS.has(w));
}

/** Optimal string alignment distance, giving up once past `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] ?? max + 1;
}

const allowedEdits = (word: string): number => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);

const DERIVED_ENDING = /^(al|als|ally|ing|ings)$/;

/** The nearest vocabulary word, or the word itself. */
function correctWord(word: string): { word: string; edits: number } {
  if (word.length < 5 || VOCABULARY.includes(word)) return { word, edits: 0 };
  const max = allowedEdits(word);
  let best = word;
  let bestD = max + 1;
  for (const v of VOCABULARY) {
    // a word made from another by an ending is another word, not a slip: "professional" (a
    // worker) is no misspelt "profession", "recording" no "record"
    if (word.startsWith(v) && DERIVED_ENDING.test(word.slice(v.length))) continue;
    const d = editDistance(word, v, max);
    if (d < bestD) {
      best = v;
      bestD = d;
    }
  }
  return bestD <= max ? { word: best, edits: bestD } : { word, edits: 0 };
}

function matchKey(key: string): RoleSuggestion | null {
  const exact = EXACT_MAP.get(key) ?? COMPACT_MAP.get(key.replace(/ /g, ''));
  if (exact) return { role: exact, confidence: 0.95 };
  for (const [pattern, role] of CONTAINS) if (pattern.test(key)) return { role, confidence: 0.75 };
  return null;
}

// Header detection asks this of every cell of the first rows of every sheet (names, addresses,
// dates as well as headings), and the misspelling search is an edit distance against the whole
// vocabulary per word: most of a small file's preview time. The answer depends on the key alone,
// so it is remembered (bounded; a copy handed out, so no caller can change the remembered one).
const HEADER_MEMO = new Map<string, RoleSuggestion | null>();
const HEADER_MEMO_SIZE = 10_000;

/** The role a header names, before qualifiers; fuzzy when the words are misspelt. */
export function rawRoleFromHeader(key: string): RoleSuggestion | null {
  let found = HEADER_MEMO.get(key);
  if (found === undefined) {
    found = headerRole(key);
    if (HEADER_MEMO.size >= HEADER_MEMO_SIZE) HEADER_MEMO.clear();
    HEADER_MEMO.set(key, found);
  }
  return found && { ...found };
}

function headerRole(key: string): RoleSuggestion | null {
  const exact = EXACT_MAP.get(key) ?? COMPACT_MAP.get(key.replace(/ /g, ''));
  if (exact) return { role: exact, confidence: 0.95 };
  const words = key.split(' ');
  let edits = 0;
  const corrected = words.map((w) => {
    const c = correctWord(w);
    edits += c.edits;
    return c.word;
  });
  if (edits > 0) {
    // Misspelt words put right first: "date of brith" is a birth date, not just "a date".
    const again = matchKey(corrected.join(' '));
    if (again) return { role: again.role, confidence: Math.max(0.5, again.confidence - 0.1 - 0.05 * edits) };
  }
  const contains = matchKey(key);
  if (contains) return contains;
  if (edits === 0) {
    // A run-together header ("dateofbrith") may still be one misspelt synonym.
    const compact = key.replace(/ /g, '');
    if (compact.length >= 5) {
      let best: ColumnRole | null = null;
      let bestD = 3;
      for (const [k, role] of COMPACT_MAP) {
        if (k.length < 5) continue;
        const d = editDistance(compact, k, allowedEdits(compact));
        if (d < bestD && d <= allowedEdits(compact)) {
          best = role;
          bestD = d;
        }
      }
      if (best) return { role: best, confidence: 0.8 - 0.05 * bestD };
    }
  }
  return null;
}

/** Role from the header alone (with qualifiers applied). */
export function roleFromHeader(header: string | null): RoleSuggestion | null {
  if (!header) return null;
  const key = headerKey(header);
  if (!key) return null;
  const s = rawRoleFromHeader(key);
  if (!s) return null;
  if (PERSON_ROLES.has(s.role) || s.role === 'agency_ref' || s.role === 'occupation' || s.role === 'phone' || s.role === 'email') {
    const exactSynonym = EXACT_MAP.get(key) === s.role;
    // "School Name", "Parent Surname", "GP Postcode", "NOK Telephone", "Parent Email": someone or
    // something else's field (a mother's number on each child's row made the siblings share it).
    if (!exactSynonym && OTHER_ENTITY.test(key)) return { role: 'ignore', confidence: 0.7 };
    if (s.role !== 'dob' && s.role !== 'agency_ref' && PAST.test(key)) return { role: 'ignore', confidence: 0.7 };
  }
  if (s.role === 'event_date' && LATER_DATE.test(key)) return { role: 'event', confidence: 0.7 };
  if (s.role === 'agency_ref' && /\b(occurrence|incident|crime|offence|event|crn)\b/.test(key) && !/\bperson|nominal|client\b/.test(key)) {
    // An incident's reference is shared by everyone involved in it: a detail, not the person's.
    if (key !== 'crn') return { role: 'event', confidence: 0.7 };
  }
  return s;
}

const share = (values: string[], test: (v: string) => boolean): number => (values.length === 0 ? 0 : values.filter(test).length / values.length);

const ALPHA_SEX = /^(m|f|male|female|man|woman|boy|girl|u|unknown|x|o|other|not known|not stated|i|indeterminate)$/i;

const distinctValues = (values: string[]): number => new Set(values.map((v) => v.trim().toUpperCase())).size;

function distinctShare(values: string[]): number {
  return values.length === 0 ? 1 : distinctValues(values) / values.length;
}

/** Birth dates spread over decades and lie well in the past; event dates cluster near the extract. */
function datesLookLikeBirths(values: string[], pivotYear: number, allowSerial = false, order?: 'dmy' | 'mdy'): boolean {
  const years = values.flatMap((v) => {
    const d = parseDate(v, { pivotYear, allowSerial, order });
    return d ? [Number(d.iso.slice(0, 4))] : [];
  });
  if (years.length < 3) return false;
  years.sort((a, b) => a - b);
  const median = years[Math.floor(years.length / 2)] ?? pivotYear;
  const spread = (years[Math.floor(years.length * 0.9)] ?? 0) - (years[Math.floor(years.length * 0.1)] ?? 0);
  return pivotYear - median >= 3 && spread >= 4;
}

const pct = (s: number): string => `${Math.round(s * 100)}%`;

/** What the cells say, for columns whose header is silent or vague. */
export function roleFromCells(values: string[], pivotYear = new Date().getUTCFullYear()): RoleSuggestion | null {
  // read as the record will read them (cleanCell: white space tidied, the text mark before a number dropped)
  const sample = values.filter((v) => v.trim() !== '').slice(0, 500).map((v) => cleanCell(v) ?? '');
  if (sample.length === 0) return null;
  const conf = (s: number): number => Math.round((0.5 + 0.3 * s) * 100) / 100;
  const found = (role: ColumnRole, s: number, what: string, confidence = conf(s)): RoleSuggestion => ({ role, confidence, reason: `${pct(s)} of the cells ${what}` });
  let s = share(sample, (v) => nhsNumberValid(v.replace(/[\s-]/g, '')));
  if (s >= 0.8) return found('nhs_number', s, 'are NHS numbers that pass the check digit');
  s = share(sample, (v) => normaliseNino(v).valid);
  if (s >= 0.8) return found('nino', s, 'are National Insurance numbers');
  s = share(sample, (v) => normaliseUpn(v).valid);
  if (s >= 0.8) return found('upn', s, 'are unique pupil numbers that pass the check letter');
  s = share(sample, looksLikePostcode);
  if (s >= 0.8) return found('postcode', s, 'are UK postcodes');
  s = share(sample, (v) => normaliseEmail(v) !== null);
  if (s >= 0.8) return found('email', s, 'are e-mail addresses');
  // Before dates and UPRNs: "01709 823456" is neither, and a phone column is identity evidence.
  s = share(sample, (v) => /^(\+|\(?0)[\s\d()-]{9,17}$/.test(v.trim()) && normalisePhone(v) !== null);
  if (s >= 0.8) return found('phone', s, 'are UK phone numbers');
  s = share(sample, (v) => v.trim().length <= 13 && normaliseSex(v) !== null);
  if (s >= 0.9 && share(sample, (v) => ALPHA_SEX.test(v.trim())) >= 0.5 && new Set(sample.map((v) => v.trim().toUpperCase())).size <= 6) {
    return found('sex', s, 'are sex codes (M, F, …)');
  }
  // a column that writes its dates month first ("3/30/2008") says so by some second part over 12
  const order = dateOrderOf(sample) ?? undefined;
  s = share(sample, (v) => parseDate(v, { pivotYear, order }) !== null);
  if (s >= 0.8) {
    return datesLookLikeBirths(sample, pivotYear, false, order)
      ? { role: 'dob', confidence: 0.6, reason: `${pct(s)} of the cells are dates, spread over decades and years back: dates of birth` }
      : found('event_date', s, 'are dates, close together: event dates');
  }
  const serial = serialDates(sample, pivotYear);
  if (serial) return serial;
  s = share(sample, (v) => TITLE.test(v.trim()));
  if (s >= 0.9) return found('title', s, 'are titles (Mr, Mrs, Ms, …)');
  s = share(sample, (v) => /^(10|20)\d{8,10}(\.0+)?$/.test(v.trim()));
  if (s >= 0.8) return found('uprn', s, 'are UPRNs', 0.55);
  // A whole address names its town or postcode after the street (a comma, a postcode); one line
  // of it is the street with its number, or the flat.
  s = share(sample, (v) => looksLikeAddress(v) || ADDRESS_UNIT.test(v.trim()));
  if (s >= 0.6) {
    const whole = share(sample, (v) => v.includes(',') || POSTCODE_IN_TEXT.test(v));
    return whole >= 0.5 ? found('address', s, 'are addresses', conf(s) - 0.1) : found('address_line', s, 'are lines of an address (house number and street, or flat)', conf(s) - 0.1);
  }
  // Codes of one shape, most of them different: the reference the partner keys its rows by.
  s = share(sample, looksLikeCode);
  if (s >= 0.9 && codeShapeShare(sample) >= 0.8 && distinctShare(sample) >= 0.3) return found('agency_ref', s, 'are reference codes of one shape, few of them repeated', 0.55);
  // Places ("Compton Lane", "Market Square") read like two-word names: a street word says otherwise.
  const places = share(sample, looksLikePlace);
  s = share(sample, looksLikeFullName);
  if (s >= 0.7 && distinctShare(sample) >= 0.3 && places < 0.2) return found('full_name', s, 'are whole names (two or more words of letters)', conf(s) - 0.1);
  const single = share(sample, (v) => NAME_WORD.test(v.trim()));
  if (single >= 0.8 && distinctShare(sample) >= 0.25 && places < 0.2) {
    const known = share(sample, (v) => nicknameGroupsOf(nameKey(v) ?? '').length > 0);
    if (known >= 0.25) return { role: 'forename', confidence: 0.6, reason: `${pct(single)} of the cells are single names, ${pct(known)} of them known first names` };
    if (known <= 0.1) return { role: 'surname', confidence: 0.55, reason: `${pct(single)} of the cells are single names, few of them first names: last names` };
  }
  if (places >= 0.5) return found('event', places, 'name streets or places (not a person or their home)', 0.5);
  return null;
}

/** A person's title as systems key it. */
const TITLE = /^(mr|mrs|miss|ms|mx|master|dr|rev|revd|sir|dame|lady|lord|prof)\.?$/i;

/**
 * A whole number a workbook shows as a date when its cell is formatted as one (days since 1900),
 * or a date and time (45412.5416666667); not an amount in pounds and pence (4500.50).
 */
const SERIAL = /^\d{4,5}(\.\d{3,})?$/;
/** Serial 3653 is 1 January 1910: earlier ones are more likely counts or codes than dates. */
const FIRST_SERIAL = 3653;

/**
 * Dates a workbook stores as bare day numbers (a date column without a date format: 45412 is
 * 30 April 2024). A column of such numbers is only read as dates when nothing else fits it: every
 * day lies between 1910 and next year, and the numbers are not a running sequence (references
 * are mostly distinct and climb row by row; births and events come in no order, or repeat).
 */
function serialDates(sample: string[], pivotYear: number): RoleSuggestion | null {
  const last = (Date.UTC(pivotYear + 1, 11, 31) / 86_400_000) + 25_569;
  const days = sample.map((v) => v.trim()).filter((v) => SERIAL.test(v)).map(Number).filter((n) => n >= FIRST_SERIAL && n <= last);
  if (days.length < 5 || days.length < sample.length * 0.9) return null;
  let climbing = 0;
  for (let i = 1; i < days.length; i++) if ((days[i] as number) > (days[i - 1] as number)) climbing++;
  if (climbing >= (days.length - 1) * 0.9 && distinctShare(sample) >= 0.95) return null;
  const s = days.length / sample.length;
  return datesLookLikeBirths(sample, pivotYear, true)
    ? { role: 'dob', confidence: 0.55, reason: `${pct(s)} of the cells are a workbook's day numbers, spread over decades and years back: dates of birth` }
    : { role: 'event_date', confidence: 0.55, reason: `${pct(s)} of the cells are a workbook's day numbers, close together: event dates` };
}

/** A flat or unit on a line of its own: "Flat 2", "Apartment 14B". */
const ADDRESS_UNIT = /^(flat|apartment|apt|unit|room|suite|maisonette|studio)\s+\d{1,4}[a-z]?$/i;
const POSTCODE_IN_TEXT = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/i;

/**
 * A cell one line of an address could hold: a street with its number, a flat, a line with a
 * postcode typed in, or a place's words alone (a locality, a town).
 */
export function looksLikeAddressPart(value: string): boolean {
  const v = value.trim();
  return looksLikeAddress(v) || ADDRESS_UNIT.test(v) || POSTCODE_IN_TEXT.test(v) || /^\p{L}[\p{L}'’. -]{2,39}$/u.test(v);
}

/** One token of letters and digits with at least three digits: "TEN050960", "266656", "AE-2686". */
function looksLikeCode(value: string): boolean {
  const v = value.trim();
  return v.length >= 5 && v.length <= 20 && /^[A-Za-z0-9][A-Za-z0-9/_-]*$/.test(v) && (v.match(/\d/g)?.length ?? 0) >= 3;
}

/**
 * Share of cells with the commonest shape (letters as A, digits as 9). Plain numbers keep their
 * length in the shape, so a column of counts or amounts of varying size is not one shape; codes
 * with a letter prefix may vary in digit count.
 */
function codeShapeShare(values: string[]): number {
  const counts = new Map<string, number>();
  let best = 0;
  for (const v of values) {
    const t = v.trim().toUpperCase();
    const shape = /^\d+$/.test(t) ? t.replace(/\d/g, '9') : t.replace(/[A-Z]/g, 'A').replace(/\d+/g, '9');
    const n = (counts.get(shape) ?? 0) + 1;
    counts.set(shape, n);
    if (n > best) best = n;
  }
  return values.length ? best / values.length : 0;
}

/** One word of a name: letters with an inner apostrophe or hyphen ("O'Neil", "Smith-Jones"). */
export const NAME_WORD = /^[\p{L}][\p{L}'’-]{1,29}$/u;
const AREA_WORD = /^(north|south|east|west|central|centre|city|town|rural|urban|inner|outer|upper|lower|ward|borough|district|county|sector|zone|area|beat|patch|north east|north west|south east|south west|unknown|other|none|n\/a|na)$/i;
const PLACE_WORD = /\b(lane|road|rd|street|st|avenue|ave|close|drive|way|court|crescent|place|square|terrace|grove|gardens|walk|hill|park|green|row|view|rise|market|centre|center|estate|precinct|station|parade|mews|yard|bridge|wharf|common|retail|shopping|car park|town centre|high street|industrial|playing fields?|recreation ground)$/i;

/** A street or place name rather than a person's name. */
export function looksLikePlace(value: string): boolean {
  const v = value.trim();
  return PLACE_WORD.test(v) || AREA_WORD.test(v) || /^(north|south|east|west|central)\b|\b(north|south|east|west|central|ward|area|beat|sector|team|npt|snt)$/i.test(v);
}

/** Share of cells with a word that is a known first name: real names, not "Criminal damage". */
function knownForenameShare(values: string[]): number {
  const sample = values.slice(0, 200);
  return share(sample, (v) => v.split(/[\s,]+/).some((w) => nicknameGroupsOf(nameKey(w) ?? '').length > 0));
}

const IDENTIFIER_ROLES: ReadonlySet<ColumnRole> = new Set(['nhs_number', 'nino', 'upn', 'postcode']);

/**
 * Combines header and cells: a clear person header wins (cells raise or lower its confidence);
 * identifiers in the cells correct a vague or reference header (an "ID" column full of valid
 * NHS numbers is NHS numbers); a reference column that repeats a handful of values (a school's
 * DfE number) is a detail, not a person's reference.
 */
export function suggestRole(header: string | null, values: string[], pivotYear = new Date().getUTCFullYear()): RoleSuggestion {
  const byHeader = roleFromHeader(header);
  const filled = values.filter((v) => v.trim() !== '');
  const byCells = roleFromCells(filled, pivotYear);
  const chosen = chooseRole(byHeader, byCells, filled, pivotYear);
  return chosen.reason ? chosen : { ...chosen, reason: explain(chosen, header, byHeader, byCells) };
}

/** The analyst's answer to "why this role?": the heading, the cells, or both. */
function explain(chosen: RoleSuggestion, header: string | null, byHeader: RoleSuggestion | null, byCells: RoleSuggestion | null): string {
  const heading = header ? `the heading "${header.length > 40 ? `${header.slice(0, 40)}…` : header}"` : 'no heading';
  const cells = byCells?.reason;
  if (byHeader && byHeader.role === chosen.role) {
    if (byCells && byCells.role === chosen.role && cells) return `${heading} says so and ${cells}`;
    if (chosen.role === 'ignore') return `${heading} describes someone or something else, or the past`;
    return `${heading} says so${byCells && cells ? ` (the cells suggest otherwise: ${cells})` : ''}`;
  }
  if (byCells && byCells.role === chosen.role && cells) return `${cells}${byHeader ? `, over ${heading}` : ''}`;
  if (chosen.confidence <= 0.2) return chosen.role === 'ignore' ? 'the column is empty in the rows read' : 'nothing in the heading or the cells names a person field: kept as event detail';
  return `${heading} and the cells, weighed together`;
}

function chooseRole(byHeader: RoleSuggestion | null, byCells: RoleSuggestion | null, filled: string[], pivotYear: number): RoleSuggestion {
  if (byHeader && byHeader.role === 'ignore') return byHeader;
  // Two capitalised words are a person's name only if first names are among them: with no
  // heading, "Referral Order" or "Theft Shop" is an event's detail.
  if (!byHeader && byCells?.role === 'full_name' && knownForenameShare(filled) < 0.3) {
    return { role: 'event', confidence: 0.3, reason: `${byCells.reason ?? 'the cells are two or more words'}, but few hold a first name: kept as event detail` };
  }
  // Cells that plainly hold people's whole names outweigh a heading guessed loosely
  // ("Individual" read as "individual id") or one naming no person field: the cells come first.
  // (Single names are left to the heading: many surnames are first names too.)
  if (byCells?.role === 'full_name' && (!byHeader || !PERSON_ROLES.has(byHeader.role)) && (!byHeader || byHeader.confidence < 0.9 || byHeader.role === 'agency_ref' || byHeader.role === 'event') && knownForenameShare(filled) >= 0.3) {
    return byCells;
  }
  // E-mail addresses and phone numbers have shapes nothing else has: "CL_EMAIL_ADDRESS" is not a
  // home address, "Mobile Number" not a reference.
  if ((byCells?.role === 'email' || byCells?.role === 'phone') && byHeader?.role !== byCells.role) return byCells;
  // A name heading over codes of one shape ("Nominal" over N01200002): a name holds no run of
  // digits, so the column is the person's number in that system.
  if (byHeader && PERSON_NAME_ROLES.has(byHeader.role) && byCells?.role === 'agency_ref') {
    return { ...byCells, reason: `${byCells.reason ?? 'the cells are reference codes'}: no name holds digits, so not a name whatever the heading` };
  }
  // A heading that only mentions a name over a handful of words every row repeats ("Name Type":
  // Primary, Alias, AKA) says what kind of name the row gives: people's names are not five words.
  if (byHeader && PERSON_NAME_ROLES.has(byHeader.role) && byHeader.confidence < 0.9 && filled.length >= 20 && distinctValues(filled) <= 5) {
    return { role: 'event', confidence: 0.5, reason: `the heading mentions a name, but the cells are ${distinctValues(filled)} words repeated row after row: what kind of name, kept as event detail` };
  }
  if (byHeader && PERSON_ROLES.has(byHeader.role)) {
    if (byCells?.role === byHeader.role) return { role: byHeader.role, confidence: Math.min(0.99, byHeader.confidence + 0.04) };
    // A vague or misspelt header whose cells are plainly identifiers of another kind.
    if (byCells && IDENTIFIER_ROLES.has(byCells.role) && byHeader.confidence < 0.9) return byCells;
    return byHeader;
  }
  if (byCells && (!byHeader || IDENTIFIER_ROLES.has(byCells.role) || byCells.role === 'sex' && byHeader.confidence < 0.9)) {
    if (!byHeader || byCells.role !== 'event_date' && byCells.role !== 'dob') return byCells;
    if (byHeader.role !== 'event_date' && byHeader.role !== 'event') return byCells;
  }
  if (!byHeader && byCells) return byCells;
  // A header that sounds like a date over cells that are not dates ("Start Reason"): a detail.
  if (byHeader?.role === 'event_date' && byHeader.confidence < 0.9 && filled.length >= 5 && share(filled, (v) => parseDate(v, { pivotYear, allowSerial: true }) !== null) < 0.5) {
    return { role: 'event', confidence: 0.6 };
  }
  if (byHeader?.role === 'agency_ref' && filled.length >= 20 && distinctShare(filled) < 0.2) return { role: 'event', confidence: 0.5 };
  if (byHeader) return byHeader;
  return { role: filled.length ? 'event' : 'ignore', confidence: 0.2 };
}

export const PERSON_NAME_ROLES: ReadonlySet<ColumnRole> = new Set(['forename', 'surname', 'full_name']);

/** Confidence at or above which a role rests on a heading, not on the cells alone. */
const HEADED = 0.74;

/**
 * Name columns found from the cells alone give way to name columns a heading names (a second
 * "surname" made of neighbourhood names is a detail), and of several cell-only whole-name
 * columns the surest keeps the role: one person per row.
 */
export function settleNameColumns(suggestions: RoleSuggestion[], given: ReadonlyArray<ColumnRole | undefined> = []): RoleSuggestion[] {
  const out = suggestions.slice();
  const headed = new Set(out.flatMap((s, i) => (PERSON_NAME_ROLES.has(s.role) && (given[i] || s.confidence >= HEADED) ? [s.role] : [])));
  const demote = (i: number, why: string): void => {
    out[i] = { role: 'event', confidence: 0.4, reason: why };
  };
  const held = new Set(headed);
  const cellOnly = out.flatMap((s, i) => (PERSON_NAME_ROLES.has(s.role) && !given[i] && s.confidence < HEADED ? [i] : [])).sort((a, b) => (out[b]?.confidence ?? 0) - (out[a]?.confidence ?? 0));
  for (const i of cellOnly) {
    const s = out[i];
    if (!s) continue;
    const split = held.has('forename') || held.has('surname');
    if (held.has(s.role) || (s.role === 'full_name' && split) || (s.role !== 'full_name' && held.has('full_name'))) {
      demote(i, `${s.reason ?? 'the cells read like names'}, but another column already holds that name: kept as event detail`);
    } else held.add(s.role);
  }
  // Likewise an address read from the cells alone beside a headed home address: the incident's
  // place ("12 Compton Lane"), not where the person lives.
  if (out.some((s, i) => s.role === 'address' && (given[i] || s.confidence >= HEADED))) {
    out.forEach((s, i) => {
      if ((s.role === 'address' || s.role === 'address_line') && !given[i] && s.confidence < HEADED) demote(i, `${s.reason ?? 'the cells read like addresses'}, but another column is headed as the address: kept as event detail`);
    });
  }
  // A code column read from the cells alone gives way to a headed reference: the record keeps
  // the partner's own key, and the other codes stay as detail.
  if (out.some((s, i) => s.role === 'agency_ref' && (given[i] || s.confidence >= HEADED))) {
    out.forEach((s, i) => {
      if (s.role === 'agency_ref' && !given[i] && s.confidence < HEADED) demote(i, `${s.reason ?? 'the cells read like codes'}, but another column is headed as the reference: kept as event detail`);
    });
  }
  return out;
}

/**
 * A forename column with no surname beside it: the column of single name words that holds
 * clearly fewer first names than the forename column is the surname, though many surnames are
 * first names too ("Lee", "Kelly", "Ali"), so the cells alone left it undecided. Only columns
 * with no heading that names a role are read so; the one nearest the forename wins.
 */
export function settleSurnameBesideForename(headers: readonly string[], suggestions: RoleSuggestion[], samples: ReadonlyArray<readonly string[]>, given: ReadonlyArray<ColumnRole | undefined> = []): RoleSuggestion[] {
  if (suggestions.some((s) => s.role === 'surname' || s.role === 'full_name')) return suggestions;
  const forename = suggestions.findIndex((s) => s.role === 'forename');
  if (forename < 0) return suggestions;
  const knownShare = (values: readonly string[]): number => share(values.slice(0, 200), (v) => nicknameGroupsOf(nameKey(v) ?? '').length > 0);
  const firstNames = knownShare(samples[forename] ?? []);
  let best = -1;
  for (let i = 0; i < suggestions.length; i++) {
    const role = suggestions[i]?.role;
    if (i === forename || given[i] || (role !== 'event' && role !== 'ignore' && role !== 'forename')) continue;
    if (roleFromHeader(headers[i] || null) !== null) continue;
    const values = (samples[i] ?? []).slice(0, 500);
    // an extract sorted by family repeats its surnames: fewer distinct values than a code list
    if (values.length < 5 || share(values, (v) => NAME_WORD.test(v.trim())) < 0.8 || distinctShare(values) < 0.1 || share(values, looksLikePlace) >= 0.2) continue;
    if (knownShare(values) > firstNames - 0.25) continue;
    if (best < 0 || Math.abs(i - forename) < Math.abs(best - forename)) best = i;
  }
  if (best < 0) return suggestions;
  const out = suggestions.slice();
  out[best] = { role: 'surname', confidence: 0.55, reason: `the cells are single names, far fewer of them first names than column ${forename + 1}'s forenames: last names` };
  return out;
}

/**
 * Of several columns read as dates of birth, the one that comes first in (nearly) every row is
 * the birth date: a person's other dates (a tenancy's start, a record's entry) follow their birth.
 * The later ones, unless the analyst gave the role, are event dates. Rows are the sampled data
 * rows, cell by column.
 */
export function settleBirthDates(suggestions: RoleSuggestion[], rows: ReadonlyArray<ReadonlyArray<string | null>>, given: ReadonlyArray<ColumnRole | undefined> = [], pivotYear?: number): RoleSuggestion[] {
  const columns = suggestions.flatMap((s, i) => (s.role === 'dob' ? [i] : []));
  if (columns.length < 2) return suggestions;
  const iso = (v: string | null | undefined): string | null => (v ? (parseDate(v, { pivotYear, allowSerial: true })?.iso ?? null) : null);
  const dates = rows.map((r) => columns.map((c) => iso(r[c])));
  /** Share of rows holding both where column a's date is before column b's. */
  const earlier = (a: number, b: number): { share: number; n: number } => {
    let before = 0;
    let n = 0;
    for (const d of dates) {
      const x = d[a];
      const y = d[b];
      if (!x || !y || x === y) continue;
      n++;
      if (x < y) before++;
    }
    return { share: n ? before / n : 0, n };
  };
  const firstIn = (min: number): number => columns.findIndex((_, a) => columns.every((__, b) => a === b || (earlier(a, b).n >= 3 && earlier(a, b).share >= min)));
  // Clearly first in nearly every row; else the headings break the tie (one column named as the
  // birth date, the others read from their cells alone); else first in most rows. A child born
  // after the family's tenancy began is why "nearly every row" cannot be every row.
  let first = firstIn(0.9);
  if (first < 0) {
    const headed = columns.flatMap((c, k) => (given[c] === 'dob' || (suggestions[c]?.confidence ?? 0) >= HEADED ? [k] : []));
    first = headed.length === 1 ? (headed[0] ?? -1) : firstIn(0.6);
  }
  if (first < 0) return suggestions;
  const birth = columns[first] ?? -1;
  return suggestions.map((s, i) => {
    if (i === birth || s.role !== 'dob' || given[i]) return s;
    const after = Math.round(earlier(first, columns.indexOf(i)).share * 100);
    return { role: 'event_date', confidence: 0.6, reason: `the cells are dates, but the date of birth is column ${birth + 1} (its dates come first in ${after}% of rows): event dates` };
  });
}

/** Heading words that name a person's field rather than whose field it is. */
const FIELD_WORDS = new Set(['forename', 'forenames', 'first', 'given', 'christian', 'name', 'names', 'surname', 'surnames', 'last', 'family', 'middle', 'initial', 'initials', 'dob', 'd', 'o', 'b', 'date', 'of', 'birth', 'title', 'sex', 'gender', 'age', 'nino', 'ni', 'national', 'insurance', 'nhs', 'number', 'no', 'num', 's']);
/** Fields of a person that a second person on the row would repeat. */
const WHOSE_ROLES: ReadonlySet<ColumnRole> = new Set(['forename', 'middle_names', 'surname', 'full_name', 'title', 'dob', 'age', 'sex', 'nino', 'nhs_number']);

/** A second person's name column, read as the row's related person's. */
const SECOND_NAME: Partial<Record<ColumnRole, ColumnRole>> = { forename: 'relative_forename', surname: 'relative_surname', full_name: 'relative_name' };

/**
 * Two people's fields across one row ("Tenant 1 Forename … Tenant 2 DOB", "CLMT_SURNAME …
 * PTNR_DOB", as tenancy lists and benefit extracts write a couple): headed columns that differ
 * only in whose field they are, two groups or more each with a name and another field. The row's
 * person is the group of its first name column; another person's columns are kept in the raw row
 * and not read as anyone's record (one row is one record), where a second date of birth had been
 * taken for the first person's when it came first in most rows. The next person's name is the
 * row's related person's (they hold the tenancy or the claim together, so live together: the
 * household stage reads it), unless the sheet names a related person already. Legal beside
 * preferred names are one person's.
 */
export function settleSecondPerson(headers: readonly string[], suggestions: RoleSuggestion[], given: ReadonlyArray<ColumnRole | undefined> = []): RoleSuggestion[] {
  const groups = new Map<string, number[]>();
  suggestions.forEach((s, i) => {
    const key = headerKey(headers[i] ?? '');
    if (given[i] || !key || !WHOSE_ROLES.has(s.role)) return;
    const whose = key.split(' ').filter((w) => !FIELD_WORDS.has(w)).join(' ');
    groups.set(whose, [...(groups.get(whose) ?? []), i]);
  });
  const people = [...groups].filter(([whose, columns]) => {
    const roles = new Set(columns.map((i) => suggestions[i]?.role));
    return !PRIMARY.test(whose) && !SECONDARY.test(whose) && roles.size >= 2 && [...roles].some((r) => r !== undefined && PERSON_NAME_ROLES.has(r));
  });
  if (people.length < 2) return suggestions;
  const firstName = (columns: number[]): number => Math.min(...columns.filter((i) => PERSON_NAME_ROLES.has(suggestions[i]?.role ?? 'ignore')));
  const byName = people.slice().sort((a, b) => firstName(a[1]) - firstName(b[1]));
  const own = byName[0]!;
  const related = suggestions.some((s, i) => !given[i] && (s.role === 'relative_name' || s.role === 'relative_surname')) ? undefined : byName[1];
  const out = suggestions.slice();
  for (const [whose, columns] of people) {
    if (whose === own[0]) continue;
    for (const i of columns) {
      const role = suggestions[i]?.role ?? 'ignore';
      const label = ROLE_LABELS[role].toLowerCase();
      const beside = `("${whose}" beside "${own[0] || 'the plain headings'}")`;
      const relative = whose === related?.[0] ? SECOND_NAME[role] : undefined;
      out[i] = relative
        ? { role: relative, confidence: 0.7, reason: `another person's ${label} on the row ${beside}: they share the row's tenancy or claim, so it is kept as the name of someone the person lives with (for households), not as a record of its own` }
        : { role: 'ignore', confidence: 0.6, reason: `another person's ${label} on the row ${beside}: kept in the raw row, not read`, otherPerson: true };
    }
  }
  return out;
}

/** How far below the surest column of a person field another may be before it gives way. */
const PLAINER_BY = 0.15;

/**
 * Where several columns claim one person field, the plain or legal one keeps it and a preferred
 * or alternative one becomes "keep, not used" (its cells stay in the raw row). Between equals, a
 * column whose heading names the field plainly ("surname") outranks one that only mentions it
 * ("first_and_surname", "surname and forename"): the row would otherwise take whichever comes
 * first, and a whole name read as a surname matches nobody.
 */
export function resolveDuplicateRoles(headers: string[], suggestions: RoleSuggestion[], given: ReadonlyArray<ColumnRole | undefined> = []): RoleSuggestion[] {
  const out = suggestions.slice();
  const byRole = new Map<ColumnRole, number[]>();
  out.forEach((s, i) => {
    if (given[i] || !PERSON_ROLES.has(s.role) || s.role === 'address_line') return;
    byRole.set(s.role, [...(byRole.get(s.role) ?? []), i]);
  });
  for (const [, columns] of byRole) {
    if (columns.length < 2) continue;
    const rank = (i: number): number => {
      const key = headerKey(headers[i] ?? '');
      return (PRIMARY.test(key) ? 2 : 0) - (SECONDARY.test(key) ? 2 : 0);
    };
    const best = Math.max(...columns.map(rank));
    for (const i of columns) {
      if (rank(i) < best && rank(i) < 0) out[i] = { role: 'ignore', confidence: 0.6 };
    }
    // Names only: other fields have their own settling (a second date of birth is an event's date).
    const equals = columns.filter((i) => rank(i) === best && PERSON_NAME_ROLES.has(out[i]?.role ?? 'ignore') && (out[i]?.confidence ?? 0) >= HEADED);
    const surest = Math.max(...equals.map((i) => out[i]?.confidence ?? 0));
    for (const i of equals) {
      const s = out[i];
      if (!s || s.confidence > surest - PLAINER_BY) continue;
      const plain = equals.find((j) => (out[j]?.confidence ?? 0) === surest) ?? i;
      out[i] = { role: 'ignore', confidence: 0.6, reason: `${headers[plain] ?? 'another column'} names the ${s.role.replace(/_/g, ' ')} more plainly: kept, not used` };
    }
  }
  return out;
}
