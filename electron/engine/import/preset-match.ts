// Re-applies a saved mapping preset to a new extract whose headers have drifted: columns are
// matched by normalised header text (exact first, then within a small edit distance), so a
// column that moved, was renamed slightly, was added or was removed is still placed — and every
// such change is reported, never silently absorbed. Pure: runs in the parse worker and in tests.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { editDistance, headerKey } from './roles.js';

export interface PresetColumn {
  header: string;
  role: ColumnRole;
}

export interface PresetSheet {
  sheet: string;
  columns: PresetColumn[];
}

export interface SheetDrift {
  sheet: string;
  /** The preset sheet the file's sheet was matched to (null: none, the suggestion stands). */
  presetSheet: string | null;
  renamed: Array<{ from: string; to: string; role: ColumnRole }>;
  moved: Array<{ header: string; from: number; to: number }>;
  /** In the file, not in the preset: given the suggested role. */
  added: Array<{ header: string; role: ColumnRole }>;
  /** In the preset, not in the file. */
  removed: Array<{ header: string; role: ColumnRole }>;
}

export interface PresetMatch {
  roles: ColumnRole[];
  drift: SheetDrift;
}

/** How far a renamed header may be from the preset's, in edits of its normalised text. */
export function renameTolerance(key: string): number {
  return Math.max(2, Math.floor(key.length * 0.3));
}

/** The preset sheet meant for `sheet`: same name, same name normalised, or the only one. */
export function presetSheetFor(sheets: readonly PresetSheet[], sheet: string, headers: readonly string[]): PresetSheet | null {
  const exact = sheets.find((s) => s.sheet === sheet);
  if (exact) return exact;
  const key = headerKey(sheet);
  const byKey = sheets.find((s) => headerKey(s.sheet) === key);
  if (byKey) return byKey;
  if (sheets.length === 1) return sheets[0] ?? null;
  // A renamed sheet: the one sharing most header texts, if it shares at least half of them.
  const keys = new Set(headers.map(headerKey));
  let best: PresetSheet | null = null;
  let bestShared = 0;
  for (const s of sheets) {
    const shared = s.columns.filter((c) => keys.has(headerKey(c.header))).length;
    if (shared > bestShared) {
      best = s;
      bestShared = shared;
    }
  }
  return best && bestShared * 2 >= Math.min(keys.size, best.columns.length) ? best : null;
}

/**
 * The preset's roles laid over this sheet's columns. `suggested` are the roles the importer
 * would have chosen by itself: added columns keep them.
 */
export function matchPreset(preset: PresetSheet | null, sheet: string, headers: readonly string[], suggested: readonly ColumnRole[]): PresetMatch {
  const drift: SheetDrift = { sheet, presetSheet: preset?.sheet ?? null, renamed: [], moved: [], added: [], removed: [] };
  const roles = headers.map((_, i) => suggested[i] ?? 'ignore');
  if (!preset) return { roles, drift };
  const fileKeys = headers.map(headerKey);
  const presetKeys = preset.columns.map((c) => headerKey(c.header));
  const fileTaken = new Array<boolean>(headers.length).fill(false);
  const presetTaken = new Array<boolean>(preset.columns.length).fill(false);
  const pairs: Array<[file: number, preset: number, renamed: boolean]> = [];

  // Exact header text first, nearest position first when a header repeats ("Address Line").
  presetKeys.forEach((key, p) => {
    let best = -1;
    fileKeys.forEach((k, f) => {
      if (fileTaken[f] || k !== key) return;
      if (best < 0 || Math.abs(f - p) < Math.abs(best - p)) best = f;
    });
    if (best >= 0) {
      fileTaken[best] = true;
      presetTaken[p] = true;
      pairs.push([best, p, false]);
    }
  });
  // Then renamed headers: the closest pairs within tolerance, closest first.
  const candidates: Array<[distance: number, file: number, preset: number]> = [];
  presetKeys.forEach((key, p) => {
    if (presetTaken[p] || !key) return;
    fileKeys.forEach((k, f) => {
      if (fileTaken[f] || !k) return;
      const max = Math.min(renameTolerance(key), renameTolerance(k));
      const d = editDistance(key, k, max);
      if (d <= max) candidates.push([d, f, p]);
    });
  });
  candidates.sort((a, b) => a[0] - b[0] || Math.abs(a[1] - a[2]) - Math.abs(b[1] - b[2]));
  for (const [, f, p] of candidates) {
    if (fileTaken[f] || presetTaken[p]) continue;
    fileTaken[f] = true;
    presetTaken[p] = true;
    pairs.push([f, p, true]);
  }

  pairs.sort((a, b) => a[0] - b[0]);
  const inOrder = longestIncreasing(pairs.map(([, p]) => p));
  pairs.forEach(([f, p, renamed], i) => {
    const column = preset.columns[p];
    if (!column) return;
    roles[f] = column.role;
    if (renamed) drift.renamed.push({ from: column.header, to: headers[f] ?? '', role: column.role });
    // Moved = out of order with the other columns (an inserted column shifts the rest: not a move).
    if (!inOrder.has(i)) drift.moved.push({ header: headers[f] ?? '', from: p, to: f });
  });
  headers.forEach((header, f) => {
    if (!fileTaken[f] && header.trim() !== '') drift.added.push({ header, role: roles[f] ?? 'ignore' });
  });
  preset.columns.forEach((column, p) => {
    if (!presetTaken[p] && column.header.trim() !== '') drift.removed.push({ header: column.header, role: column.role });
  });
  return { roles, drift };
}

/** Positions (in `values`) of one longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] ?? 0] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] ?? -1;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i] ?? -1) kept.add(i);
  return kept;
}

/** Nothing changed between the preset and the file. */
export function driftIsEmpty(drift: SheetDrift): boolean {
  return drift.renamed.length + drift.moved.length + drift.added.length + drift.removed.length === 0 && drift.presetSheet !== null;
}

/** One line per change, for the CLI and the import message. */
export function describeDrift(drift: SheetDrift): string[] {
  const where = drift.sheet ? `sheet "${drift.sheet}": ` : '';
  if (drift.presetSheet === null) return [`${where}no sheet of the preset matches; columns were suggested afresh`];
  return [
    ...drift.renamed.map((r) => `${where}column "${r.from}" is now "${r.to}" (kept as ${r.role})`),
    ...drift.moved.map((m) => `${where}column "${m.header}" has moved (was column ${m.from + 1}, now ${m.to + 1})`),
    ...drift.added.map((a) => `${where}new column "${a.header}" (suggested: ${a.role})`),
    ...drift.removed.map((r) => `${where}column "${r.header}" (${r.role}) is missing`),
  ];
}
