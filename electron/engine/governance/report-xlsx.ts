// A workbook for people to read (the data protection record). Text typed by partners or users
// (file names, partner names, agreement references) could start like a formula, so every text
// cell is neutralised: a spreadsheet program must never run what the store holds.
import { renameSync, writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';

export type ReportCell = string | number | boolean | null;

export interface ReportSheet {
  name: string;
  rows: ReportCell[][];
  /** Column widths in characters. */
  widths?: number[];
}

// OWASP's list: these open a formula (or DDE) in Excel, LibreOffice and Google Sheets.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Text as the spreadsheet should show it: a leading apostrophe keeps formula-like text as text. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cell(value: ReportCell): XLSX.CellObject | undefined {
  if (value === null || value === '') return undefined;
  if (typeof value === 'number') return { t: 'n', v: value };
  if (typeof value === 'boolean') return { t: 's', v: value ? 'Yes' : 'No' };
  return { t: 's', v: neutraliseFormula(value) };
}

function sheet({ rows, widths }: ReportSheet): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  let maxCol = 0;
  rows.forEach((row, r) => {
    row.forEach((value, c) => {
      const made = cell(value);
      if (made) ws[XLSX.utils.encode_cell({ r, c })] = made;
    });
    maxCol = Math.max(maxCol, row.length);
  });
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, rows.length - 1), c: Math.max(0, maxCol - 1) } });
  if (widths) ws['!cols'] = widths.map((wch) => ({ wch }));
  return ws;
}

/** Writes the sheets through a temporary file renamed at the end, so a failure leaves no half file. */
export function writeReportXlsx(outPath: string, title: string, sheets: ReportSheet[]): void {
  const wb = XLSX.utils.book_new();
  wb.Props = { Title: title, Author: 'Baseline Workbench' };
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, sheet(s), s.name);
  const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  const tmp = `${outPath}.partial`;
  writeFileSync(tmp, bytes, { mode: 0o600 });
  renameSync(tmp, outPath);
}
