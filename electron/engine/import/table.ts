// Finds the header row under any title rows and sorts the rows below it into records-to-be and
// structure (blank, notes, totals, repeated headers).
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { headerKey, PERSON_NAME_ROLES, roleFromHeader, suggestRole, type RoleSuggestion } from './roles.js';
import { isBlankRow, type SheetData, type SheetRow } from './sheet.js';

const HEADER_SCAN_ROWS = 30;

export interface TablePlan {
  headerRow: SheetRow;
  headers: string[];
  suggestions: RoleSuggestion[];
  /** Rows after the header, classified. */
  rows: Array<{ row: SheetRow; kind: 'data' | 'structure'; reason?: string }>;
  /** Rows above the header (titles). */
  above: SheetRow[];
}

function headerScore(row: SheetRow): { score: number; hasName: boolean } {
  let score = 0;
  let hasName = false;
  for (const cell of row.cells) {
    const s = roleFromHeader(cell);
    if (!s || s.role === 'event' || s.role === 'agency_ref') continue;
    score += s.confidence;
    if (PERSON_NAME_ROLES.has(s.role)) hasName = true;
  }
  return { score, hasName };
}

/** The first row among the top rows that reads most like a header naming people's fields. */
export function findHeaderRow(sheet: SheetData): SheetRow | null {
  let best: SheetRow | null = null;
  let bestScore = 0;
  for (const row of sheet.rows.slice(0, HEADER_SCAN_ROWS)) {
    const { score, hasName } = headerScore(row);
    if (hasName && score >= 1.3 && score > bestScore + 0.01) {
      best = row;
      bestScore = score;
    }
  }
  return best;
}

const TOTALS = /^(grand )?totals?\b|^(count|sum|number of (rows|records|people))\b/i;

function classify(row: SheetRow, headerKeys: string[]): { kind: 'data' | 'structure'; reason?: string } {
  if (isBlankRow(row)) return { kind: 'structure', reason: 'blank row' };
  const filled = row.cells.filter((c) => c !== null && c.trim() !== '');
  const keys = row.cells.map((c) => (c ? headerKey(c) : ''));
  const repeats = keys.filter((k, i) => k !== '' && k === headerKeys[i]).length;
  if (repeats >= Math.max(2, filled.length * 0.8)) return { kind: 'structure', reason: 'repeated header row' };
  const first = (filled[0] ?? '').trim();
  if (TOTALS.test(first)) return { kind: 'structure', reason: 'totals row' };
  if (filled.length === 1 && first.length > 40 && headerKeys.filter(Boolean).length > 2) return { kind: 'structure', reason: 'note' };
  return { kind: 'data' };
}

export function planTable(sheet: SheetData, roles?: ColumnRole[]): TablePlan | null {
  const headerRow = findHeaderRow(sheet);
  if (!headerRow) return null;
  // A loop, not Math.max(...rows): spreading 300k arguments overflows the call stack.
  let width = headerRow.cells.length;
  for (const r of sheet.rows) if (r.cells.length > width) width = r.cells.length;
  const headers = Array.from({ length: width }, (_, i) => (headerRow.cells[i] ?? '').trim());
  const headerKeys = headers.map(headerKey);
  const above = sheet.rows.filter((r) => r.rowNumber < headerRow.rowNumber);
  const rows = sheet.rows.filter((r) => r.rowNumber > headerRow.rowNumber).map((row) => ({ row, ...classify(row, headerKeys) }));
  const dataRows = rows.filter((r) => r.kind === 'data').map((r) => r.row);
  const suggestions = headers.map((header, i) => {
    const given = roles?.[i];
    if (given) return { role: given, confidence: 1 };
    return suggestRole(header || null, dataRows.slice(0, 500).map((r) => r.cells[i] ?? '').filter(Boolean));
  });
  return { headerRow, headers, suggestions, rows, above };
}

/** A sheet of free text (a "Notes" or "Read me" tab) rather than a table. */
export function isNotesSheet(sheet: SheetData): boolean {
  const filled = sheet.rows.map((r) => r.cells.filter((c) => c !== null && c.trim() !== '').length);
  return filled.length === 0 || filled.filter((n) => n <= 1).length >= filled.length * 0.8;
}
