import * as XLSX from '@e965/xlsx';
import { basename } from 'node:path';
import { excelSerialToIso } from '../../../shared/domain/normalise/date.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { parseCsv } from './csv.js';
import { decodeText, looksBinary } from './decode.js';
import type { SheetData, SheetRow, WorkbookData } from './sheet.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/** Reads any supported file into sheets of text rows with true row numbers. Throws `bad-input`. */
export function readWorkbook(path: string, bytes: Uint8Array): WorkbookData {
  const name = basename(path);
  if (bytes.length === 0) throw new WorkbenchError('bad-input', `${name}: the file is empty (0 bytes).`);
  if (startsWith(bytes, ZIP) || startsWith(bytes, CFB)) return readSpreadsheet(name, bytes);
  if (looksBinary(bytes)) {
    throw new WorkbenchError('bad-input', `${name}: this is not a spreadsheet or a CSV file (it holds binary data).`);
  }
  const { text } = decodeText(bytes);
  const rows = parseCsv(text);
  if (rows.every((r) => r.cells.every((c) => c === null || c.trim() === ''))) {
    throw new WorkbenchError('bad-input', `${name}: the file has no rows with any values.`);
  }
  return { format: 'csv', sheets: [{ name: '', rows }] };
}

function readSpreadsheet(name: string, bytes: Uint8Array): WorkbookData {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellHTML: false, cellFormula: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password/i.test(message)) {
      throw new WorkbenchError('bad-input', `${name}: the workbook is password-protected. Save an unprotected copy and import that.`);
    }
    throw new WorkbenchError('bad-input', `${name}: the file could not be read as a spreadsheet (it may be damaged or truncated).`);
  }
  const bookType = (wb as { bookType?: string }).bookType;
  const format = bookType === 'xls' || bookType === 'biff8' ? 'xls' : bookType === 'ods' ? 'ods' : 'xlsx';
  const sheets: SheetData[] = wb.SheetNames.map((sheetName) => ({ name: sheetName, rows: readSheet(wb.Sheets[sheetName]) }));
  if (sheets.every((s) => s.rows.length === 0)) throw new WorkbenchError('bad-input', `${name}: every sheet is empty.`);
  return { format, sheets };
}

function readSheet(ws: XLSX.WorkSheet | undefined): SheetRow[] {
  const data = (ws as { '!data'?: Array<Array<XLSX.CellObject | undefined> | undefined> } | undefined)?.['!data'];
  if (!data) return [];
  const rows: SheetRow[] = [];
  // Dense rows are indexed by absolute row, so the index is the spreadsheet's own row number.
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    const cells: Array<string | null> = [];
    let any = false;
    for (let c = 0; c < row.length; c++) {
      const text = cellText(row[c]);
      cells.push(text);
      if (text !== null) any = true;
    }
    if (any) rows.push({ rowNumber: r + 1, cells });
  }
  return rows;
}

function cellText(cell: XLSX.CellObject | undefined): string | null {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? '#ERROR';
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
    case 'n': {
      const v = Number(cell.v);
      if (typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)) return excelSerialToIso(v) ?? String(v);
      return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
    }
    default:
      return String(cell.v);
  }
}
