// Loads every Record as a LinkRecord. One pass over `record ⋈ source` in raw mode (arrays, not
// objects, from SQLite); the raw postcode cell is read back from the verbatim row only where the
// normalised postcode is missing (non-UK codes such as FEBRL's), so UK data pays nothing for it.
import type { Db } from '../store/database.js';
import type { LinkRecord } from './types.js';

const SEX = new Set(['M', 'F', 'U']);

function hasColumn(db: Db, table: string, column: string): boolean {
  return (db.prepare(`SELECT count(*) AS n FROM pragma_table_info(?) WHERE name = ?`).get(table, column) as { n: number }).n > 0;
}

/** Every record (or only those in `only`), ordered by id. */
export function loadRecords(db: Db, only?: ReadonlySet<number>): LinkRecord[] {
  const rawPostcodeColumn = hasColumn(db, 'record', 'postcode_raw');
  const previousSurnameColumn = hasColumn(db, 'record', 'previous_surname');
  const otherIdColumn = hasColumn(db, 'record', 'other_id');
  const contactColumns = hasColumn(db, 'record', 'email');
  const stmt = db
    .prepare(
      `SELECT r.id, r.source_id, NULL, NULL, r.forename, r.middle_names, r.surname, r.dob, r.sex, r.postcode,
              ${rawPostcodeColumn ? 'r.postcode_raw' : 'NULL'}, r.address, r.uprn,
              r.nhs_number, r.nhs_number_valid, r.nino, r.nino_valid, r.upn, r.upn_valid, r.agency_ref, r.event_date,
              ${previousSurnameColumn ? 'r.previous_surname' : 'NULL'}, ${otherIdColumn ? 'r.other_id' : 'NULL'}, r.title,
              ${contactColumns ? 'r.email, r.phone' : 'NULL, NULL'}
       FROM record r
       ${only ? 'WHERE r.id IN (SELECT value FROM json_each(?))' : ''}
       ORDER BY r.id`,
    )
    .raw(true);
  const sources = new Map(
    (db.prepare('SELECT id, kind, as_of AS asOf FROM source').all() as Array<{ id: number; kind: string; asOf: string }>).map((s) => [s.id, s]),
  );
  const records: LinkRecord[] = [];
  const rows = (only ? stmt.iterate(JSON.stringify([...only])) : stmt.iterate()) as IterableIterator<unknown[]>;
  for (const row of rows) {
    const source = sources.get(row[1] as number);
    const sex = row[8] as string | null;
    const postcode = row[9] as string | null;
    records.push({
      id: row[0] as number,
      sourceId: row[1] as number,
      sourceKind: source?.kind ?? 'other',
      asOf: source?.asOf ?? '',
      forename: row[4] as string | null,
      middleNames: row[5] as string | null,
      surname: row[6] as string | null,
      dob: row[7] as string | null,
      sex: sex && SEX.has(sex) ? (sex as 'M' | 'F' | 'U') : null,
      postcode,
      postcodeRaw: (row[10] as string | null) ?? postcode,
      address: row[11] as string | null,
      uprn: row[12] as string | null,
      nhsNumber: row[14] ? (row[13] as string | null) : null,
      nino: row[16] ? (row[15] as string | null) : null,
      upn: row[18] ? (row[17] as string | null) : null,
      agencyRef: row[19] as string | null,
      eventDate: row[20] as string | null,
      previousSurname: row[21] as string | null,
      otherId: row[22] as string | null,
      title: row[23] as string | null,
      email: row[24] as string | null,
      phone: row[25] as string | null,
    });
  }
  if (!rawPostcodeColumn) fillRawPostcodes(db, records);
  return records;
}

/** For records with no valid UK postcode, the postcode cell as given (from the kept raw row). */
function fillRawPostcodes(db: Db, records: LinkRecord[]): void {
  const columns = new Map<string, number[]>();
  for (const row of db.prepare('SELECT source_id, ordinal, roles_json FROM source_sheet').all() as Array<{ source_id: number; ordinal: number; roles_json: string }>) {
    const roles = JSON.parse(row.roles_json) as string[];
    const cols = roles.flatMap((role, i) => (role === 'postcode' ? [i] : []));
    if (cols.length > 0) columns.set(`${row.source_id}:${row.ordinal}`, cols);
  }
  if (columns.size === 0) return;
  const byId = new Map<number, LinkRecord>();
  for (const r of records) if (!r.postcode) byId.set(r.id, r);
  if (byId.size === 0) return;
  const stmt = db
    .prepare(
      `SELECT r.id, w.source_id, w.sheet_ordinal, w.cells_json FROM record r JOIN raw_row w ON w.id = r.raw_row_id
       WHERE r.postcode IS NULL ORDER BY r.id`,
    )
    .raw(true);
  for (const [id, sourceId, ordinal, cellsJson] of stmt.iterate() as IterableIterator<[number, number, number, string]>) {
    const cols = columns.get(`${sourceId}:${ordinal}`);
    const record = byId.get(id);
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
