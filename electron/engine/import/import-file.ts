// One file in: hash, duplicate check, then parse in a worker (read → detect the table → suggest
// roles → build records) while this thread stores each batch as it arrives, all in one
// transaction. Memory stays bounded: rows are never all held at once on either side.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { ImportMapping, ImportPreview, ImportSummary } from '../../../shared/ipc/contract.js';
import type { SourceKind } from '../../../shared/domain/record-fields.js';
import { fileSha256Sync } from '../files/file-hash.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import type { Store } from '../store/store.js';
import { addressGroupsOf } from './address-groups.js';
import { parseInWorker } from './parse-in-worker.js';
import { describeDrift, driftIsEmpty, matchPreset, presetSheetFor, type SheetDrift } from './preset-match.js';
import { checkPresetSavable, listPresets, presetFor, presetNamed, savePreset, type MappingPreset } from './presets.js';
import { diffSources } from './source-diff.js';
import { notePartnerImport } from './partners.js';
import { RECORD_EVENT_DATE, type PipelineOptions, type SheetSummary } from './pipeline.js';
import { unpackRows } from './row-batch.js';
import { BatchWriter } from './store-rows.js';
import { guessKind, guessPartner } from './source-guess.js';
import { bestPartnerFit, peekHeaderKeys, type PartnerFit } from './partner-fit.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip.js';
import { buildPendingIndexes, dropIndexesUntilCommitted } from '../store/deferred-indexes.js';

export interface ImportOptions {
  partner?: string;
  kind?: SourceKind;
  asOf?: string;
  mapping?: ImportMapping;
  /** Per sheet, the header row the analyst chose (0: none; columns named from their cells). */
  headerRows?: Record<string, number> | undefined;
  user: string;
  /** The import date, for the as-of default (injectable so tests are stable). */
  today?: string;
  /** Zip-bomb guard for xlsx/ods (defaults: DEFAULT_ZIP_LIMITS). */
  limits?: Partial<ZipLimits>;
  /** What the data protection record needs: the sharing agreement, lawful basis and retention. */
  dsaRef?: string;
  lawfulBasis?: string;
  /** ISO date after which the source is overdue for purging. */
  retentionUntil?: string;
  /** A mapping preset by name; 'auto' or absent: the latest preset for the partner and kind, if any. */
  preset?: string;
  /** Save the mapping this import used as a preset of that name (for this partner and kind). */
  savePresetAs?: string;
  /** The partner organisation the user is limited to (presets of others are not theirs to use). */
  partnerScope?: string | null;
}

const todayIso = (): string => new Date().toISOString().slice(0, 10);

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Hashes a file in chunks (never the whole file in memory); throws `bad-input` naming it. */
const hashFile = fileSha256Sync;

function pipelineOptions(path: string, mode: 'import' | 'preview', mapping: ImportMapping | undefined, pivotYear: number, today: string, limits?: Partial<ZipLimits>, extra: Pick<PipelineOptions, 'preset' | 'sourceKind' | 'headerRows'> = {}): PipelineOptions {
  const options: PipelineOptions = { path, fileName: basename(path), mode, pivotYear, today, ...extra };
  if (mapping) options.mapping = mapping;
  if (limits) options.limits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  return options;
}

function noHeaderError(fileName: string, sheets: SheetSummary[]): WorkbenchError {
  const names = sheets.length ? sheets.map((s) => (s.name ? `"${s.name}"` : 'the file')).join(', ') : 'the file';
  return new WorkbenchError(
    'bad-input',
    `${fileName}: no header row found (looked at the first 30 rows of ${names}). Name the columns, for example Surname, Forename, Date of birth.`,
  );
}

export interface PreviewOptions {
  /** A preset by name, 'none' for the importer's own suggestions, or absent for the partner's latest. */
  preset?: string;
  partner?: string;
  kind?: SourceKind;
  partnerScope?: string | null;
  headerRows?: Record<string, number> | undefined;
}

