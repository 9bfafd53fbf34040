// Bench-only loader: LinkRecords from a store joined to a demo's truth.csv, so the household
// stage can be scored with perfect person matching. Kept here (not in the engine) until the
// person stage's load-records.ts is the shared loader.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Store } from '../../../electron/engine/store/store.js';
import type { LinkRecord } from '../../../electron/engine/link/types.js';

export interface TruthRecords {
  records: LinkRecord[];
  /** truth person id per record */
  personIds: string[];
  /** truth household id per record (the person's household at the latest as-of date) */
  householdIds: string[];
}

interface Row {
  id: number;
  sourceId: number;
  kind: string;
  asOf: string;
  file: string;
  sheet: string;
  rowNumber: number;
  forename: string | null;
  middleNames: string | null;
  surname: string | null;
  dob: string | null;
  sex: string | null;
  postcode: string | null;
  address: string | null;
  uprn: string | null;
  nhs: string | null;
  nhsValid: number;
  nino: string | null;
  ninoValid: number;
  upn: string | null;
  upnValid: number;
  agencyRef: string | null;
  eventDate: string | null;
}

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function loadTruthRecords(dbPath: string, truthDir: string, passphrase: string, cachePath?: string): TruthRecords {
  if (cachePath && existsSync(cachePath)) return JSON.parse(readFileSync(cachePath, 'utf8')) as TruthRecords;
  const truth = new Map<string, [string, string]>();
  const lines = readFileSync(`${truthDir}/truth.csv`, 'utf8').split(/\r?\n/);
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const [file, sheet, row, person, household] = parseCsvLine(line);
    truth.set(`${file}\u0000${sheet}\u0000${row}`, [person!, household!]);
  }
  const store = Store.unlock(dbPath, passphrase);
  try {
    const rows = store.reader
      .prepare(
        `SELECT r.id AS id, r.source_id AS sourceId, s.kind AS kind, s.as_of AS asOf, s.file_name AS file, sh.sheet AS sheet,
                w.row_number AS rowNumber, r.forename AS forename, r.middle_names AS middleNames, r.surname AS surname,
                r.dob AS dob, r.sex AS sex, r.postcode AS postcode, r.address AS address, r.uprn AS uprn,
                r.nhs_number AS nhs, r.nhs_number_valid AS nhsValid, r.nino AS nino, r.nino_valid AS ninoValid,
                r.upn AS upn, r.upn_valid AS upnValid, r.agency_ref AS agencyRef, r.event_date AS eventDate
         FROM record r
         JOIN raw_row w ON w.id = r.raw_row_id
         JOIN source s ON s.id = r.source_id
         JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal
         ORDER BY r.id`,
      )
      .all() as Row[];
    const out: TruthRecords = { records: [], personIds: [], householdIds: [] };
    let missing = 0;
    for (const r of rows) {
      const t = truth.get(`${r.file}\u0000${r.sheet}\u0000${r.rowNumber}`);
      if (!t) {
        missing++;
        continue;
      }
      out.records.push({
        id: r.id,
        sourceId: r.sourceId,
        sourceKind: r.kind,
        asOf: r.asOf,
        forename: r.forename,
        middleNames: r.middleNames,
        surname: r.surname,
        dob: r.dob,
        sex: r.sex === 'M' || r.sex === 'F' || r.sex === 'U' ? r.sex : null,
        postcode: r.postcode,
        postcodeRaw: r.postcode,
        address: r.address,
        uprn: r.uprn,
        nhsNumber: r.nhsValid ? r.nhs : null,
        nino: r.ninoValid ? r.nino : null,
        upn: r.upnValid ? r.upn : null,
        agencyRef: r.agencyRef,
        eventDate: r.eventDate,
      });
      out.personIds.push(t[0]);
      out.householdIds.push(t[1]);
    }
    if (missing) process.stderr.write(`warning: ${missing} records had no truth row\n`);
    if (cachePath) writeFileSync(cachePath, JSON.stringify(out));
    return out;
  } finally {
    store.close();
  }
}
