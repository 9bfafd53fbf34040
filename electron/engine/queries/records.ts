import type { RecordColumn, RecordRow, RecordsPageRequest, SourceRow } from '../../../shared/ipc/contract.js';
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
              r.address, r.postcode, r.uprn, r.nhs_number AS nhsNumber, r.nino, r.upn
       ${FROM} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, req.startRow) as RecordRow[];
  const total = (db.prepare(`SELECT count(*) AS n ${FROM} ${whereSql}`).get(...params) as { n: number }).n;
  return { rows, total };
}

export function listSources(db: Db, today = new Date().toISOString().slice(0, 10)): SourceRow[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.file_name, s.sha256, s.partner, s.kind, s.as_of, s.imported_at, s.rows, s.records, s.structure, s.quarantined,
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
