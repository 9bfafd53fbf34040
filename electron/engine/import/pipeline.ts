// The parse side of an import, run in the parse worker: read rows (read-file.ts), sort them
// (table.ts), build records (build-record.ts), and hand ready-to-insert batches to `post`.
// The engine thread only writes batches to the store, so reading and writing run in parallel.
import type { ColumnRole, SourceKind } from '../../../shared/domain/record-fields.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { matchPreset, presetSheetFor, type PresetSheet, type SheetDrift } from './preset-match.js';
import { statedAsOf } from './as-of.js';
import { readWorkbookStream } from './read-file.js';
import { guessKind } from './source-guess.js';
import type { FileFormat, SheetRow } from './sheet.js';
import { SheetPlanner, type PlannedRow, type SheetPlan } from './table.js';
import { pushRecord, recordIndex, valuesBuilder, type BuiltValues } from './row-builder.js';
import { RowBatchBuilder, type PackedRows } from './row-batch.js';
import type { ZipLimits } from './zip.js';

export const RECORD_EVENT_DATE = recordIndex('event_date');
/** Data rows a preview hands back per sheet: enough to say how many of a column's values read well. */
export const PREVIEW_ROWS = 100;

export interface SheetSummary {
  ordinal: number;
  name: string;
  headerRow: number | null;
  headers: string[];
  roles: ColumnRole[];
  confidences: number[];
  /** Why each suggestion: for the analyst in the mapping screen. */
  reasons: string[];
  notes: boolean;
  warnings: string[];
  dataRows: number;
  /** First data rows' cells (preview only). */
  samples: Array<Array<string | null>>;
  /** How the sheet's headers differ from the preset's (null without a preset). */
  drift: SheetDrift | null;
  /** An extract date a title or note row states, and where. */
  asOf: { date: string; where: string; text: string } | null;
}

export type PipelineMessage =
  // a batch of rows packed flat (row-batch.ts): what the worker posts as it is
  | { type: 'rows'; ordinal: number; count: number; data: PackedRows; done: number; total: number }
  | { type: 'sheet'; sheet: SheetSummary }
  | { type: 'done'; format: FileFormat };

export interface PipelineOptions {
  path: string;
  fileName: string;
  mode: 'import' | 'preview';
  /** Roles given per sheet name (the rest are suggested). */
  mapping?: Record<string, ColumnRole[]> | undefined;
  pivotYear: number;
  today: string;
  limits?: ZipLimits | undefined;
  batchRows?: number;
  /** A saved mapping laid over the detected headers (an explicit `mapping` for a sheet wins). */
  preset?: PresetSheet[] | undefined;
  /** The source's kind when known: names the events of sheets that do not say. */
  sourceKind?: SourceKind | undefined;
  /** Per sheet name, the header row the analyst chose (0: the sheet has none). */
  headerRows?: Record<string, number> | undefined;
}

/** Mapping lookup that a sheet called "__proto__" or "constructor" cannot turn into a prototype. */
function givenRoles(mapping: PipelineOptions['mapping'], sheet: string): ColumnRole[] | undefined {
  if (!mapping || !Object.prototype.hasOwnProperty.call(mapping, sheet)) return undefined;
  const roles = mapping[sheet];
  return Array.isArray(roles) ? roles : undefined;
}

