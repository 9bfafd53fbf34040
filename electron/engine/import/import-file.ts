// One file in: read, plan each sheet, build records, and store everything in one transaction.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportMapping, ImportPreview, ImportSummary } from '../../../shared/ipc/contract.js';
import type { ColumnRole, SourceKind } from '../../../shared/domain/record-fields.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import type { Store } from '../store/store.js';
import { buildRecord, prepareContext, type RecordValues } from './build-record.js';
import { readWorkbookInWorker } from './parse-in-worker.js';
import { guessKind, guessPartner } from './source-guess.js';
import type { SheetData, SheetRow, WorkbookData } from './sheet.js';
import { isNotesSheet, planTable } from './table.js';

export interface ImportOptions {
  partner?: string;
  kind?: SourceKind;
  asOf?: string;
  mapping?: ImportMapping;
  user: string;
  /** The import date, for the as-of default (injectable so tests are stable). */
  today?: string;
}

type RowOutcome =
  | { status: 'header' | 'structure'; row: SheetRow; reason: string | null }
  | { status: 'quarantine'; row: SheetRow; reason: string }
  | { status: 'record'; row: SheetRow; record: RecordValues };

interface PlannedSheet {
  ordinal: number;
  name: string;
  headerRow: number | null;
  headers: string[];
  roles: ColumnRole[];
  outcomes: RowOutcome[];
}

const todayIso = (): string => new Date().toISOString().slice(0, 10);

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readBytes(path: string): Uint8Array {
  try {
    if (!statSync(path).isFile()) throw new WorkbenchError('bad-input', `${path} is not a file.`);
    return readFileSync(path);
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbenchError('bad-input', `${path}: no such file.`);
    if (code === 'EACCES' || code === 'EPERM') throw new WorkbenchError('bad-input', `${path}: permission denied.`);
    throw new WorkbenchError('bad-input', `${path}: the file could not be read (${code ?? 'unknown error'}).`);
  }
}

function planSheet(fileName: string, sheet: SheetData, ordinal: number, roles: ColumnRole[] | undefined, pivotYear: number): PlannedSheet {
  const plan = planTable(sheet, roles);
  if (!plan) {
    const notes = isNotesSheet(sheet);
    const where = sheet.name ? `sheet "${sheet.name}"` : fileName;
    return {
      ordinal,
      name: sheet.name,
      headerRow: null,
      headers: [],
      roles: [],
      outcomes: sheet.rows.map((row) =>
        notes
          ? { status: 'structure', row, reason: 'notes sheet' }
          : { status: 'quarantine', row, reason: `no header row found on ${where}` },
      ),
    };
  }
  const planRoles = plan.suggestions.map((s) => s.role);
  const ctx = prepareContext({ headers: plan.headers, roles: planRoles, pivotYear });
  const outcomes: RowOutcome[] = [
    ...plan.above.map((row) => ({ status: 'structure' as const, row, reason: 'title row above the header' })),
    { status: 'header', row: plan.headerRow, reason: null },
  ];
  for (const { row, kind, reason } of plan.rows) {
    if (kind === 'structure') {
      // Blank rows hold no cells, so there is nothing to keep.
      if (reason !== 'blank row') outcomes.push({ status: 'structure', row, reason: reason ?? null });
      continue;
    }
    const built = buildRecord(row.cells, ctx);
    outcomes.push(built.ok ? { status: 'record', row, record: built.record } : { status: 'quarantine', row, reason: built.reason });
  }
  return { ordinal, name: sheet.name, headerRow: plan.headerRow.rowNumber, headers: plan.headers, roles: planRoles, outcomes };
}

function planWorkbook(fileName: string, wb: WorkbookData, mapping: ImportMapping | undefined, pivotYear: number): PlannedSheet[] {
  const sheets = wb.sheets.map((sheet, i) => planSheet(fileName, sheet, i, mapping?.[sheet.name], pivotYear));
  if (sheets.every((s) => s.headerRow === null)) {
    const names = wb.sheets.map((s) => (s.name ? `"${s.name}"` : 'the file')).join(', ');
    throw new WorkbenchError(
      'bad-input',
      `${fileName}: no header row found (looked at the first 30 rows of ${names}). Name the columns, for example Surname, Forename, Date of birth.`,
    );
  }
  return sheets;
}

