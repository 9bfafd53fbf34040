// Re-mapping a source (issue 3 item 8): the user fixes the mapping and the stored rows are read
// again, no file needed (DESIGN.md §2: every kept cell is stored verbatim, so records and events
// can be rebuilt from raw rows). Rows stay rows: a record that is still a record keeps its ID (so
// person IDs stay stable on the next matching run), a row that now reads is added, a record that
// no longer reads is quarantined with its reason and goes with its events and linkage rows.
import { COLUMN_ROLES, SOURCE_KINDS, type ColumnRole, type SourceKind } from '../../../shared/domain/record-fields.js';
import type { RemapSummary, SourceMappingSheet } from '../../../shared/ipc/channels/imports.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import type { Db } from '../store/database.js';
import { removeRecordLinkage } from '../store/purge.js';
import type { Store } from '../store/store.js';
import { REMAPPABLE_REASONS } from './build-record.js';
import { matchPreset, presetSheetFor } from './preset-match.js';
import { presetFor, presetNamed, type MappingPreset } from './presets.js';
import { RECORD_COLUMNS, rowBuilder } from './row-builder.js';
import { dateOrdersOf, SAMPLE_ROWS } from './table.js';
import { nameOrdersOf } from './name-order.js';

export interface RemapOptions {
  /** Roles per sheet name; sheets not named keep their roles. */
  mapping?: Record<string, ColumnRole[]>;
  /** A preset by name, or 'auto' (the latest for the source's partner and kind). Used without a mapping. */
  preset?: string;
  user: string;
  /** The organisation a partner session is limited to (null: every source). */
  partnerScope?: string | null;
}

interface SourceRow {
  id: number;
  file_name: string;
  partner: string;
  kind: string;
  as_of: string;
  imported_at: string;
  dropped_columns_json: string;
}

interface StoredSheet {
  ordinal: number;
  sheet: string;
  headerRow: number | null;
  headers: string[];
  roles: ColumnRole[];
}

const BATCH = 1000;
/** Rows under a header the table reader kept as data but could not read: a mapping can fix these. */
const REMAPPABLE = `(rr.status = 'record' OR (rr.status = 'quarantine' AND (${REMAPPABLE_REASONS.map((r) => `rr.reason ${r.endsWith('%') ? 'LIKE' : '='} '${r.replace(/'/g, "''")}'`).join(' OR ')})))`;

const isRole = (r: unknown): r is ColumnRole => typeof r === 'string' && (COLUMN_ROLES as readonly string[]).includes(r);

function requireSourceRow(db: Db, sourceId: number, scope: string | null): SourceRow {
  const row = db.prepare('SELECT id, file_name, partner, kind, as_of, imported_at, dropped_columns_json FROM source WHERE id = ?').get(sourceId) as SourceRow | undefined;
  if (!row || (scope !== null && row.partner !== scope)) throw new WorkbenchError('not-found', `There is no source ${sourceId}.`);
  return row;
}

function storedSheets(db: Db, sourceId: number): StoredSheet[] {
  const rows = db.prepare('SELECT ordinal, sheet, header_row, headers_json, roles_json FROM source_sheet WHERE source_id = ? ORDER BY ordinal').all(sourceId) as Array<{
    ordinal: number; sheet: string; header_row: number | null; headers_json: string; roles_json: string;
  }>;
  return rows.map((r) => {
    const headers = JSON.parse(r.headers_json) as string[];
    const roles = JSON.parse(r.roles_json) as unknown[];
    return { ordinal: r.ordinal, sheet: r.sheet, headerRow: r.header_row, headers, roles: headers.map((_, i) => (isRole(roles[i]) ? roles[i] : 'ignore')) };
  });
}

const columnLabel = (s: StoredSheet, i: number): string => {
  const header = s.headers[i] || `column ${i + 1}`;
  return s.sheet ? `${s.sheet}: ${header}` : header;
};

const kindOf = (kind: string): SourceKind => ((SOURCE_KINDS as readonly string[]).includes(kind) ? (kind as SourceKind) : 'other');

/** A sheet's first data rows' cells, for the date order and the mapping screen's samples. */
function sampleCells(db: Db, sourceId: number, ordinal: number, limit: number): Array<Array<string | null>> {
  const rows = db
    .prepare(`SELECT rr.cells_json FROM raw_row rr WHERE rr.source_id = ? AND rr.sheet_ordinal = ? AND ${REMAPPABLE} ORDER BY rr.row_number LIMIT ?`)
    .all(sourceId, ordinal, limit) as Array<{ cells_json: string }>;
  return rows.map((r) => JSON.parse(r.cells_json) as Array<string | null>);
}

