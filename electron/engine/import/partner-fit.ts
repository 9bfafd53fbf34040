// Which partner sent this file: the one whose saved preset, or whose earlier extract, has the
// headers that fit this file's best, never the file name (next month's file is called something
// else). Reads only the top rows of the file to find its header.
import type { SourceKind } from '../../../shared/domain/record-fields.js';
import { SOURCE_KINDS } from '../../../shared/domain/record-fields.js';
import type { Db } from '../store/database.js';
import { listPresets, type MappingPreset } from './presets.js';
import { readWorkbookStream } from './read-file.js';
import { headerKey } from './roles.js';
import { StopReading, type SheetRow } from './sheet.js';
import { findHeaderRow, HEADER_SCAN_ROWS } from './table.js';

/** Rows read from the top of the file to place its header. */
const PEEK_ROWS = HEADER_SCAN_ROWS + 20;
/** Share of header texts two layouts must share to be the same partner's extract. */
const MIN_FIT = 0.7;

/** The peek has what it needs: the reader stops there (it passes this on, never calls it damage). */
class Enough extends StopReading {}

/** Sheets looked at for a header before giving up (notes, read-me and lookup sheets come first in some extracts). */
const MAX_SHEETS = 10;

/**
 * The normalised header texts of each sheet that has a header, in order, until `enough` says a
 * sheet's header settles it (or ten sheets are seen). A workbook whose first sheet is a read-me
 * or a data dictionary is still recognised by the sheet that holds the people. A sheet that runs
 * past the rows looked at ends the peek whatever it fits: it is the table itself, and reading on
 * to the next sheet would mean reading all of it here, on the engine's thread, before the import
 * reads it again.
 */
export function peekHeaderKeys(path: string, enough: (keys: string[]) => boolean = () => true): string[][] {
  let rows: SheetRow[] = [];
  let decided = false;
  const found: string[][] = [];
  const decide = (long: boolean): void => {
    if (decided) return;
    decided = true;
    const header = findHeaderRow(rows);
    rows = [];
    const keys = header ? header.cells.map((c) => headerKey(c ?? '')).filter(Boolean) : [];
    if (keys.length === 0) {
      if (long) throw new Enough();
      return;
    }
    found.push(keys);
    // `enough` sees every header found, a long table's too: it is how the caller scores the fit
    const settled = enough(keys);
    if (long || settled || found.length >= MAX_SHEETS) throw new Enough();
  };
  try {
    readWorkbookStream(path, {
      startSheet: () => {
        rows = [];
        decided = false;
      },
      row: (row) => {
        if (decided) return;
        rows.push(row);
        if (rows.length >= PEEK_ROWS) decide(true);
      },
      endSheet: () => decide(false),
    });
  } catch (error) {
    if (!(error instanceof Enough)) throw error;
  }
  return found;
}

export interface PartnerFit {
  partner: string;
  kind: SourceKind;
  /** The preset that fitted, when the fit came from one (else an earlier source). */
  preset: MappingPreset | null;
  sourceId: number | null;
  fit: number;
}

function fitOf(file: ReadonlySet<string>, other: readonly string[]): number {
  const keys = new Set(other.filter(Boolean));
  if (file.size === 0 || keys.size === 0) return 0;
  let shared = 0;
  for (const k of keys) if (file.has(k)) shared++;
  return shared / Math.max(file.size, keys.size);
}

/**
 * The partner (with kind, and preset if one fitted) whose layout fits these header keys best,
 * among the presets and earlier sources the user may see; null when none fits well.
 */
export function bestPartnerFit(db: Db, keys: readonly string[], scope: string | null): PartnerFit | null {
  const file = new Set(keys.filter(Boolean));
  let best: PartnerFit | null = null;
  for (const preset of listPresets(db, scope)) {
    for (const sheet of preset.sheets) {
      const fit = fitOf(file, sheet.columns.map((c) => headerKey(c.header)));
      if (fit >= MIN_FIT && (!best || fit > best.fit)) best = { partner: preset.partner, kind: preset.kind, preset, sourceId: null, fit };
    }
  }
  const sheets = db
    .prepare(
      `SELECT s.id, s.partner, s.kind, sh.headers_json FROM source s JOIN source_sheet sh ON sh.source_id = s.id
       WHERE sh.header_row IS NOT NULL AND (? IS NULL OR s.partner = ?) ORDER BY s.id DESC LIMIT 2000`,
    )
    .all(scope, scope) as Array<{ id: number; partner: string; kind: string; headers_json: string }>;
  for (const s of sheets) {
    const fit = fitOf(file, (JSON.parse(s.headers_json) as string[]).map(headerKey));
    // A preset fitting as well wins (it holds the analyst's corrections); so does a later source.
    if (fit >= MIN_FIT && (!best || fit > best.fit + 1e-9)) {
      const kind = (SOURCE_KINDS as readonly string[]).includes(s.kind) ? (s.kind as SourceKind) : 'other';
      best = { partner: s.partner, kind, preset: null, sourceId: s.id, fit };
    }
  }
  return best;
}
