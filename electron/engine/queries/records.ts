import type { QuarantineRow, RecordColumn, RecordRow, RecordsPageRequest, SourceRow } from '../../../shared/ipc/contract.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { SourceKind } from '../../../shared/domain/record-fields.js';
import type { Db } from '../store/database.js';

// Grid columns → SQL expressions. Only these names ever reach the SQL text; values are bound.
const COLUMN_SQL: Record<RecordColumn, string> = {
  id: 'r.id',
  source: 's.file_name',
  sheet: 'sh.sheet',
  rowNumber: 'w.row_number',
  forename: 'r.forename',
  surname: 'r.surname',
  dob: 'r.dob',
  sex: 'r.sex',
  address: 'r.address',
  postcode: 'r.postcode',
  uprn: 'r.uprn',
  nhsNumber: 'r.nhs_number',
  nino: 'r.nino',
  upn: 'r.upn',
};

const FROM = `FROM record r
  JOIN raw_row w ON w.id = r.raw_row_id
  JOIN source s ON s.id = r.source_id
  JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal`;

const escapeLike = (v: string): string => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of records; `partner` limits it to that partner organisation's sources. */
export function recordsPage(db: Db, req: RecordsPageRequest, partner: string | null = null): { rows: RecordRow[]; total: number } {
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (partner !== null) {
    where.push('s.partner = ?');
    params.push(partner);
  }
  if (req.sourceId !== undefined) {
    where.push('r.source_id = ?');
    params.push(req.sourceId);
  }
  if (req.problemsOnly) where.push("r.problems_json <> '[]'");
  for (const f of req.filters) {
    if (!f.contains) continue;
    where.push(`${COLUMN_SQL[f.column]} LIKE ? ESCAPE '\\'`);
    params.push(`%${escapeLike(f.contains)}%`);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const order = [...req.sort.map((s) => `${COLUMN_SQL[s.column]} ${s.direction === 'desc' ? 'DESC' : 'ASC'}`), 'r.id ASC'].join(', ');
  const limit = Math.min(req.endRow - req.startRow, 1000);
  const rows = db
    .prepare(
      `SELECT r.id, s.file_name AS source, sh.sheet, w.row_number AS rowNumber, r.forename, r.surname, r.dob, r.sex,
              r.address, r.postcode, r.uprn, r.nhs_number AS nhsNumber, r.nino, r.upn, r.problems_json
       ${FROM} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, req.startRow) as Array<Omit<RecordRow, 'problems'> & { problems_json: string }>;
  const total = (db.prepare(`SELECT count(*) AS n ${FROM} ${whereSql}`).get(...params) as { n: number }).n;
  return { rows: rows.map(({ problems_json, ...row }) => ({ ...row, problems: JSON.parse(problems_json) as string[] })), total };
}

/** The source, or `not-found` (also for a partner asking about another organisation's source). */
export function requireSource(db: Db, sourceId: number, partner: string | null): { id: number; fileName: string; partner: string } {
  const row = db.prepare('SELECT id, file_name, partner FROM source WHERE id = ?').get(sourceId) as { id: number; file_name: string; partner: string } | undefined;
  if (!row || (partner !== null && row.partner !== partner)) throw new WorkbenchError('not-found', `There is no source ${sourceId}.`);
  return { id: row.id, fileName: row.file_name, partner: row.partner };
}

/** Each sheet's headers, by ordinal. */
export function sourceSheets(db: Db, sourceId: number): Array<{ ordinal: number; sheet: string; headers: string[] }> {
  const rows = db.prepare('SELECT ordinal, sheet, headers_json FROM source_sheet WHERE source_id = ? ORDER BY ordinal').all(sourceId) as Array<{ ordinal: number; sheet: string; headers_json: string }>;
  return rows.map((r) => ({ ordinal: r.ordinal, sheet: r.sheet, headers: JSON.parse(r.headers_json) as string[] }));
}

/** One page of a source's quarantined rows with their reasons and original cells. */
export function quarantinePage(db: Db, sourceId: number, startRow: number, endRow: number): { rows: QuarantineRow[]; total: number } {
  const names = new Map(sourceSheets(db, sourceId).map((s) => [s.ordinal, s.sheet]));
  const limit = Math.min(endRow - startRow, 1000);
  const rows = db
    .prepare(
      `SELECT id, sheet_ordinal, row_number, reason, cells_json FROM raw_row
       WHERE source_id = ? AND status = 'quarantine' ORDER BY sheet_ordinal, row_number LIMIT ? OFFSET ?`,
    )
    .all(sourceId, limit, startRow) as Array<{ id: number; sheet_ordinal: number; row_number: number; reason: string | null; cells_json: string }>;
  const total = (db.prepare("SELECT count(*) AS n FROM raw_row WHERE source_id = ? AND status = 'quarantine'").get(sourceId) as { n: number }).n;
  return {
    rows: rows.map((r) => ({
      id: r.id,
      sheet: names.get(r.sheet_ordinal) ?? '',
      rowNumber: r.row_number,
      reason: r.reason ?? 'quarantined',
      cells: JSON.parse(r.cells_json) as Array<string | null>,
    })),
    total,
  };
}

export function listSources(db: Db, today = new Date().toISOString().slice(0, 10)): SourceRow[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.file_name, s.sha256, s.partner, s.kind, s.as_of, s.as_of_basis, s.imported_at, s.rows, s.records, s.structure, s.quarantined,
              s.dropped_columns_json, s.dsa_ref, s.lawful_basis, s.retention_until,
              (SELECT json_group_array(sheet) FROM source_sheet WHERE source_id = s.id ORDER BY ordinal) AS sheets
       FROM source s ORDER BY s.id`,
    )
    .all() as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: Number(r.id),
    fileName: String(r.file_name),
    sha256: String(r.sha256),
    partner: String(r.partner),
    kind: r.kind as SourceKind,
    asOf: String(r.as_of),
    asOfBasis: (r.as_of_basis as string | null) ?? null,
    importedAt: String(r.imported_at),
    rows: Number(r.rows),
    records: Number(r.records),
    structure: Number(r.structure),
    quarantined: Number(r.quarantined),
    sheets: JSON.parse(String(r.sheets)) as string[],
    droppedColumns: JSON.parse(String(r.dropped_columns_json)) as string[],
    dsaRef: (r.dsa_ref as string | null) ?? null,
    lawfulBasis: (r.lawful_basis as string | null) ?? null,
    retentionUntil: (r.retention_until as string | null) ?? null,
    overdue: typeof r.retention_until === 'string' && r.retention_until < today,
  }));
}

/** Sources past their retention date (a partner counts only their own), without listing them all. */
export function countOverdueSources(db: Db, partner: string | null, today = new Date().toISOString().slice(0, 10)): number {
  const sql = 'SELECT count(*) AS n FROM source WHERE retention_until < ?' + (partner === null ? '' : ' AND partner = ?');
  const params = partner === null ? [today] : [today, partner];
  return (db.prepare(sql).get(...params) as { n: number }).n;
}