/** Runs the whole parse side synchronously, posting batches as they fill. */
export function runPipeline(options: PipelineOptions, post: (message: PipelineMessage) => void): void {
  const batchRows = options.batchRows ?? 2000;
  const preview = options.mode === 'preview';
  let ordinal = -1;
  let planner: SheetPlanner | null = null;
  let given: ColumnRole[] | undefined;
  let build: ((cells: ReadonlyArray<string | null>) => BuiltValues) | null = null;
  let drop: boolean[] = [];
  const batch = new RowBatchBuilder();
  let done = 0;
  let total = 1;
  let dataRows = 0;
  let samples: Array<Array<string | null>> = [];
  let format: FileFormat | null = null;
  let sheetName = '';
  let roles: ColumnRole[] = [];
  let drift: SheetDrift | null = null;
  /** What the reader said about the file while reading this sheet (encodings, broken quotes). */
  let readWarnings: string[] = [];
  let asOf: SheetSummary['asOf'] = null;

  const flush = (): void => {
    if (batch.length === 0) return;
    const count = batch.length;
    post({ type: 'rows', ordinal, count, data: batch.take(), done, total });
  };
  const builderFor = (plan: SheetPlan): ((cells: ReadonlyArray<string | null>) => BuiltValues) => {
    roles = plan.suggestions.map((s) => s.role);
    if (options.preset) {
      const match = matchPreset(presetSheetFor(options.preset, sheetName, plan.headers), sheetName, plan.headers, roles);
      drift = match.drift;
      // The user's explicit mapping for this sheet wins; the drift is still reported against the preset.
      if (!given) roles = match.roles;
    }
    drop = roles.map((r) => r === 'drop');
    return valuesBuilder({
      sheet: sheetName,
      headers: plan.headers,
      roles,
      sourceKind: options.sourceKind ?? guessKind(options.fileName, plan.headers, roles),
      dateOrders: plan.dateOrders,
      // Worked out for the suggested roles; a column the user mapped as a whole name instead is read from its own cells.
      nameOrders: plan.nameOrders,
      pivotYear: options.pivotYear,
      today: options.today,
    });
  };
  const cellsJson = (row: SheetRow): string => {
    if (!drop.length || !drop.includes(true)) return JSON.stringify(row.cells);
    // Minimisation: cells of columns marked "not needed" are never stored.
    return JSON.stringify(row.cells.map((c, i) => (drop[i] ? null : c)));
  };
  const formulasJson = (row: SheetRow): string | null => {
    if (!row.formulas) return null;
    const kept = row.formulas.filter(([c]) => !drop[c]);
    return kept.length ? JSON.stringify(Object.fromEntries(kept.map(([c, f]) => [String(c), f]))) : null;
  };
  const onPlanned = (p: PlannedRow): void => {
    if (!build) {
      const plan = planner?.planOf();
      if (plan) build = builderFor(plan);
      else if (given) drop = given.map((r) => r === 'drop');
    }
    if (p.status === 'data') {
      dataRows++;
      if (preview) {
        if (samples.length < PREVIEW_ROWS) samples.push(p.row.cells);
        return;
      }
      const built = p.row.problem ? ({ ok: false, reason: p.row.problem } as const) : build ? build(p.row.cells) : ({ ok: false, reason: 'no header row' } as const);
      if (built.ok) {
        batch.row(p.row.rowNumber, cellsJson(p.row), 'record', null, formulasJson(p.row));
        pushRecord(built.record, batch.record());
        if (built.events) for (const e of built.events) batch.event(e);
      } else batch.row(p.row.rowNumber, cellsJson(p.row), 'quarantine', built.reason, formulasJson(p.row));
    } else {
      if (!asOf && p.status === 'structure') {
        const stated = statedAsOf(p.row.cells, options.today);
        if (stated) asOf = { ...stated, where: `${p.reason?.startsWith('title') ? 'the title' : 'a note'} at row ${p.row.rowNumber}${sheetName ? ` of sheet "${sheetName}"` : ''}` };
      }
      if (!preview) batch.row(p.row.rowNumber, cellsJson(p.row), p.status, p.reason, formulasJson(p.row));
    }
    if (batch.length >= batchRows) flush();
  };

  const result = readWorkbookStream(
    options.path,
    {
      begin(f) {
        format = f;
      },
      startSheet(name) {
        ordinal++;
        sheetName = name;
        given = givenRoles(options.mapping, name);
        build = null;
        drop = [];
        roles = [];
        drift = null;
        dataRows = 0;
        samples = [];
        readWarnings = [];
        asOf = null;
        const where = name ? `sheet "${name}"` : options.fileName;
        const chosen = options.headerRows && Object.prototype.hasOwnProperty.call(options.headerRows, name) ? options.headerRows[name] : undefined;
        planner = new SheetPlanner(name, where, given, options.pivotYear, onPlanned, typeof chosen === 'number' ? chosen : undefined);
      },
      row(row) {
        planner?.push(row);
        // A CSV is one table: without a header in its first rows there is nothing to import.
        if (format === 'csv' && planner?.headerless) {
          throw new WorkbenchError(
            'bad-input',
            `${options.fileName}: no header row found (looked at the first 30 rows of the file). Name the columns, for example Surname, Forename, Date of birth.`,
          );
        }
      },
      warn(message) {
        readWarnings.push(message);
      },
      endSheet() {
        const p = planner;
        if (!p) return;
        const res = p.end();
        flush();
        const plan = res.plan;
        // A sheet whose data rows never came still gets its preset laid over (preview, empty sheets).
        if (plan && !build) build = builderFor(plan);
        post({
          type: 'sheet',
          sheet: {
            ordinal,
            name: sheetName,
            headerRow: plan?.headerRow ?? null,
            headers: plan?.headers ?? [],
            roles: plan ? roles : [],
            confidences: plan?.suggestions.map((s) => s.confidence) ?? [],
            reasons: plan?.suggestions.map((s) => s.reason ?? '') ?? [],
            notes: res.notes,
            warnings: [...readWarnings, ...res.warnings],
            dataRows,
            samples,
            drift,
            asOf,
          },
        });
        planner = null;
      },
    },
    {
      ...(options.limits ? { limits: options.limits } : {}),
      onProgress: (d, t) => {
        done = d;
        total = t;
      },
    },
  );
  post({ type: 'done', format: result.format });
}