/** The source's sheets with their stored headers and current roles, for the mapping screen. */
export function sourceMapping(db: Db, sourceId: number, scope: string | null): { sourceId: number; fileName: string; records: number; quarantined: number; sheets: SourceMappingSheet[] } {
  const source = requireSourceRow(db, sourceId, scope);
  const counts = db.prepare('SELECT records, quarantined FROM source WHERE id = ?').get(sourceId) as { records: number; quarantined: number };
  const sheets = storedSheets(db, sourceId).map((s): SourceMappingSheet => {
    const dataRows = (db.prepare(`SELECT count(*) AS n FROM raw_row rr WHERE rr.source_id = ? AND rr.sheet_ordinal = ? AND ${REMAPPABLE}`).get(sourceId, s.ordinal) as { n: number }).n;
    const samples = s.headerRow === null ? [] : sampleCells(db, sourceId, s.ordinal, 100);
    return {
      sheet: s.sheet,
      headerRow: s.headerRow,
      dataRows,
      problem: s.headerRow === null ? 'No header row found: these rows cannot be read again with another mapping' : null,
      columns: s.headerRow === null ? [] : s.headers.map((header, index) => ({
        index,
        header,
        role: s.roles[index] ?? 'ignore',
        suggestedRole: s.roles[index] ?? 'ignore',
        confidence: 1,
        samples: samples.slice(0, 5).flatMap((cells) => (cells[index] ? [cells[index].slice(0, 60)] : [])),
        values: samples.flatMap((cells) => (cells[index] ? [cells[index].slice(0, 200)] : [])),
      })),
    };
  });
  return { sourceId, fileName: source.file_name, records: counts.records, quarantined: counts.quarantined, sheets };
}

function resolvePreset(db: Db, source: SourceRow, options: RemapOptions): MappingPreset | null {
  if (options.mapping) return null;
  const scope = options.partnerScope ?? null;
  if (options.preset !== undefined && options.preset !== 'auto') return presetNamed(db, options.preset, scope);
  const preset = presetFor(db, source.partner, kindOf(source.kind));
  if (!preset) throw new WorkbenchError('not-found', `No mapping preset is saved for ${source.partner} (${source.kind}); give a mapping or a preset name.`);
  return preset;
}

/** The roles each sheet is read with now; refuses a role for a column whose cells were never stored. */
function newRolesOf(sheets: StoredSheet[], options: RemapOptions, preset: MappingPreset | null): ColumnRole[][] {
  if (options.mapping) {
    const names = new Set(sheets.map((s) => s.sheet));
    for (const name of Object.keys(options.mapping)) {
      if (!names.has(name)) throw new WorkbenchError('bad-input', `This source has no sheet called "${name}".`);
    }
  }
  return sheets.map((s) => {
    if (s.headerRow === null) return s.roles;
    let wanted: ReadonlyArray<ColumnRole | undefined> = s.roles;
    const given = options.mapping && Object.prototype.hasOwnProperty.call(options.mapping, s.sheet) ? options.mapping[s.sheet] : undefined;
    if (given) wanted = given;
    else if (preset) wanted = matchPreset(presetSheetFor(preset.sheets, s.sheet, s.headers), s.sheet, s.headers, s.roles).roles;
    return s.headers.map((_, i) => {
      const role = wanted[i] ?? s.roles[i] ?? 'ignore';
      if (s.roles[i] !== 'drop' || role === 'drop' || role === 'ignore') return s.roles[i] === 'drop' ? 'drop' : role;
      throw new WorkbenchError(
        'bad-input',
        `Column "${columnLabel(s, i)}" was marked not needed when the file was imported, so its cells were never stored and it cannot be used now. Purge this source and import the file again to use it.`,
      );
    });
  });
}

/**
 * The year two-digit years were resolved against on import: the as-of date the user gave, else
 * the import day. A defaulted as-of is the import day or the latest event date up to it, so those
 * mean the import year (an as-of typed to equal either reads the same way).
 */
function importPivotYear(db: Db, source: SourceRow): number {
  const day = source.imported_at.slice(0, 10);
  const latest = (db.prepare('SELECT max(event_date) AS d FROM record WHERE source_id = ? AND event_date <= ?').get(source.id, day) as { d: string | null }).d;
  const defaulted = source.as_of === day || source.as_of === latest;
  return Number((defaulted ? day : source.as_of).slice(0, 4));
}

/** Every count the summary and the audit trail report. */
function countsOf(db: Db, sourceId: number): { records: number; quarantined: number } {
  const row = db.prepare("SELECT count(*) FILTER (WHERE status = 'record') AS records, count(*) FILTER (WHERE status = 'quarantine') AS quarantined FROM raw_row WHERE source_id = ?").get(sourceId) as {
    records: number; quarantined: number;
  };
  return { records: row.records, quarantined: row.quarantined };
}

