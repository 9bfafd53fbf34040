// Loads every Record as a LinkRecord. One pass over `record ⋈ source` in raw mode (arrays, not
// objects, from SQLite); the raw postcode cell is read back from the verbatim row only where the
// normalised postcode is missing (non-UK codes such as FEBRL's), so UK data pays nothing for it.
import type { Db } from '../store/database.js';
import type { AddressParts, LinkRecord } from './types.js';
import { birthFromAge } from './dob-year.js';
import { fillPersonDetails } from './load-person-details.js';
import { fillRelatives } from './load-relatives.js';

const SEX = new Set(['M', 'F', 'U']);

function hasColumn(db: Db, table: string, column: string): boolean {
  return (db.prepare(`SELECT count(*) AS n FROM pragma_table_info(?) WHERE name = ?`).get(table, column) as { n: number }).n > 0;
}

const ADDRESS_PARTS = ['addr_flat', 'addr_number', 'addr_name', 'addr_street', 'addr_locality', 'addr_town'] as const;
const SEP = '\u001f';

/**
 * The importer's address parts as one text (parts joined by a unit separator), NULL when none
 * is stored: one value to read and to intern, not six.
 */
function addressPartsColumn(db: Db): string {
  if (!hasColumn(db, 'record', 'addr_flat')) return 'NULL';
  return `CASE WHEN coalesce(${ADDRESS_PARTS.map((c) => `r.${c}`).join(', ')}) IS NULL THEN NULL ELSE ${ADDRESS_PARTS.map((c) => `ifnull(r.${c}, '')`).join(` || char(31) || `)} END`;
}

/** Parts read back from addressPartsColumn's text ('' was NULL). */
export function partsOf(joined: string): AddressParts {
  const [flat, number, name, street, locality, town] = joined.split(SEP).map((v) => (v === '' ? null : v)) as Array<string | null>;
  return { flat: flat ?? null, number: number ?? null, name: name ?? null, street: street ?? null, locality: locality ?? null, town: town ?? null };
}

/**
 * The columns loaded, by name, with the SQL that reads each (older stores lack some columns: NULL).
 * Rows come back as arrays (raw mode, for speed over millions of records) and are read by these
 * names' positions, never by bare numbers.
 */
function recordColumns(db: Db) {
  const optional = (column: string): string => (hasColumn(db, 'record', column) ? `r.${column}` : 'NULL');
  return {
    id: 'r.id',
    sourceId: 'r.source_id',
    forename: 'r.forename',
    middleNames: 'r.middle_names',
    surname: 'r.surname',
    dob: 'r.dob',
    dobYear: optional('dob_year'),
    // an age only where no date of birth is stored: it stands in for the year (birthFromAge)
    ageWithoutDob: 'CASE WHEN r.dob IS NULL THEN r.age END',
    sex: 'r.sex',
    postcode: 'r.postcode',
    postcodeRaw: optional('postcode_raw'),
    address: 'r.address',
    addressParts: addressPartsColumn(db),
    uprn: 'r.uprn',
    nhsNumber: 'r.nhs_number',
    nhsNumberValid: 'r.nhs_number_valid',
    nino: 'r.nino',
    ninoValid: 'r.nino_valid',
    upn: 'r.upn',
    upnValid: 'r.upn_valid',
    agencyRef: 'r.agency_ref',
    personRef: optional('person_ref'),
    eventDate: 'r.event_date',
    previousSurname: optional('previous_surname'),
    otherId: optional('other_id'),
    title: 'r.title',
    email: optional('email'),
    phone: optional('phone'),
    // the raw row of a record without a UK postcode, where no raw postcode column is stored: its
    // cell is read from there after the scan (fillRawPostcodes), straight by the raw row's id
    rawRowId: hasColumn(db, 'record', 'postcode_raw') ? 'NULL' : 'CASE WHEN r.postcode IS NULL THEN r.raw_row_id END',
  } as const;
}

