// Finding a table's header by its shape rather than its words. A header is a row of short,
// distinct labels standing above rows whose cells are typed consistently column by column
// (dates under one label, codes under another, names under a third), and it does not itself
// look like those rows. Heading words are one signal among several, so a partner whose system
// calls the person "Subject" or "Nominal" is read as readily as one that says "Surname".
import { parseDate } from '../../../shared/domain/normalise/date.js';
import { roleFromCells, roleFromHeader } from './roles.js';
import { filledCount, isBlankRow, type SheetRow } from './sheet.js';

export type CellType = 'date' | 'number' | 'code' | 'text' | 'long';

const NUMBER = /^[-+]?[£$]?\d[\d,]*(\.\d+)?%?$/;
const HAS_DIGIT = /\d/;
const HAS_LETTER = /\p{L}/u;

/** The broad type of one cell: what a column's cells share and its label does not. */
export function cellType(value: string): CellType {
  const v = value.trim();
  if (v.length > 60) return 'long';
  if (NUMBER.test(v)) return 'number';
  if (HAS_DIGIT.test(v)) return parseDate(v) !== null ? 'date' : 'code';
  return HAS_LETTER.test(v) ? 'text' : 'code';
}

/** A cell that can be a column label: short text, not a number, date or code. */
function isLabel(value: string): boolean {
  const v = value.trim();
  if (v.length === 0 || v.length > 48) return false;
  if (!HAS_LETTER.test(v)) return false;
  const t = cellType(v);
  // "Address Line 1", "Sessions 2023", "PCD8": labels may carry a digit, but not be mostly digits.
  if (t === 'code') return (v.match(/\d/g)?.length ?? 0) <= Math.max(1, v.length / 4);
  return t === 'text';
}

const rowKey = (row: SheetRow): string => row.cells.map((c) => (c ?? '').trim().toLowerCase()).join('\u0000');

/** Rows below a candidate looked at to judge it. */
const BELOW = 12;

export interface HeaderCandidate {
  index: number;
  score: number;
  /** Structural evidence alone (labels over typed columns), for a reason shown to the analyst. */
  shape: number;
  words: number;
}

function majority(types: CellType[]): { type: CellType | null; share: number } {
  if (types.length === 0) return { type: null, share: 0 };
  const counts = new Map<CellType, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  let best: CellType | null = null;
  let n = 0;
  for (const [t, c] of counts) if (c > n) [best, n] = [t, c];
  return { type: best, share: n / types.length };
}

const NOT_PERSON_WORDS: ReadonlySet<string> = new Set(['ignore', 'event', 'agency_ref', 'event_date', 'event_end_date', 'event_category', 'event_value']);

/**
 * How much a row's cells read as headings of people's fields (about 1 per clear heading). Only
 * short labels count: an address cell ("Flat 4 5 Rowan Street") names a street, not a column.
 */
function wordScore(row: SheetRow): number {
  let score = 0;
  for (const cell of row.cells) {
    if (!cell || cell.length > 32 || !isLabel(cell)) continue;
    const s = roleFromHeader(cell);
    if (s && !NOT_PERSON_WORDS.has(s.role)) score += s.confidence;
  }
  return score;
}

/**
 * Scores the non-blank `rows[index]` as a header over the rows after it. Zero when it cannot be
 * one (too few labels, repeated labels, or typed like the rows below it).
 */