export async function previewImport(store: Store | null, path: string, token: string, options: PreviewOptions = {}): Promise<ImportPreview> {
  const fileName = basename(path);
  const { hash } = hashFile(path);
  const already = store ? store.reader.prepare('SELECT 1 FROM source WHERE sha256 = ?').get(hash) !== undefined : false;
  const today = todayIso();
  const stream = parseInWorker(pipelineOptions(path, 'preview', undefined, Number(today.slice(0, 4)), today, undefined, options.headerRows ? { headerRows: options.headerRows } : {}));
  const summaries: SheetSummary[] = [];
  for await (const message of stream) {
    if (message.type === 'sheet') summaries.push(message.sheet);
    else if (message.type === 'rows') stream.release();
  }
  const headers = summaries.flatMap((s) => s.headers);
  const suggestedKind = guessKind(fileName, headers, summaries.flatMap((s) => s.roles));
  const suggestedPartner = options.partnerScope ?? guessPartner(fileName);
  const scope = options.partnerScope ?? null;
  let preset: MappingPreset | null = null;
  if (store && options.preset !== 'none') {
    preset = options.preset !== undefined ? presetNamed(store.reader, options.preset, scope) : presetFor(store.reader, options.partner?.trim() || suggestedPartner, options.kind ?? suggestedKind);
  }
  const drift: SheetDrift[] = [];
  const sheets = summaries.map((s) => {
    if (s.headerRow === null) {
      return { sheet: s.name, headerRow: null, dataRows: 0, columns: [], problem: s.notes ? 'Notes only: no table of people' : 'No header row found' };
    }
    let roles = s.roles;
    if (preset) {
      const match = matchPreset(presetSheetFor(preset.sheets, s.name, s.headers), s.name, s.headers, s.roles);
      roles = match.roles;
      drift.push(match.drift);
    }
    return {
      sheet: s.name,
      headerRow: s.headerRow,
      dataRows: s.dataRows,
      problem: s.warnings.length ? s.warnings.join(' ') : null,
      columns: s.headers.map((header, index) => ({
        index,
        header,
        role: roles[index] ?? 'ignore',
        suggestedRole: s.roles[index] ?? 'ignore',
        confidence: Math.max(0, Math.min(1, s.confidences[index] ?? 0)),
        ...(s.reasons[index] ? { reason: (s.reasons[index] ?? '').slice(0, 400) } : {}),
        samples: s.samples.slice(0, 5).map((cells) => (cells[index] ?? '').slice(0, 60)),
        values: s.samples.map((cells) => (cells[index] ?? '').slice(0, 200)),
      })),
    };
  });
  return {
    token,
    fileName,
    sha256: hash,
    alreadyImported: already,
    suggestedKind,
    suggestedPartner,
    sheets,
    preset: preset ? { id: preset.id, name: preset.name, partner: preset.partner, kind: preset.kind, drift } : null,
    presets: store ? listPresets(store.reader, scope).map((p) => ({ id: p.id, name: p.name, partner: p.partner, kind: p.kind })) : [],
  };
}

interface SheetCounts {
  sheet: string;
  rows: number;
  records: number;
  structure: number;
  quarantined: number;
}

/** The preset to lay over this import: named (or `not-found`), else the latest for partner and kind. */
function resolvePreset(store: Store, partner: string, options: ImportOptions): MappingPreset | null {
  const scope = options.partnerScope ?? null;
  if (options.preset !== undefined && options.preset !== 'auto') return presetNamed(store.reader, options.preset, scope);
  return presetFor(store.reader, partner, options.kind);
}

/** A fit this close settles the partner without looking at later sheets. */
const CLOSE_FIT = 0.9;

/** The partner fit for a file, or null (also when the file cannot be read: the import says why). */
function partnerFitOf(store: Store, path: string, scope: string | null): PartnerFit | null {
  let best: PartnerFit | null = null;
  try {
    // Sheet by sheet until one fits a known layout closely: a read-me sheet first does not hide it.
    peekHeaderKeys(path, (keys) => {
      const fit = bestPartnerFit(store.reader, keys, scope);
      if (fit && (!best || fit.fit > best.fit)) best = fit;
      return best !== null && best.fit >= CLOSE_FIT;
    });
  } catch {
    // The import itself reads the file and says what is wrong with it.
  }
  return best;
}