/**
 * Every record (or only those in `only`), ordered by id. `onRecord` sees each record as it is
 * built, with its stored address parts as one text (front-thread.ts prepares them meanwhile);
 * raw postcodes, tenancies and person details are filled in afterwards — tenancies not with
 * `tenanciesLater` (the caller fills them with fillTenancies while the worker finishes: only the
 * household stage reads them).
 */
export function loadRecords(
  db: Db,
  only?: ReadonlySet<number>,
  onRecord?: (r: LinkRecord, joinedParts: string | null) => void,
  tenanciesLater = false,
): LinkRecord[] {
  const columns = recordColumns(db);
  const names = Object.keys(columns) as Array<keyof typeof columns>;
  const at = Object.fromEntries(names.map((name, index) => [name, index])) as { readonly [K in keyof typeof columns]: number };
  const stmt = db
    .prepare(
      `SELECT ${names.map((name) => columns[name]).join(', ')}
       FROM record r
       ${only ? 'WHERE r.id IN (SELECT value FROM json_each(?))' : ''}
       ORDER BY r.id`,
    )
    .raw(true);
  const sources = new Map(
    (db.prepare('SELECT id, kind, partner, as_of AS asOf FROM source').all() as Array<{ id: number; kind: string; partner: string; asOf: string }>).map((s) => [s.id, s]),
  );
  const records: LinkRecord[] = [];
  // one parts object per distinct stored address: household members share theirs, and the
  // linker's stages key their work on it
  const partsByText = new Map<string, AddressParts>();
  const rows = (only ? stmt.iterate(JSON.stringify([...only])) : stmt.iterate()) as IterableIterator<unknown[]>;
  const text = (row: unknown[], column: number): string | null => row[column] as string | null;
  const rawRows = new Map<number, LinkRecord>();
  for (const row of rows) {
    const sourceId = row[at.sourceId] as number;
    const source = sources.get(sourceId);
    const sex = text(row, at.sex);
    const postcode = text(row, at.postcode);
    const joinedParts = text(row, at.addressParts);
    let addressParts: AddressParts | null = null;
    if (joinedParts !== null) {
      addressParts = partsByText.get(joinedParts) ?? null;
      if (!addressParts) partsByText.set(joinedParts, (addressParts = partsOf(joinedParts)));
    }
    const record: LinkRecord = {
      id: row[at.id] as number,
      sourceId,
      sourceKind: source?.kind ?? 'other',
      asOf: source?.asOf ?? '',
      partner: source?.partner ?? '',
      forename: text(row, at.forename),
      middleNames: text(row, at.middleNames),
      surname: text(row, at.surname),
      dob: text(row, at.dob),
      dobYear: row[at.dobYear] as number | null,
      sex: sex && SEX.has(sex) ? (sex as 'M' | 'F' | 'U') : null,
      postcode,
      postcodeRaw: text(row, at.postcodeRaw) ?? postcode,
      address: text(row, at.address),
      addressParts,
      uprn: text(row, at.uprn),
      // An identifier counts only where its check digit passed at import.
      nhsNumber: row[at.nhsNumberValid] ? text(row, at.nhsNumber) : null,
      nino: row[at.ninoValid] ? text(row, at.nino) : null,
      upn: row[at.upnValid] ? text(row, at.upn) : null,
      agencyRef: text(row, at.agencyRef),
      personRef: text(row, at.personRef),
      eventDate: text(row, at.eventDate),
      previousSurname: text(row, at.previousSurname),
      otherId: text(row, at.otherId),
      title: text(row, at.title),
      email: text(row, at.email),
      phone: text(row, at.phone),
    };
    const age = row[at.ageWithoutDob] as number | null;
    if (age !== null && record.dobYear === null) {
      const birth = birthFromAge(age, record.eventDate ?? (record.asOf || null));
      if (birth) {
        record.dobYear = birth.year;
        record.bornBy = birth.bornBy;
      }
    }
    records.push(record);
    const rawRowId = row[at.rawRowId] as number | null;
    if (rawRowId !== null) rawRows.set(rawRowId, record);
    if (onRecord) onRecord(record, joinedParts);
  }
  fillRawPostcodes(db, rawRows);
  if (!tenanciesLater) fillTenancies(db, records);
  fillPersonDetails(db, records);
  fillRelatives(db, records);
  return records;
}