export async function previewImport(store: Store | null, path: string, token: string): Promise<ImportPreview> {
  const bytes = readBytes(path);
  const fileName = basename(path);
  const hash = sha256(bytes);
  const wb = await readWorkbookInWorker(path);
  const already = store ? store.reader.prepare('SELECT 1 FROM source WHERE sha256 = ?').get(hash) !== undefined : false;
  const sheets = wb.sheets.map((sheet) => {
    const plan = planTable(sheet);
    if (!plan) {
      return { sheet: sheet.name, headerRow: null, dataRows: 0, columns: [], problem: isNotesSheet(sheet) ? 'Notes only: no table of people' : 'No header row found' };
    }
    const data = plan.rows.filter((r) => r.kind === 'data');
    return {
      sheet: sheet.name,
      headerRow: plan.headerRow.rowNumber,
      dataRows: data.length,
      problem: null,
      columns: plan.headers.map((header, index) => ({
        index,
        header,
        role: plan.suggestions[index]?.role ?? 'ignore',
        confidence: plan.suggestions[index]?.confidence ?? 0,
        samples: data.slice(0, 5).map((r) => (r.row.cells[index] ?? '').slice(0, 60)),
      })),
    };
  });
  const headers = sheets.flatMap((s) => s.columns.map((c) => c.header));
  return {
    token,
    fileName,
    sha256: hash,
    alreadyImported: already,
    suggestedKind: guessKind(fileName, headers),
    suggestedPartner: guessPartner(fileName),
    sheets,
  };
}

const CHUNK = 2000;