/** Imports one file as one Source. Same sha256 as an earlier Source → skipped, told why. */
export async function importFile(store: Store, path: string, options: ImportOptions, job: JobContext): Promise<ImportSummary> {
  const t0 = performance.now();
  const mark = (what: string): void => {
    if (process.env.BASELINE_IMPORT_DEBUG === '1') process.stderr.write(`import ${what} ${Math.round(performance.now() - t0)} ms\n`);
  };
  const fileName = basename(path);
  // Without a partner named, the one whose preset or earlier extract fits this file's headers.
  const fitted = options.partner?.trim() ? null : partnerFitOf(store, path, options.partnerScope ?? null);
  const partner = options.partner?.trim() || fitted?.partner || guessPartner(fileName);
  if (fitted && options.kind === undefined) options = { ...options, kind: fitted.kind };
  // An unknown preset name is the user's error: said before the file is even read.
  const preset = fitted?.preset && (options.preset === undefined || options.preset === 'auto') ? fitted.preset : resolvePreset(store, partner, options);
  if (options.savePresetAs !== undefined) checkPresetSavable(store.reader, options.savePresetAs, options.partnerScope ?? null);
  job.progress('Reading the file', 0, 1);
  const { hash, size } = hashFile(path);
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
      events: 0,
      preset: null,
      savedPreset: null,
      diff: null,
    };
  }
  const today = options.today ?? todayIso();
  const pivotYear = Number((options.asOf ?? today).slice(0, 4));
  job.throwIfCancelled();

  const db = store.writer;
  const insertSource = db.prepare(
    `INSERT INTO source (file_name, sha256, size, format, partner, kind, as_of, imported_at, imported_by, mapping_json, dropped_columns_json,
       dsa_ref, lawful_basis, retention_until)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSheet = db.prepare('INSERT INTO source_sheet (source_id, ordinal, sheet, header_row, headers_json, roles_json) VALUES (?, ?, ?, ?, ?, ?)');

  mark('hashed');
  const stream = parseInWorker(
    pipelineOptions(path, 'import', options.mapping, pivotYear, today, options.limits, { preset: preset?.sheets, sourceKind: options.kind, headerRows: options.headerRows }),
    job.signal,
  );
  const sheets: SheetSummary[] = [];
  const counts = new Map<number, SheetCounts>();
  let format = 'csv';
  let latestEvent: string | null = null;
  let stored = 0;
  let eventCount = 0;
  // Every row inserted here points at rows inserted just before it in the same transaction, so
  // per-row foreign-key checks only cost time: they are off while the file is stored (a pragma
  // that cannot change inside a transaction, so it is set around it).
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  // A large file's COMMIT writes its new pages to the log; folding the log into the store file is
  // then left to a worker (store/background-checkpoint.ts), not done on this thread at COMMIT.
  // A small file's fold costs less than starting the worker.
  const autocheckpoint = size >= BACKGROUND_CHECKPOINT_BYTES ? store.checkpoints.holdAutomatic({ flush: true }) : null;
  // One transaction across awaits: the engine's writer connection is used by one job at a time,
  // and readers use their own connection, so nobody sees half a file.
  db.exec('BEGIN IMMEDIATE');
  try {
    const deferred = deferIndexes(db, size);
    // Kind, partner and as-of need every sheet's headers and dates: set when the file is read.
    const sourceId = Number(
      insertSource.run(fileName, hash, size, 'csv', partner, options.kind ?? 'other', options.asOf ?? today,
        new Date().toISOString(), options.user, '{}', '[]', options.dsaRef?.trim() || null, options.lawfulBasis?.trim() || null,
        options.retentionUntil ?? null).lastInsertRowid,
    );
    const writer = new BatchWriter(db, sourceId);
    for await (const message of stream) {
      if (message.type === 'rows') {
        let c = counts.get(message.ordinal);
        if (!c) {
          c = { sheet: '', rows: 0, records: 0, structure: 0, quarantined: 0 };
          counts.set(message.ordinal, c);
        }
        if (stored === 0) mark('first batch');
        const batch = unpackRows(message.data);
        const added = writer.write(message.ordinal, batch);
        c.rows += added.rows;
        c.records += added.records;
        c.structure += added.structure;
        c.quarantined += added.quarantined;
        eventCount += added.events;
        const events = batch.records.rows ? (batch.records.columns[1 + RECORD_EVENT_DATE] ?? null) : null;
        for (const event of Array.isArray(events) ? events : [events]) {
          if (typeof event === 'string' && event <= today && (latestEvent === null || event > latestEvent)) latestEvent = event;
        }
        stored += message.count;
        stream.release();
        // The worker reports bytes read; scale rows stored by it for an estimated total.
        const fraction = message.total > 0 ? Math.min(1, message.done / message.total) : 0;
        // Until the worker says done, the total is an estimate and always ahead of what is stored.
        job.progress('Storing rows', stored, Math.max(stored + 1, fraction > 0 ? Math.round(stored / fraction) : stored + 1));
        await job.yield();
        job.throwIfCancelled();
      } else if (message.type === 'sheet') {
        const s = message.sheet;
        sheets.push(s);
        const c = counts.get(s.ordinal) ?? { sheet: s.name, rows: 0, records: 0, structure: 0, quarantined: 0 };
        c.sheet = s.name;
        counts.set(s.ordinal, c);
        insertSheet.run(sourceId, s.ordinal, s.name, s.headerRow, JSON.stringify(s.headers), JSON.stringify(s.roles));
      } else {
        format = message.format;
      }
    }
    mark('last batch');
    job.throwIfCancelled();
    if (sheets.every((s) => s.headerRow === null)) throw noHeaderError(fileName, sheets);
    // A header and nothing under it: registered, but never silently empty.
    const emptyExtract = sheets.every((s) => s.headerRow === null || s.dataRows === 0)
      ? `Warning: the file has a header row but no data rows under it (${sheets.filter((s) => s.headerRow !== null).map((s) => (s.name ? `sheet "${s.name}"` : `header at row ${s.headerRow}`)).join(', ')}); the source is empty. Was the extract run with no results?`
      : '';

    const summary = sheets.map((s) => counts.get(s.ordinal) ?? { sheet: s.name, rows: 0, records: 0, structure: 0, quarantined: 0 });
    const headers = sheets.flatMap((s) => s.headers);
    const kind = options.kind ?? guessKind(fileName, headers, sheets.flatMap((s) => s.roles));
    const stated = sheets.find((s) => s.asOf)?.asOf ?? null;
    const asOf = options.asOf ?? stated?.date ?? latestEvent ?? today;
    const asOfBasis = options.asOf
      ? 'given at import'
      : stated
        ? `${stated.where}: "${stated.text}"`
        : latestEvent
          ? 'the latest event date in the file'
          : 'the import date (the file gives no date)';
    const dropped = sheets.flatMap((s) => s.roles.flatMap((r, i) => (r === 'drop' ? [s.name ? `${s.name}: ${s.headers[i] ?? ''}` : (s.headers[i] || `column ${i + 1}`)] : [])));
    const mapping = Object.fromEntries(sheets.map((s) => [s.name, s.roles]));
    const sum = (k: 'rows' | 'records' | 'structure' | 'quarantined'): number => summary.reduce((n, s) => n + s[k], 0);
    const drift = preset ? sheets.flatMap((s) => (s.drift ? [s.drift] : [])) : [];
    db.prepare(
      'UPDATE source SET format = ?, kind = ?, as_of = ?, as_of_basis = ?, mapping_json = ?, dropped_columns_json = ?, rows = ?, records = ?, structure = ?, quarantined = ?, preset_id = ?, preset_drift_json = ? WHERE id = ?',
    ).run(
      format, kind, asOf, asOfBasis.slice(0, 200), JSON.stringify(mapping), JSON.stringify(dropped), sum('rows'), sum('records'), sum('structure'), sum('quarantined'),
      preset?.id ?? null, preset ? JSON.stringify(drift) : null, sourceId,
    );
    store.audit(options.user, 'import', {
      sourceId, rows: sum('rows'), records: sum('records'), quarantined: sum('quarantined'), events: eventCount, presetId: preset?.id ?? null,
    });
    notePartnerImport(db, partner, kind, options.user, new Date().toISOString());
    job.progress('Storing rows', stored, stored);
    db.exec('COMMIT');
    mark('committed');
    restoreForeignKeys(db, foreignKeys);
    if (autocheckpoint !== null) store.checkpoints.start(store.dataKey, autocheckpoint);
    if (deferred) buildIndexesAfter(store, job);
    mark('indexed');
    const saved = options.savePresetAs
      ? savePreset(store, { name: options.savePresetAs, partner, kind, sheets: presetSheetsOf(sheets) }, options.user)
      : null;
    const diff = diffSources(store.reader, sourceId);
    const quarantined = sum('quarantined');
    const warnings = sheets.flatMap((s) => s.warnings);
    // which of two addresses on a row became the address, from the roles the rows were read with
    const twoAddresses = sheets.flatMap((s) => {
      const groups = s.headerRow !== null ? addressGroupsOf(s.headers, s.roles) : null;
      return groups ? [`${s.name ? `Sheet "${s.name}": t` : 'T'}${groups.reason.slice(1)}.`] : [];
    });
    const driftLines = drift.flatMap((d) => (driftIsEmpty(d) ? [] : describeDrift(d)));
    const parts = [
      `${fileName}: ${sum('records')} records imported${quarantined ? `, ${quarantined} rows quarantined` : ''}${eventCount ? `, ${eventCount} events` : ''}.`,
      `As of ${asOf}, from ${asOfBasis}.`,
      ...twoAddresses,
      fitted && !options.partner?.trim() ? `Partner ${partner} (${fitted.kind}): the file's headers fit ${fitted.preset ? `their preset "${fitted.preset.name}"` : `their earlier extract (source ${fitted.sourceId})`}.` : '',
      preset ? `Mapping preset "${preset.name}" applied${driftLines.length ? `; the columns have changed since it was saved: ${driftLines.join('; ')}.` : ', the columns match it.'}` : '',
      diff ? `Against ${diff.previousFileName} (source ${diff.previousSourceId}): ${diff.new} new, ${diff.changed} changed, ${diff.gone} gone, ${diff.unchanged} unchanged.` : '',
      saved ? `Mapping saved as preset "${saved.name}".` : '',
      warnings.length ? `Warning: ${warnings.join(' ')}` : '',
      emptyExtract,
    ];
    return {
      fileName,
      sourceId,
      skipped: false,
      message: parts.filter(Boolean).join(' '),
      sheets: summary,
      events: eventCount,
      preset: preset ? { id: preset.id, name: preset.name, drift } : null,
      savedPreset: saved?.name ?? null,
      diff,
    };
  } catch (error) {
    stream.stop();
    if (db.inTransaction) db.exec('ROLLBACK');
    restoreForeignKeys(db, foreignKeys);
    if (autocheckpoint !== null) store.checkpoints.release(autocheckpoint);
    throw error;
  }
}