/**
 * Tenancy dates (the event table's 'tenancy' rows: the earliest start, the latest end, as SQL's
 * min and max would give them), one pass by source and kind (the event_source index), so only
 * tenancy rows are read, not every event. The rows are not grouped or sorted in SQL (that sort
 * cost more than the read): each finds its record by id, and a record's dates fold here.
 */
export function fillTenancies(db: Db, records: LinkRecord[]): void {
  const hasEvents = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'event'").get() as { n: number }).n > 0;
  if (!hasEvents) return;
  const rows = db
    .prepare("SELECT record_id, start_date, end_date FROM event WHERE source_id IN (SELECT id FROM source) AND kind = 'tenancy'")
    .raw(true)
    .iterate() as IterableIterator<[number, string | null, string | null]>;
  const seen = new Uint8Array(records.length);
  let k = 0;
  for (const [id, start, end] of rows) {
    // a home's rows come together and in record order as imported: look the id up only on a change
    if (records[k]?.id !== id) k = indexOfId(records, id);
    if (k < 0) {
      k = 0;
      continue;
    }
    const record = records[k] as LinkRecord;
    if (!seen[k]) {
      seen[k] = 1;
      record.tenancyStart = start;
      record.tenancyEnd = end;
      continue;
    }
    if (start !== null && (record.tenancyStart == null || sqlBefore(start, record.tenancyStart))) record.tenancyStart = start;
    if (end !== null && (record.tenancyEnd == null || sqlBefore(record.tenancyEnd, end))) record.tenancyEnd = end;
  }
}

/** The index of the record with this id in `records` (ordered by id), −1 if none. */
function indexOfId(records: readonly LinkRecord[], id: number): number {
  let lo = 0;
  let hi = records.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = (records[mid] as LinkRecord).id;
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * a < b in SQLite's BINARY order (bytes of UTF-8). JavaScript's < compares UTF-16 units, which
 * orders the same except between a surrogate pair and U+E000–U+FFFF: only there are bytes compared.
 */
export function sqlBefore(a: string, b: string): boolean {
  if (/[\uD800-\uFFFF]/.test(a) || /[\uD800-\uFFFF]/.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;
  return a < b;
}

/** For records with no valid UK postcode, the postcode cell as given (from the kept raw row, by its id). */
function fillRawPostcodes(db: Db, byRawRow: ReadonlyMap<number, LinkRecord>): void {
  if (byRawRow.size === 0) return;
  const columns = new Map<string, number[]>();
  for (const row of db.prepare('SELECT source_id, ordinal, roles_json FROM source_sheet').all() as Array<{ source_id: number; ordinal: number; roles_json: string }>) {
    const roles = JSON.parse(row.roles_json) as string[];
    const cols = roles.flatMap((role, i) => (role === 'postcode' ? [i] : []));
    if (cols.length > 0) columns.set(`${row.source_id}:${row.ordinal}`, cols);
  }
  if (columns.size === 0) return;
  // only those rows, by id: a second scan of the whole record table costs as much as loading
  // it, and a lookup through each record's row again pages the record table in a second time
  const stmt = db.prepare('SELECT w.id, w.source_id, w.sheet_ordinal, w.cells_json FROM json_each(?) AS k JOIN raw_row w ON w.id = k.value').raw(true);
  for (const [id, sourceId, ordinal, cellsJson] of stmt.iterate(JSON.stringify([...byRawRow.keys()])) as IterableIterator<[number, number, number, string]>) {
    const cols = columns.get(`${sourceId}:${ordinal}`);
    const record = byRawRow.get(id);
    if (!cols || !record) continue;
    const cells = JSON.parse(cellsJson) as Array<string | null>;
    for (const c of cols) {
      const v = cells[c];
      if (typeof v === 'string' && v.trim()) {
        record.postcodeRaw = v.replace(/\s+/g, ' ').trim();
        break;
      }
    }
  }
}
