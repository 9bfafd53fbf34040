/** One spreadsheet row as read: its true 1-based row number and its cells as text. */
export interface SheetRow {
  rowNumber: number;
  cells: Array<string | null>;
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

export const isBlankRow = (row: SheetRow): boolean => row.cells.every((c) => c === null || c.trim() === '');