/** Files from this size (about 100,000 csv rows) have the store's log folded in by a worker after the import. */
const BACKGROUND_CHECKPOINT_BYTES = 8 << 20;

/** Bytes a stored row takes in the smallest files (a compressed xlsx): a generous row estimate. */
const BYTES_PER_ROW_AT_LEAST = 60;

/**
 * Columns whose values only grow while a file goes in: the new source has the largest id, and
 * records are numbered in the order they arrive. An index led by one of them takes each new key
 * at its right-hand end, which costs little row by row (the store's thread then still keeps up
 * with the parse worker), while building it afterwards would read the whole table again: it
 * stays live. (300k rows: deferring these too added 0.3 CPU s to the index build after COMMIT and
 * saved about as much while storing.)
 */
const ASCENDING_DURING_IMPORT = new Set(['source_id', 'record_id', 'raw_row_id']);

/**
 * The secondary indexes of the tables an import fills (records, events) whose keys arrive in no
 * order (names, dates of birth) are dropped inside the import's transaction and built after its
 * rows commit (store/deferred-indexes.ts) when the file may hold at least as many rows as the store
 * already has records: one sort then costs less than updating them row by row, and it runs beside
 * the background checkpoint rather than before the COMMIT. A small file into a big store keeps them
 * live. A rollback restores them.
 */
