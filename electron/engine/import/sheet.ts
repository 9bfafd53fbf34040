/** One spreadsheet row as read: its true 1-based row number and its cells as text. */
export interface SheetRow {
  rowNumber: number;
  cells: Array<string | null>;
  /** Formulas of cells that had one, as [column index, "=FORMULA"]: the value is in `cells`. */
  formulas?: Array<[number, string]>;
  /** What went wrong reading the row itself (a quote that never closed): it is quarantined with this. */
  problem?: string;
}

export interface SheetData {
  name: string;
  rows: SheetRow[];
}

export type FileFormat = 'csv' | 'xlsx' | 'xls' | 'ods';

export interface WorkbookData {
  format: FileFormat;
  sheets: SheetData[];
}

/** Where a reader hands rows as it reads them, sheet by sheet, in order. */
/** Thrown by a sink that has what it needs (a peek at the headers): every reader passes it on untouched. */
export class StopReading extends Error {}

export interface RowSink {
  /** Told once the format is known, before the first sheet (again if a reader falls back). */
  begin?(format: FileFormat): void;
  startSheet(name: string): void;
  row(row: SheetRow): void;
  endSheet(): void;
  /** A problem with the file as a whole that loses nothing but the user should hear of. */
  warn?(message: string): void;
}

export const isBlankRow = (row: SheetRow): boolean => row.cells.every((c) => c === null || c.trim() === '');

/** Cells with something in them. */
export function filledCount(cells: ReadonlyArray<string | null>): number {
  let n = 0;
  for (const c of cells) if (c !== null && c.trim() !== '') n++;
  return n;
}