/** Reads a source's stored rows again under a new mapping, in one transaction (cancel rolls it back). */
export async function remapSource(store: Store, sourceId: number, options: RemapOptions, job: JobContext): Promise<RemapSummary> {
  const db = store.writer;
  const source = requireSourceRow(db, sourceId, options.partnerScope ?? null);
  const preset = resolvePreset(db, source, options);
  const sheets = storedSheets(db, sourceId);
  const roles = newRolesOf(sheets, options, preset);
  // A birth date after the import day is flagged, and two-digit years resolve, as on import.
  const today = source.imported_at.slice(0, 10);
  const pivotYear = importPivotYear(db, source);
  const sourceKind = kindOf(source.kind);
  const before = countsOf(db, sourceId);
  const total = (db.prepare(`SELECT count(*) AS n FROM raw_row rr WHERE rr.source_id = ? AND ${REMAPPABLE}`).get(sourceId) as { n: number }).n;
  job.progress('Reading the rows again', 0, Math.max(1, total));

  const setList = RECORD_COLUMNS.map((c) => `${c} = ?`).join(', ');
  const updateRecord = db.prepare(`UPDATE record SET ${setList} WHERE id = ?`);
  const insertRecord = db.prepare(`INSERT INTO record (raw_row_id, source_id, ${RECORD_COLUMNS.join(', ')}) VALUES (?, ?, ${RECORD_COLUMNS.map(() => '?').join(', ')})`);
  const insertEvent = db.prepare('INSERT INTO event (record_id, source_id, kind, category, start_date, end_date, value, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const setStatus = db.prepare('UPDATE raw_row SET status = ?, reason = ? WHERE id = ?');
  const setCells = db.prepare('UPDATE raw_row SET cells_json = ?, formulas_json = ? WHERE id = ?');
  // Paged along the (source, sheet, row number) index: paging by id made SQLite read the whole
  // sheet and sort it for every page (300k rows: 39 s, quadratic).
  const page = db.prepare(
    `SELECT rr.id, rr.row_number, rr.cells_json, rr.status, rr.reason, r.id AS record_id FROM raw_row rr LEFT JOIN record r ON r.raw_row_id = rr.id
     WHERE rr.source_id = ? AND rr.sheet_ordinal = ? AND rr.row_number > ? AND ${REMAPPABLE} ORDER BY rr.row_number LIMIT ?`,
  );
  const allRows = db.prepare('SELECT id, row_number, cells_json, formulas_json FROM raw_row WHERE source_id = ? AND sheet_ordinal = ? AND row_number > ? ORDER BY row_number LIMIT ?');

  let updated = 0;
  let added = 0;
  let removed = 0;
  let events = 0;
  let done = 0;
  const droppedColumns: string[] = [];
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS remap_gone (record_id INTEGER PRIMARY KEY)');
    db.exec('DELETE FROM temp.remap_gone');
    const markGone = db.prepare('INSERT INTO temp.remap_gone (record_id) VALUES (?)');
    db.prepare('DELETE FROM event WHERE source_id = ?').run(sourceId);
    for (const [n, sheet] of sheets.entries()) {
      const now = roles[n] ?? sheet.roles;
      if (sheet.headerRow === null) continue;
      // Minimisation: a column newly marked "not needed" loses its stored cells in every row.
      const newlyDropped = now.flatMap((r, i) => (r === 'drop' && sheet.roles[i] !== 'drop' ? [i] : []));
      if (newlyDropped.length) {
        droppedColumns.push(...newlyDropped.map((i) => columnLabel(sheet, i)));
        for (let after = 0; ; ) {
          const rows = allRows.all(sourceId, sheet.ordinal, after, BATCH) as Array<{ id: number; row_number: number; cells_json: string; formulas_json: string | null }>;
          if (rows.length === 0) break;
          for (const row of rows) {
            const cells = JSON.parse(row.cells_json) as Array<string | null>;
            for (const i of newlyDropped) if (i < cells.length) cells[i] = null;
            let formulas = row.formulas_json;
            if (formulas) {
              const kept = Object.entries(JSON.parse(formulas) as Record<string, string>).filter(([c]) => !newlyDropped.includes(Number(c)));
              formulas = kept.length ? JSON.stringify(Object.fromEntries(kept)) : null;
            }
            setCells.run(JSON.stringify(cells), formulas, row.id);
          }
          after = rows[rows.length - 1]?.row_number ?? after;
          job.throwIfCancelled();
        }
      }
      const build = rowBuilder({
        sheet: sheet.sheet,
        headers: sheet.headers,
        roles: now,
        sourceKind,
        dateOrders: dateOrdersOf(now, sampleCells(db, sourceId, sheet.ordinal, SAMPLE_ROWS)),
        nameOrders: nameOrdersOf(now, sampleCells(db, sourceId, sheet.ordinal, SAMPLE_ROWS)),
        pivotYear,
        today,
      });
      for (let after = 0; ; ) {
        const rows = page.all(sourceId, sheet.ordinal, after, BATCH) as Array<{ id: number; row_number: number; cells_json: string; status: string; reason: string | null; record_id: number | null }>;
        if (rows.length === 0) break;
        for (const row of rows) {
          const built = build(JSON.parse(row.cells_json) as Array<string | null>);
          let recordId: number | null = row.record_id;
          if (built.ok && recordId !== null) {
            updateRecord.run(...built.record, recordId);
            updated++;
          } else if (built.ok) {
            recordId = Number(insertRecord.run(row.id, sourceId, ...built.record).lastInsertRowid);
            setStatus.run('record', null, row.id);
            added++;
          } else {
            if (recordId !== null) {
              markGone.run(recordId);
              removed++;
            }
            if (row.status !== 'quarantine' || row.reason !== built.reason) setStatus.run('quarantine', built.reason, row.id);
            recordId = null;
          }
          if (built.ok && built.events && recordId !== null) {
            for (const e of built.events) insertEvent.run(recordId, sourceId, ...e);
            events += built.events.length;
          }
        }
        done += rows.length;
        after = rows[rows.length - 1]?.row_number ?? after;
        job.progress('Reading the rows again', done, Math.max(done, total));
        await job.yield();
        job.throwIfCancelled();
      }
    }
    removeRecordLinkage(db, 'SELECT record_id FROM temp.remap_gone WHERE ? IS NOT NULL', sourceId);
    db.prepare('DELETE FROM record WHERE id IN (SELECT record_id FROM temp.remap_gone)').run();
    db.exec('DELETE FROM temp.remap_gone');

    const updateSheet = db.prepare('UPDATE source_sheet SET roles_json = ? WHERE source_id = ? AND ordinal = ?');
    sheets.forEach((s, n) => updateSheet.run(JSON.stringify(roles[n] ?? s.roles), sourceId, s.ordinal));
    const after = countsOf(db, sourceId);
    const dropped = [...(JSON.parse(source.dropped_columns_json) as string[]), ...droppedColumns];
    const mapping = Object.fromEntries(sheets.map((s, n) => [s.sheet, roles[n] ?? s.roles]));
    db.prepare('UPDATE source SET mapping_json = ?, dropped_columns_json = ?, records = ?, quarantined = ? WHERE id = ?').run(
      JSON.stringify(mapping), JSON.stringify(dropped), after.records, after.quarantined, sourceId,
    );
    if (preset) db.prepare('UPDATE source SET preset_id = ? WHERE id = ?').run(preset.id, sourceId);
    store.audit(options.user, 'source-remapped', {
      sourceId, recordsBefore: before.records, recordsAfter: after.records, quarantinedBefore: before.quarantined, quarantinedAfter: after.quarantined,
      updated, added, removed, events, droppedColumns: droppedColumns.length, presetId: preset?.id ?? null,
    });
    job.throwIfCancelled();
    db.exec('COMMIT');
    // Deleted cells: secure_delete zeroes the freed pages, and the WAL's old page images go now (as on purge).
    if (droppedColumns.length) db.pragma('wal_checkpoint(TRUNCATE)');
    const linkRunStale = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'link_run'").get() as { n: number }).n > 0
      && db.prepare('SELECT 1 FROM link_run LIMIT 1').get() !== undefined;
    const message = [
      `${source.file_name}: read again${preset ? ` with mapping preset "${preset.name}"` : ''}.`,
      `Records ${before.records} → ${after.records}, quarantined rows ${before.quarantined} → ${after.quarantined}`,
      `(${updated} records read again in place, ${added} new, ${removed} now quarantined; ${events} events).`,
      droppedColumns.length ? `Cells removed from ${droppedColumns.length} column${droppedColumns.length === 1 ? '' : 's'} marked not needed.` : '',
      linkRunStale ? 'The latest matching run was made from the records as they were: run matching again.' : '',
    ];
    return {
      sourceId, fileName: source.file_name, before, after, updated, added, removed, events, droppedColumns,
      preset: preset?.name ?? null, linkRunStale, message: message.filter(Boolean).join(' '),
    };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