/** Imports one file as one Source. Same sha256 as an earlier Source → skipped, told why. */
export async function importFile(store: Store, path: string, options: ImportOptions, job: JobContext): Promise<ImportSummary> {
  const fileName = basename(path);
  job.progress('Reading the file', 0, 1);
  const bytes = readBytes(path);
  const hash = sha256(bytes);
  const earlier = store.reader.prepare('SELECT id, imported_at FROM source WHERE sha256 = ?').get(hash) as
    | { id: number; imported_at: string }
    | undefined;
  if (earlier) {
    return {
      fileName,
      sourceId: earlier.id,
      skipped: true,
      message: `${fileName} was already imported on ${earlier.imported_at.slice(0, 10)} (source ${earlier.id}); skipped, nothing changed.`,
      sheets: [],
    };
  }
  const today = options.today ?? todayIso();
  const pivotYear = Number((options.asOf ?? today).slice(0, 4));
  const wb = await readWorkbookInWorker(path, job.signal);
  job.throwIfCancelled();
  job.progress('Reading the file', 1, 1);
  const sheets = planWorkbook(fileName, wb, options.mapping, pivotYear);
  const headers = sheets.flatMap((s) => s.headers);
  const kind = options.kind ?? guessKind(fileName, headers);
  const partner = options.partner?.trim() || guessPartner(fileName);
  const eventDates = sheets.flatMap((s) => s.outcomes.flatMap((o) => (o.status === 'record' && o.record.eventDate && o.record.eventDate <= today ? [o.record.eventDate] : [])));
  const asOf = options.asOf ?? eventDates.sort().at(-1) ?? today;
  const dropped = sheets.flatMap((s) => s.roles.flatMap((r, i) => (r === 'drop' ? [s.name ? `${s.name}: ${s.headers[i]}` : (s.headers[i] ?? `column ${i + 1}`)] : [])));

  const db = store.writer;
  const insertSource = db.prepare(
    `INSERT INTO source (file_name, sha256, size, format, partner, kind, as_of, imported_at, imported_by, mapping_json, dropped_columns_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSheet = db.prepare('INSERT INTO source_sheet (source_id, ordinal, sheet, header_row, headers_json, roles_json) VALUES (?, ?, ?, ?, ?, ?)');
  const insertRaw = db.prepare('INSERT INTO raw_row (source_id, sheet_ordinal, row_number, cells_json, status, reason) VALUES (?, ?, ?, ?, ?, ?)');
  const insertRecord = db.prepare(
    `INSERT INTO record (raw_row_id, source_id, forename, middle_names, surname, title, dob, age, sex, address, postcode, uprn,
       nhs_number, nhs_number_valid, nino, nino_valid, upn, upn_valid, agency_ref, event_date, forename_key, surname_key, problems_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const total = sheets.reduce((n, s) => n + s.outcomes.length, 0);
  let done = 0;
  const summary: ImportSummary['sheets'] = [];
  // One transaction across awaits: the engine's writer connection is used by one job at a time,
  // and readers use their own connection, so nobody sees half a file.
  db.exec('BEGIN IMMEDIATE');
  try {
    const mapping = Object.fromEntries(sheets.map((s) => [s.name, s.roles]));
    const sourceId = Number(
      insertSource.run(fileName, hash, bytes.length, wb.format, partner, kind, asOf, new Date().toISOString(), options.user, JSON.stringify(mapping), JSON.stringify(dropped))
        .lastInsertRowid,
    );
    for (const sheet of sheets) {
      insertSheet.run(sourceId, sheet.ordinal, sheet.name, sheet.headerRow, JSON.stringify(sheet.headers), JSON.stringify(sheet.roles));
      const counts = { sheet: sheet.name, rows: 0, records: 0, structure: 0, quarantined: 0 };
      for (let start = 0; start < sheet.outcomes.length; start += CHUNK) {
        for (const outcome of sheet.outcomes.slice(start, start + CHUNK)) {
          // Minimisation: cells of columns marked "not needed" are never stored.
          const cells = sheet.roles.length ? outcome.row.cells.map((c, i) => (sheet.roles[i] === 'drop' ? null : c)) : outcome.row.cells;
          const reason = outcome.status === 'record' ? null : outcome.reason;
          const rawId = insertRaw.run(sourceId, sheet.ordinal, outcome.row.rowNumber, JSON.stringify(cells), outcome.status, reason).lastInsertRowid;
          if (outcome.status === 'record') {
            const r = outcome.record;
            insertRecord.run(rawId, sourceId, r.forename, r.middleNames, r.surname, r.title, r.dob, r.age, r.sex, r.address, r.postcode, r.uprn,
              r.nhsNumber, r.nhsNumberValid ? 1 : 0, r.nino, r.ninoValid ? 1 : 0, r.upn, r.upnValid ? 1 : 0, r.agencyRef, r.eventDate,
              r.forenameKey, r.surnameKey, JSON.stringify(r.problems));
            counts.records++;
          } else if (outcome.status === 'quarantine') counts.quarantined++;
          else if (outcome.status === 'structure') counts.structure++;
          if (outcome.status !== 'header') counts.rows++;
        }
        done += Math.min(CHUNK, sheet.outcomes.length - start);
        job.progress('Storing rows', done, total);
        await job.yield();
        job.throwIfCancelled();
      }
      summary.push(counts);
    }
    const sum = (k: 'rows' | 'records' | 'structure' | 'quarantined'): number => summary.reduce((n, s) => n + s[k], 0);
    db.prepare('UPDATE source SET rows = ?, records = ?, structure = ?, quarantined = ? WHERE id = ?').run(
      sum('rows'), sum('records'), sum('structure'), sum('quarantined'), sourceId,
    );
    store.audit(options.user, 'import', { sourceId, rows: sum('rows'), records: sum('records'), quarantined: sum('quarantined') });
    db.exec('COMMIT');
    const quarantined = sum('quarantined');
    return {
      fileName,
      sourceId,
      skipped: false,
      message: `${fileName}: ${sum('records')} records imported${quarantined ? `, ${quarantined} rows quarantined` : ''}.`,
      sheets: summary,
    };
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