function deferIndexes(db: Store['writer'], fileBytes: number): boolean {
  const existing = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM record').get() as { n: number }).n;
  if (fileBytes / BYTES_PER_ROW_AT_LEAST < existing) return false;
  return dropIndexesUntilCommitted(db, ['record', 'event'], ASCENDING_DURING_IMPORT).length > 0;
}

/**
 * The import's rows are committed: its indexes are built now, in their own transaction, while the
 * worker folds the rows into the store file. A failure here loses nothing (the rows are in, the
 * indexes are still noted as pending and are built when the store is next opened), so it does not
 * turn a stored import into a failed one.
 */
function buildIndexesAfter(store: Store, job: JobContext): void {
  job.progress('Indexing rows', 0, 1);
  try {
    buildPendingIndexes(store.writer);
  } catch {
    // Built at the next open (Store.openWithKey).
  }
  job.progress('Indexing rows', 1, 1);
}

function restoreForeignKeys(db: Store['writer'], was: number): void {
  if (was) db.pragma('foreign_keys = ON');
}

/** The roles this import used, per sheet and header: what a preset saved from it holds. */
function presetSheetsOf(sheets: SheetSummary[]): Array<{ sheet: string; columns: Array<{ header: string; role: SheetSummary['roles'][number] }> }> {
  return sheets
    .filter((s) => s.headerRow !== null)
    .map((s) => ({ sheet: s.name, columns: s.headers.map((header, i) => ({ header, role: s.roles[i] ?? 'ignore' })) }));
}