export function scoreHeaderCandidate(rows: readonly SheetRow[], index: number): HeaderCandidate {
  const none = { index, score: 0, shape: 0, words: 0 };
  const row = rows[index];
  if (!row) return none;
  const filled = filledCount(row.cells);
  if (filled < 2) return none;
  const below: SheetRow[] = [];
  const own = rowKey(row);
  for (let i = index + 1; i < rows.length && below.length < BELOW; i++) {
    const r = rows[i];
    // A repeated header further down is not a data row to judge this one by.
    if (r && !isBlankRow(r) && rowKey(r) !== own) below.push(r);
  }
  const labels: string[] = [];
  let labelCells = 0;
  for (const c of row.cells) {
    if (c === null || c.trim() === '') continue;
    if (isLabel(c)) labelCells++;
    labels.push(c.trim().toLowerCase());
  }
  const labelShare = labelCells / filled;
  const distinct = new Set(labels).size / labels.length;
  if (labelShare < 0.6 || distinct < 0.75) return none;
  const words = wordScore(row);
  if (below.length === 0) return { index, score: labelShare * 0.5 + Math.min(1, words / 3), shape: 0, words };
  // The rows below should be about as wide as the header: a title over a table is not its header.
  const widths = below.map((r) => filledCount(r.cells)).sort((a, b) => a - b);
  const typical = widths[Math.floor(widths.length / 2)] ?? 0;
  if (filled < Math.min(3, typical) || filled < typical * 0.5) return none;
  let contrast = 0;
  let columns = 0;
  for (let i = 0; i < row.cells.length; i++) {
    const h = row.cells[i];
    if (h === null || h === undefined || h.trim() === '') continue;
    const types: CellType[] = [];
    const values = new Set<string>();
    for (const r of below) {
      const c = r.cells[i];
      if (c !== null && c !== undefined && c.trim() !== '') {
        types.push(cellType(c));
        values.add(c.trim().toLowerCase());
      }
    }
    columns++;
    if (types.length === 0) continue;
    const { type, share } = majority(types);
    const headerType = cellType(h);
    if (type !== 'text') {
      // A label over dates, numbers or codes; a cell typed like the column is one of its values.
      contrast += type !== headerType ? share : -0.5 * share;
      continue;
    }
    const heading = roleFromHeader(h);
    if (heading && heading.role !== 'ignore') contrast += 0.6 * share;
    else if (values.has(h.trim().toLowerCase()) || fitsColumn(h, [...values])) contrast -= 0.5 * share;
    else contrast += 0.35 * share;
  }
  // Typed like the rows below it, column for column: a data row, whatever words it holds.
  if (columns > 0 && contrast <= 0) return none;
  const shape = columns ? contrast / columns : 0;
  if (!describesPeople(row, below)) return none;
  const score = shape * 2 + labelShare * 0.5 + Math.min(1.5, words / 2);
  return { index, score, shape, words };
}

const PERSON: ReadonlySet<string> = new Set(['forename', 'surname', 'full_name', 'dob', 'nhs_number', 'nino', 'upn', 'postcode', 'address', 'address_line', 'age', 'sex']);

/** Some column, by its heading or its cells, holds people's details: a table of people, not of figures. */
function describesPeople(row: SheetRow, below: readonly SheetRow[]): boolean {
  for (let i = 0; i < row.cells.length; i++) {
    const byHeader = roleFromHeader(row.cells[i] ?? null)?.role;
    if (byHeader && PERSON.has(byHeader)) return true;
    const values = below.flatMap((r) => (r.cells[i] ? [r.cells[i] ?? ''] : []));
    const byCells = roleFromCells(values)?.role;
    if (byCells && PERSON.has(byCells)) return true;
  }
  return false;
}

/** A cell the column's own content would hold: "Ann" over first names, "F" over sex codes. */
function fitsColumn(cell: string, values: string[]): boolean {
  const column = roleFromCells(values)?.role;
  if (!column || column === 'event') return false;
  return roleFromCells([cell])?.role === column;
}

/** The row (by index into `rows`) that reads most like the header of the rows below it, or null. */
export function findHeaderByShape(rows: readonly SheetRow[], limit: number): HeaderCandidate | null {
  const candidates: HeaderCandidate[] = [];
  let seen = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!r || isBlankRow(r)) continue;
    if (++seen > limit) break;
    const c = scoreHeaderCandidate(rows, i);
    // Structure must speak for the row, or clear heading words must.
    if (c.shape < 0.25 && c.words < 1.3) continue;
    if (c.score >= 0.9) candidates.push(c);
  }
  if (candidates.length === 0) return null;
  // A table's header is its first such row: a repeated header or a second table's further down
  // may look cleaner (fewer notes and totals below it) but comes second.
  const best = Math.max(...candidates.map((c) => c.score));
  return candidates.find((c) => c.score >= best * 0.75) ?? null;
}
