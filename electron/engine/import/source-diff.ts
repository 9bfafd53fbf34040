// Re-import diff: a partner's new extract against their previous Source of the same kind. Rows
// are keyed by the agency's reference where both extracts map one on that sheet, else by the
// person (normalised names and date of birth); a key whose normalised content differs is
// "changed". Worked out from the stored records, so it is there later too (`source diff ID`).
// Reports row numbers and field names, never values.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Db } from '../store/database.js';

export interface DiffRow {
  sheet: string;
  /** Row in the new extract (null for a gone row). */
  row: number | null;
  /** Row in the previous extract (null for a new row). */
  previousRow: number | null;
  /** For a changed row: which fields differ. */
  fields: string[];
  /** Who, for analysts only ("Forename SURNAME"): absent for everyone else. */
  name?: string;
}

export interface SourceDiff {
  sourceId: number;
  previousSourceId: number;
  previousFileName: string;
  /** How rows were paired, per sheet. */
  keyedBy: Array<{ sheet: string; key: 'agency reference' | 'name and date of birth' }>;
  new: number;
  changed: number;
  gone: number;
  unchanged: number;
  /** This source's records (= new + changed + unchanged) and the previous one's (= gone + changed + unchanged). */
  records: number;
  previousRecords: number;
  /** The first rows of each kind (up to `examples` each). */
  examples: { new: DiffRow[]; changed: DiffRow[]; gone: DiffRow[] };
}

/** Compared fields: the record's normalised values, then its events. */
const FIELDS = [
  ['forename', 'forename'], ['middle_names', 'middle names'], ['surname', 'surname'], ['title', 'title'], ['dob', 'date of birth'],
  ['age', 'age'], ['sex', 'sex'], ['address', 'address'], ['postcode', 'postcode'], ['uprn', 'UPRN'], ['nhs_number', 'NHS number'],
  ['nino', 'NI number'], ['upn', 'UPN'], ['event_date', 'event date'],
] as const;

/** A row as the diff holds it: where it is and one string for everything compared. */
interface Row {
  id: number;
  sheet: string;
  row_number: number;
  content: string;
}

/**
 * The source's records grouped by diff key, each reduced in SQL to one content string (its
 * compared fields, then its events in a stable order): two 300k-row extracts are compared without
 * materialising every field of every row.
 */
function groupedRows(db: Db, sourceId: number, keyOf: (sheet: string, ref: string | null, person: string | null) => string | null): Map<string, Row[]> {
  const fields = FIELDS.map(([c]) => `coalesce(r.${c}, '')`).join(" || char(2) || ");
  const rows = db
    .prepare(
      `SELECT r.id, sh.sheet, w.row_number, coalesce(r.agency_ref, r.person_ref), r.surname_key, r.forename_key, r.dob,
              ${fields} || char(3) || coalesce(ev.list, '') AS content
       FROM record r JOIN raw_row w ON w.id = r.raw_row_id
       JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal
       LEFT JOIN (SELECT record_id,
                         group_concat(json_array(kind, category, start_date, end_date, value, detail_json), char(1)
                                      ORDER BY kind, start_date, category, id) AS list
                  FROM event WHERE source_id = ? GROUP BY record_id) ev ON ev.record_id = r.id
       WHERE r.source_id = ? ORDER BY w.sheet_ordinal, w.row_number`,
    )
    .raw()
    .iterate(sourceId, sourceId) as IterableIterator<[number, string, number, string | null, string | null, string | null, string | null, string]>;
  const groups = new Map<string, Row[]>();
  for (const [id, sheet, rowNumber, ref, surnameKey, forenameKey, dob, content] of rows) {
    const person = surnameKey || forenameKey ? `${surnameKey ?? ''}|${forenameKey ?? ''}|${dob ?? ''}` : null;
    // A row with neither a reference nor a name is keyed by what it holds: the same row next month is unchanged.
    const key = keyOf(sheet, ref, person) ?? `${sheet}\u0000content|${content.toUpperCase()}`;
    // Case is not content: "SMITH" and "Smith" are the same name.
    const row: Row = { id, sheet, row_number: rowNumber, content: content.toUpperCase() };
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Which compared fields differ between two records (for the examples only). */
function changedFields(db: Db, before: Row, after: Row): string[] {
  const columns = FIELDS.map(([c]) => c).join(', ');
  const read = db.prepare(`SELECT ${columns} FROM record WHERE id = ?`).raw();
  const a = read.get(before.id) as Array<string | number | null>;
  const b = read.get(after.id) as Array<string | number | null>;
  const norm = (v: string | number | null | undefined): string => (typeof v === 'string' ? v.toUpperCase() : String(v ?? ''));
  const fields: string[] = FIELDS.flatMap(([, label], i) => (norm(a[i]) !== norm(b[i]) ? [label] : []));
  const eventsOf = (row: Row): string => row.content.slice(row.content.indexOf('\u0003'));
  if (eventsOf(before) !== eventsOf(after)) fields.push('events');
  return fields;
}

/** Sheets that map an agency reference or the partner's number for the person (which keyed them before it had a role of its own), from the stored roles. */
function refSheets(db: Db, sourceId: number): Set<string> {
  const rows = db.prepare('SELECT sheet, roles_json FROM source_sheet WHERE source_id = ?').all(sourceId) as Array<{ sheet: string; roles_json: string }>;
  return new Set(rows.filter((r) => (JSON.parse(r.roles_json) as string[]).some((role) => role === 'agency_ref' || role === 'person_ref')).map((r) => r.sheet));
}

/** The source this one follows: the latest earlier import of the same partner and kind. */
export function previousSourceOf(db: Db, sourceId: number): { id: number; fileName: string } | null {
  const row = db
    .prepare(
      `SELECT p.id, p.file_name FROM source s JOIN source p ON p.partner = s.partner AND p.kind = s.kind AND p.id < s.id
       WHERE s.id = ? ORDER BY p.id DESC LIMIT 1`,
    )
    .get(sourceId) as { id: number; file_name: string } | undefined;
  return row ? { id: row.id, fileName: row.file_name } : null;
}


/** new / changed / gone rows of `sourceId` against `previousId` (default: its previous source); null when it has none. */
/** A record's name as an analyst reads it, "Forename SURNAME" (or its row when it has none). */
function nameReader(db: Db): (recordId: number) => string {
  const read = db.prepare('SELECT forename, surname FROM record WHERE id = ?');
  return (id) => {
    const r = read.get(id) as { forename: string | null; surname: string | null } | undefined;
    const name = [r?.forename, r?.surname?.toUpperCase()].filter(Boolean).join(' ');
    return name || '(no name)';
  };
}

export function diffSources(db: Db, sourceId: number, options: { previousId?: number; examples?: number; names?: boolean } = {}): SourceDiff | null {
  const exists = db.prepare('SELECT 1 FROM source WHERE id = ?').get(sourceId);
  if (!exists) throw new WorkbenchError('not-found', `There is no source ${sourceId}.`);
  let previous: { id: number; fileName: string } | null;
  if (options.previousId === undefined) previous = previousSourceOf(db, sourceId);
  else {
    const row = db.prepare('SELECT id, file_name FROM source WHERE id = ?').get(options.previousId) as { id: number; file_name: string } | undefined;
    if (!row) throw new WorkbenchError('not-found', `There is no source ${options.previousId}.`);
    previous = { id: row.id, fileName: row.file_name };
  }
  if (!previous) return null;
  const limit = options.examples ?? 20;
  const nowRefs = refSheets(db, sourceId);
  const thenRefs = refSheets(db, previous.id);
  const keyOf = (sheet: string, ref: string | null, person: string | null): string | null => {
    const byRef = nowRefs.has(sheet) && thenRefs.has(sheet);
    const k = byRef ? (ref ? `ref|${ref.trim().toUpperCase()}` : null) : person;
    return k === null ? null : `${sheet}\u0000${k}`;
  };
  const now = groupedRows(db, sourceId, keyOf);
  const then = groupedRows(db, previous.id, keyOf);
  const content = (r: Row): string => r.content;
  const diff: SourceDiff = {
    sourceId,
    previousSourceId: previous.id,
    previousFileName: previous.fileName,
    keyedBy: [...new Set([...now.values(), ...then.values()].flatMap((rows) => rows.map((r) => r.sheet)))].map((sheet) => ({
      sheet,
      key: nowRefs.has(sheet) && thenRefs.has(sheet) ? 'agency reference' : 'name and date of birth',
    })),
    new: 0,
    changed: 0,
    gone: 0,
    unchanged: 0,
    records: 0,
    previousRecords: 0,
    examples: { new: [], changed: [], gone: [] },
  };
  // Row by row within each key: identical rows pair first (unchanged), then the rest pair in
  // order (changed); what is left is new or gone. So the counts reconcile exactly:
  // new + changed + unchanged = this source's records, gone + changed + unchanged = the previous's.
  const gone: Row[] = [];
  const fresh: Row[] = [];
  const changed: Array<[Row, Row, boolean]> = [];
  for (const [key, rows] of now) {
    const before = (then.get(key) ?? []).slice();
    const left: Row[] = [];
    for (const r of rows) {
      const same = before.findIndex((b) => b.content === r.content);
      if (same >= 0) {
        before.splice(same, 1);
        diff.unchanged++;
      } else left.push(r);
    }
    const counted = rows.length !== (then.get(key)?.length ?? 0);
    left.forEach((r, i) => {
      const old = before[i];
      if (old) changed.push([old, r, counted]);
      else fresh.push(r);
    });
    gone.push(...before.slice(left.length));
  }
  for (const [key, rows] of then) if (!now.has(key)) gone.push(...rows);
  diff.new = fresh.length;
  diff.changed = changed.length;
  diff.gone = gone.length;
  diff.records = diff.new + diff.changed + diff.unchanged;
  diff.previousRecords = diff.gone + diff.changed + diff.unchanged;
  const named = options.names ? nameReader(db) : null;
  const withName = (row: DiffRow, id: number): DiffRow => (named ? { ...row, name: named(id) } : row);
  const byRow = (a: Row, b: Row): number => a.sheet.localeCompare(b.sheet) || a.row_number - b.row_number;
  diff.examples.new = fresh.sort(byRow).slice(0, limit).map((r) => withName({ sheet: r.sheet, row: r.row_number, previousRow: null, fields: [] }, r.id));
  diff.examples.gone = gone.sort(byRow).slice(0, limit).map((r) => withName({ sheet: r.sheet, row: null, previousRow: r.row_number, fields: [] }, r.id));
  diff.examples.changed = changed
    .sort((x, y) => byRow(x[1], y[1]))
    .slice(0, limit)
    .map(([old, r, counted]) => {
      const fields = changedFields(db, old, r);
      if (counted) fields.push('number of rows');
      return withName({ sheet: r.sheet, row: r.row_number, previousRow: old.row_number, fields }, r.id);
    });
  return diff;
}
